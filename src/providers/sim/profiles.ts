import { buildAccounts, type SimAccount } from './accounts';
import { SIM_BANK_IDS, SIM_BANKS, type SimBankId } from './banks';
import { dayFromCivil } from './calendar';
import {
  DEFAULT_DAILY,
  EU_CITY,
  EU_HOME_SPENDING,
  EU_STAY_SPENDING,
  STAYS,
  US_CITY,
  US_SPENDING,
  type SpendingLine,
} from './household';
import { householdRules } from './bills';
import { EU_MERCHANTS, EU_ONLINE, lineOf, US_MERCHANTS, type MerchantSpec } from './merchants';
import type { Lateness, RecurringRule } from './recurring';
import { mix, mixNumber, mixString, rngFor, type Rng } from './rng';

/** A payee as this household meets it: store number and city fixed, order code still open. */
export interface PreparedMerchant {
  spec: MerchantSpec;
  descriptor: string;
  /** The descriptor has `@` characters drawn fresh per purchase. */
  hasCode: boolean;
}

/** The everyday payees of an account on some days, with how often each is paid. */
export interface EverydaySet {
  /** Average everyday purchases a day, before the weekday factor. */
  lambda: number;
  /** `spec.weight` is purchases a day at that payee; min, max and step are already scaled (see amountScale). */
  merchants: readonly PreparedMerchant[];
  /** Cumulative weights of `merchants`, to pick one with a single draw. */
  cumulative: Float64Array;
}

/** Everything about one account that does not change from day to day. */
export interface AccountProfile extends EverydaySet {
  account: SimAccount;
  /** Between stays in Berlin (BankC): the everyday set of a day at home. */
  between: EverydaySet | null;
  rules: readonly RecurringRule[];
  lateness: Lateness | null;
  /** How a debit-card purchase on this checking account starts on the statement. */
  debitPrefix: 'checkcard' | 'pos' | null;
  /** Where purchases happen, as statements print it. */
  city: string;
  /** The household's hash, for draws that do not belong to one account. */
  householdHash: number;
}

const DAYS_PER_MONTH = 30.44;

/** Fills `#` with digits and `%` with the city; `@` stays for each purchase. */
export function fill(template: string, rng: Rng, city: string): string {
  let out = '';
  for (const ch of template) out += ch === '#' ? String(rng.int(0, 9)) : ch === '%' ? city : ch;
  return out;
}

const meanAmount = (specs: readonly MerchantSpec[]) =>
  specs.reduce((s, m) => s + m.weight * ((m.min + m.max) / 2), 0) / specs.reduce((s, m) => s + m.weight, 0);

/**
 * How many payees of a line each account uses: a household shops at a few places it
 * knows, not at every store in town, so a first visit somewhere is rare (and is news).
 */
const HABITS: Readonly<Record<SpendingLine['line'], number>> = {
  groceries: 2,
  dining: 4,
  gas: 1,
  shopping: 3,
  transport: 2,
  entertainment: 2,
  health: 2,
  travel: 2,
  cash: 1,
  people: 2,
  fees: 1,
};

/**
 * Purchases a day at each payee of each account, so that each spending line costs what
 * household.ts says a month (or a day of a stay): the line's rate is its money over its
 * payees' mean price, shared by the split and by the payees' weights. Each account keeps
 * its habits (HABITS): the line's payees from a place of its own in the list.
 */
function rates(
  lines: readonly SpendingLine[],
  catalogue: readonly MerchantSpec[],
  perMonth: boolean,
): Map<string, Map<MerchantSpec, number>> {
  const out = new Map<string, Map<MerchantSpec, number>>();
  for (const line of lines) {
    const all = catalogue.filter((m) => lineOf(m) === line.line).sort((a, b) => b.weight - a.weight);
    if (all.length === 0) throw new RangeError(`no payee for the spending line ${line.line}`);
    Object.entries(line.split).forEach(([key, share], n) => {
      const keep = Math.min(HABITS[line.line], all.length);
      const specs = Array.from({ length: keep }, (_, i) => all[(n + i) % all.length] as MerchantSpec);
      const perDay = line.monthlyCents / (perMonth ? DAYS_PER_MONTH : 1) / meanAmount(specs);
      const weights = specs.reduce((sum, m) => sum + m.weight, 0);
      const byMerchant = out.get(key) ?? new Map<MerchantSpec, number>();
      for (const spec of specs) byMerchant.set(spec, (byMerchant.get(spec) ?? 0) + (perDay * share * spec.weight) / weights);
      out.set(key, byMerchant);
    });
  }
  return out;
}

const US_RATES = rates(US_SPENDING, US_MERCHANTS, true);
const EU_STAY_RATES = rates(EU_STAY_SPENDING, EU_MERCHANTS, false);
const EU_HOME_RATES = rates(EU_HOME_SPENDING, EU_ONLINE, true);

/** Everyday purchases a day at home across the household, as household.ts sizes them. */
export const NATURAL_DAILY = [...US_RATES.values(), ...EU_HOME_RATES.values()].reduce(
  (s, m) => s + [...m.values()].reduce((a, b) => a + b, 0),
  0,
);

/**
 * FINAGG_SIM_DAILY sets how many everyday purchases the household makes, not what it
 * spends: rates scale by `daily / NATURAL_DAILY` and prices by its inverse, so a month
 * costs the same at any volume and balances stay those of the same family.
 */
export function volumeScale(daily: number): number {
  return daily / NATURAL_DAILY;
}

function scaled(spec: MerchantSpec, priceScale: number, perDay: number): MerchantSpec {
  if (priceScale === 1) return { ...spec, weight: perDay };
  const step = Math.max(1, Math.round(spec.step * priceScale));
  const round = (cents: number) => Math.max(step, Math.round((cents * priceScale) / step) * step);
  return { ...spec, min: round(spec.min), max: Math.max(round(spec.min), round(spec.max)), step, weight: perDay };
}

function everyday(byMerchant: Map<MerchantSpec, number> | undefined, scale: number, rng: Rng, city: string): EverydaySet {
  const merchants: PreparedMerchant[] = [];
  for (const [spec, perDay] of byMerchant ?? []) {
    const s = scaled(spec, 1 / scale, perDay * scale);
    merchants.push({ spec: s, descriptor: fill(s.template, rng, city), hasCode: s.template.includes('@') });
  }
  const cumulative = new Float64Array(merchants.length);
  let total = 0;
  merchants.forEach((m, i) => {
    total += m.spec.weight;
    cumulative[i] = total;
  });
  return { lambda: total, merchants, cumulative };
}

/** Whether `day` is a day of a stay in Berlin; each stay starts up to six days later in some years. */
export function inBerlin(day: number, householdHash: number, year: number): boolean {
  for (const stay of STAYS) {
    const start = dayFromCivil(year, stay.month, stay.day) + (mix(mixString(householdHash, 'stay'), year * 12 + stay.month) % 7);
    if (day >= start && day < start + stay.days) return true;
    // A Christmas stay runs into the new year.
    const before =
      dayFromCivil(year - 1, stay.month, stay.day) + (mix(mixString(householdHash, 'stay'), (year - 1) * 12 + stay.month) % 7);
    if (day >= before && day < before + stay.days) return true;
  }
  return false;
}

/** The seven accounts of the household with their profiles, in account order. */
export function buildHousehold(seed: number, daily: number): AccountProfile[] {
  const accounts = SIM_BANK_IDS.flatMap((bank) => buildAccounts(bank, seed));
  const householdHash = mixNumber(0x40e5e, seed);
  const rng = rngFor(seed, 'household');
  const scale = volumeScale(daily);
  const rules = householdRules(accounts, rng);
  return accounts.map((account) => {
    const region = SIM_BANKS[account.bank].region;
    const city = region === 'us' ? US_CITY : EU_CITY;
    const own = rules.get(account.key) ?? [];
    const set = region === 'us' ? US_RATES.get(account.key) : EU_STAY_RATES.get(account.key);
    const main = everyday(set, scale, rng, city);
    const home = region === 'eu' ? EU_HOME_RATES.get(account.key) : undefined;
    const lateKeys = own.filter((r) => r.canBeLate).map((r) => r.key);
    return {
      account,
      ...main,
      between: home ? everyday(home, scale, rng, city) : null,
      rules: own,
      lateness: lateKeys.length > 0 ? { hash: mix(mixString(householdHash, 'late'), account.index), keys: lateKeys } : null,
      debitPrefix: account.type !== 'checking' || region !== 'us' ? null : account.bank === 'banka' ? 'checkcard' : 'pos',
      city,
      householdHash,
    };
  });
}

/** The profiles of one bank's accounts. */
export function buildProfiles(bank: SimBankId, seed: number, daily: number = DEFAULT_DAILY): AccountProfile[] {
  return buildHousehold(seed, daily).filter((p) => p.account.bank === bank);
}
