import type { SimAccount } from './accounts';
import { SIM_BANKS, type SimBankId } from './banks';
import { civilFromDay, dayOf, monthIndex } from './calendar';
import { generateDay, randomCount, type LegContent, type PostingSink } from './day';
import type { SimEvent } from './event';
import { fingerprintOf, LedgerBooks } from './books';
import { householdFlows, type Flow, type FlowOccurrence, type FlowSide } from './flows';
import { HOUSEHOLD_SINCE, OPENING, savingsRate } from './household';
import { monthPlan, type PlantedPurchase } from './plant-plan';
import { buildHousehold, inBerlin, volumeScale, type AccountProfile } from './profiles';
import { countOccurrencesOn } from './recurring';
import { mix, mixNumber } from './rng';
import { SPIKE_PLANTING } from './spike-plan';

/**
 * The household's books: every account's days, and the amounts that tie accounts
 * together (flows.ts). Balances are carried forward, never drawn: a checking account
 * holds its cushion right after its monthly sweep, so its balance is the cushion plus
 * what posted since; a card's is its last statement plus what posted since; a savings
 * account's is its opening plus every sweep and interest payment, month by month from
 * HOUSEHOLD_SINCE. So the rows of any window add up to the balance, over any history.
 *
 * One ledger serves all three banks of a seed and volume (see ledgerFor), so the sums
 * behind a sweep are worked out once in a process.
 */
export class HouseholdLedger {
  readonly seed: number;
  readonly daily: number;
  readonly profiles: readonly AccountProfile[];
  readonly flows: readonly Flow[];
  private readonly byKey = new Map<string, AccountProfile>();
  /** For each account, the flows with a side on it and which side. */
  private readonly sidesByAccount = new Map<string, { flow: Flow; index: number }[]>();
  private readonly amounts = new Map<string, number>();
  private readonly sums = new Map<string, number>();
  /** Savings balances at the start of each month from HOUSEHOLD_SINCE, by account. */
  private readonly savingsStarts = new Map<string, number[]>();
  private readonly plans = new Map<string, readonly PlantedPurchase[]>();
  private readonly firstMonth = monthIndex(civilFromDay(HOUSEHOLD_SINCE));
  /** Where the banks keep their books between processes (books.ts); none in a test's world. */
  private readonly booksDir: string | undefined;
  private booksRef: LedgerBooks | null | undefined;
  /** How many amounts the books held when last read or written. */
  private keptAmounts = 0;

  constructor(seed: number, daily: number, booksDir?: string) {
    this.seed = seed;
    this.daily = daily;
    this.booksDir = booksDir;
    this.profiles = buildHousehold(seed, daily);
    for (const p of this.profiles) this.byKey.set(p.account.key, p);
    this.flows = householdFlows(this.profiles.map((p) => p.account));
    for (const flow of this.flows) {
      const sample = flow.occurrence(this.firstMonth + 1);
      sample?.sides.forEach((s, index) => {
        const list = this.sidesByAccount.get(s.account) ?? [];
        list.push({ flow, index });
        this.sidesByAccount.set(s.account, list);
      });
    }
  }

  profile(account: SimAccount): AccountProfile {
    const p = this.byKey.get(account.key);
    if (!p) throw new RangeError(`no account ${account.key} in the household`);
    return p;
  }

  bankHash(bank: SimBankId): number {
    return mix(mixNumber(0x5eed, this.seed), SIM_BANKS[bank].index);
  }

  dayHash(account: SimAccount, day: number): number {
    return mix(mix(this.bankHash(account.bank), account.index), day);
  }

  /** The anomalies planted on `day` (see plant-plan.ts), from the month's plan; in Berlin only during a stay. */
  plantedOn(profile: AccountProfile, day: number): PlantedPurchase[] {
    const month = monthIndex(civilFromDay(day));
    const key = `${profile.account.index}|${month}`;
    let plan = this.plans.get(key);
    if (!plan) {
      if (this.plans.size >= 512) this.plans.clear();
      const region = SIM_BANKS[profile.account.bank].region;
      plan = monthPlan(profile, region, mix(this.bankHash(profile.account.bank), profile.account.index), month, {
        household: this.profiles,
        volume: volumeScale(this.daily),
      });
      this.plans.set(key, plan);
    }
    return plan.filter(
      (p) => p.day === day && (!profile.between || inBerlin(day, profile.householdHash, civilFromDay(day).year)),
    );
  }

  /** Events authorized on `day`, visible or not. No event is generated. */
  eventCount(account: SimAccount, day: number): number {
    if (day < HOUSEHOLD_SINCE) return 0;
    const profile = this.profile(account);
    return (
      countOccurrencesOn(profile.rules, day, profile.lateness) +
      this.sidesOn(account.key, day).length +
      randomCount(profile, day, this.dayHash(account, day)) +
      this.plantedOn(profile, day).length
    );
  }

  /** All events authorized on `day`, in time order. */
  eventsOn(account: SimAccount, day: number): SimEvent[] {
    if (day < HOUSEHOLD_SINCE) return [];
    const legs = this.sidesOn(account.key, day).map(({ occurrence, side }) => this.legContent(occurrence, side));
    return this.generate(account, day, legs);
  }

  /** The postings of the account's own events of `day` (not the flows), without making the events. */
  postingsOn(account: SimAccount, day: number, sink: PostingSink): void {
    if (day >= HOUSEHOLD_SINCE) this.generate(account, day, [], sink);
  }

  private generate(account: SimAccount, day: number, legs: readonly LegContent[], sink?: PostingSink): SimEvent[] {
    const profile = this.profile(account);
    const bank = SIM_BANKS[account.bank];
    const hash = this.dayHash(account, day);
    return generateDay(bank, this.bankHash(account.bank), profile, day, hash, this.plantedOn(profile, day), legs, sink);
  }

  /** The flow sides that post on `day` to the account, in time order (their calendar only). */
  sidesOn(accountKey: string, day: number): { occurrence: FlowOccurrence; side: FlowSide }[] {
    const list = this.sidesByAccount.get(accountKey);
    if (!list) return [];
    const month = monthIndex(civilFromDay(day));
    const out: { occurrence: FlowOccurrence; side: FlowSide }[] = [];
    for (const { flow, index } of list) {
      // A side can post in the month after its flow's (a card paid early in the next month).
      for (let m = month - 1; m <= month; m++) {
        const occurrence = flow.occurrence(m);
        const side = occurrence?.sides[index];
        if (occurrence && side && side.day === day) out.push({ occurrence, side });
      }
    }
    return out.sort((a, b) => a.side.ms - b.side.ms);
  }

  private legContent(occurrence: FlowOccurrence, side: FlowSide): LegContent {
    const amount = this.amount(occurrence);
    const interest = occurrence.flow.kind === 'interest';
    return {
      amountCents: side.sign * amount,
      category: interest ? 'income' : 'transfer',
      channel: interest ? 'interest' : 'transfer',
      merchant: side.merchant,
      legal: side.legal,
      descriptor: side.descriptor[amount >= 0 ? 0 : 1],
      counterpartyIban: side.counterpartyIban,
      recurring: occurrence.flow.kind === 'card-payment' ? 'card-payment' : occurrence.flow.key,
      pair: occurrence.id,
      ms: side.ms,
    };
  }

  /**
   * The flow's amount: a card's statement balance, what a checking account held above
   * its cushion, a month's interest. Positive in the flow's usual direction.
   */
  amount(occurrence: FlowOccurrence): number {
    // The books an earlier process kept know the amounts: read before working one out
    // (a resync of ten years worked them all out again from the days, 1.5 s).
    if (this.booksRef === undefined) this.books();
    const known = this.amounts.get(occurrence.id);
    if (known !== undefined) return known;
    const { flow } = occurrence;
    let amount: number;
    if (flow.kind === 'card-payment') {
      amount = -this.baseSum(flow.settles, occurrence.fromMs, occurrence.toMs);
    } else if (flow.kind === 'sweep') {
      amount = this.sumOf(flow.settles, occurrence.fromMs, occurrence.toMs, false);
    } else {
      // Filled in by the month's pass over the savings account.
      this.savingsStart(flow.settles, occurrence.month + 1);
      amount = this.amounts.get(occurrence.id) ?? 0;
    }
    this.amounts.set(occurrence.id, amount);
    if (this.booksRef) keepAtExit(this);
    return amount;
  }

  /** Postings to the account after `fromMs` and before `toMs` (up to it when inclusive), flows included. */
  private sumOf(key: string, fromMs: number, toMs: number, inclusive: boolean): number {
    let sum = this.baseSum(key, fromMs, toMs, inclusive);
    const list = this.sidesByAccount.get(key) ?? [];
    const firstMonth = this.monthOfMs(key, fromMs) - 1;
    const lastMonth = this.monthOfMs(key, toMs);
    for (const { flow, index } of list) {
      for (let m = firstMonth; m <= lastMonth; m++) {
        const occurrence = flow.occurrence(m);
        const side = occurrence?.sides[index];
        if (!occurrence || !side || side.ms <= fromMs || side.ms > toMs || (!inclusive && side.ms === toMs)) continue;
        sum += side.sign * this.amount(occurrence);
      }
    }
    return sum;
  }

  private monthOfMs(key: string, ms: number): number {
    const account = this.byKey.get(key)?.account;
    const offset = account ? SIM_BANKS[account.bank].utcOffsetMinutes : 0;
    return monthIndex(civilFromDay(dayOf(ms, offset)));
  }

  /**
   * What posted to the account from its own days (not the flows) after `fromMs` and
   * before `toMs`: generated from the days it may have been authorized on (a card
   * purchase posts up to five days later), cached, since sweeps and statements ask for
   * the same spans again.
   */
  private baseSum(key: string, fromMs: number, toMs: number, inclusive = false): number {
    const cacheKey = `${key}|${fromMs}|${toMs}|${inclusive}`;
    const known = this.sums.get(cacheKey);
    if (known !== undefined) return known;
    const profile = this.byKey.get(key);
    if (!profile) throw new RangeError(`no account ${key}`);
    const offset = SIM_BANKS[profile.account.bank].utcOffsetMinutes;
    let sum = 0;
    const add = (settleMs: number, postedCents: number) => {
      if (settleMs > fromMs && (inclusive ? settleMs <= toMs : settleMs < toMs)) sum += postedCents;
    };
    for (let day = Math.max(HOUSEHOLD_SINCE, dayOf(fromMs, offset) - 6); day <= dayOf(toMs, offset); day++) {
      this.postingsOn(profile.account, day, add);
    }
    if (inclusive) return sum; // a balance's span ends now and is not asked again
    if (this.sums.size >= 100_000) this.sums.clear();
    this.sums.set(cacheKey, sum);
    return sum;
  }

  /**
   * A savings account's balance when `month` starts, from its opening, month by month:
   * each month's sweep, then its interest on the balance of that day.
   */
  private savingsStart(key: string, month: number): number {
    const books = this.books();
    const starts = this.savingsStarts.get(key) ?? [key === 'bankc-savings' ? OPENING.tagesgeld : OPENING.savings];
    this.savingsStarts.set(key, starts);
    const known = starts.length;
    const currency = this.byKey.get(key)?.account.currency ?? 'USD';
    while (starts.length <= month - this.firstMonth) {
      const m = this.firstMonth + starts.length - 1;
      let balance = starts[starts.length - 1] as number;
      for (const { occurrence, side } of this.monthSides(key, m)) {
        if (occurrence.flow.kind === 'interest') {
          const year = 1970 + Math.floor(m / 12);
          const interest = Math.max(0, Math.round((balance * savingsRate(year, currency)) / 12));
          this.amounts.set(occurrence.id, interest);
          balance += interest;
        } else {
          balance += side.sign * this.amount(occurrence);
        }
      }
      starts.push(balance);
    }
    if (books && starts.length > known) this.write(books);
    return starts[month - this.firstMonth] as number;
  }

  /**
   * The books kept between processes, read once: their file is named by a fingerprint of
   * the household, so figures of another household (a changed simulator) are never read.
   * The fingerprint takes what is cheap to make and changes with the money: every
   * account's postings of its first week, the flows' first two months of sides (when and
   * which way, not their amounts), and BOOKS_RULES for the rules that make the amounts.
   * (Working out amounts to name the file cost a day's sync 600 generated days.)
   */
  private books(): LedgerBooks | null {
    if (this.booksRef !== undefined) return this.booksRef;
    if (this.booksDir === undefined) return null;
    const figures: (string | number)[] = [this.seed, this.daily, SPIKE_PLANTING, BOOKS_RULES];
    const add = (settleMs: number, cents: number) => figures.push(settleMs, cents);
    for (const { account } of this.profiles) {
      for (let day = HOUSEHOLD_SINCE; day < HOUSEHOLD_SINCE + 7; day++) this.postingsOn(account, day, add);
    }
    for (const flow of this.flows) {
      for (const month of [this.firstMonth + 1, this.firstMonth + 2]) {
        const occurrence = flow.occurrence(month);
        if (!occurrence) continue;
        figures.push(occurrence.id, occurrence.fromMs, occurrence.toMs);
        for (const side of occurrence.sides) figures.push(side.account, side.ms, side.sign);
      }
    }
    const books = new LedgerBooks(this.booksDir, this.seed, this.daily, fingerprintOf(figures));
    const kept = books.load();
    if (kept) {
      for (const [id, amount] of Object.entries(kept.amounts)) if (!this.amounts.has(id)) this.amounts.set(id, amount);
      for (const [key, starts] of Object.entries(kept.savingsStarts))
        if ((this.savingsStarts.get(key)?.length ?? 0) < starts.length) this.savingsStarts.set(key, [...starts]);
    }
    this.keptAmounts = this.amounts.size;
    this.booksRef = books;
    return books;
  }

  /** Writes the books when this process worked out amounts they did not have. */
  keep(): void {
    if (this.booksRef && this.amounts.size !== this.keptAmounts) this.write(this.booksRef, true);
  }

  private write(books: LedgerBooks, existingDir = false): void {
    books.save({ amounts: Object.fromEntries(this.amounts), savingsStarts: Object.fromEntries(this.savingsStarts) }, existingDir);
    this.keptAmounts = this.amounts.size;
  }

  /** The flow sides of the account that belong to `month`, in time order. */
  private monthSides(key: string, month: number): { occurrence: FlowOccurrence; side: FlowSide }[] {
    const out: { occurrence: FlowOccurrence; side: FlowSide }[] = [];
    for (const { flow, index } of this.sidesByAccount.get(key) ?? []) {
      const occurrence = flow.occurrence(month);
      const side = occurrence?.sides[index];
      if (occurrence && side) out.push({ occurrence, side });
    }
    return out.sort((a, b) => a.side.ms - b.side.ms);
  }

  /** The ledger balance at `nowMs`: everything posted by then (see the class comment). */
  balanceAt(account: SimAccount, nowMs: number): number {
    const offset = SIM_BANKS[account.bank].utcOffsetMinutes;
    const since = HOUSEHOLD_SINCE * 86_400_000 - offset * 60_000;
    if (nowMs < since) return 0;
    const month = monthIndex(civilFromDay(dayOf(nowMs, offset)));
    if (account.type === 'savings') {
      let balance = this.savingsStart(account.key, month);
      for (const { occurrence, side } of this.monthSides(account.key, month)) {
        if (side.ms <= nowMs) balance += side.sign * this.amount(occurrence);
      }
      return balance;
    }
    // The last moment the account was settled: a sweep (checking) or a statement (card).
    const flow = this.flows.find((f) => f.settles === account.key && f.kind !== 'interest');
    if (!flow) return this.sumOf(account.key, since - 1, nowMs, true);
    let occurrence = flow.occurrence(month);
    if (!occurrence || occurrence.toMs > nowMs) occurrence = flow.occurrence(month - 1);
    if (!occurrence) return (flow.kind === 'sweep' ? flow.cushion : 0) + this.sumOf(account.key, since - 1, nowMs, true);
    const settled = flow.kind === 'sweep' ? flow.cushion : -this.amount(occurrence);
    return settled + this.sumOf(account.key, occurrence.toMs, nowMs, true);
  }
}

/**
 * Bump when a rule that makes a flow's amount changes (a sweep's cushion, a statement's
 * span): the books' file name changes with it, so no process reads the old figures.
 */
const BOOKS_RULES = 1;

/**
 * Amounts worked out in a process are written to the books when it exits, once, rather
 * than after each (a first sync works out a thousand): the next process finds them.
 */
const unkept = new Set<HouseholdLedger>();
function keepAtExit(ledger: HouseholdLedger): void {
  if (unkept.size === 0)
    process.once('exit', () => {
      for (const l of unkept) l.keep();
      unkept.clear();
    });
  unkept.add(ledger);
}

const ledgers = new Map<string, HouseholdLedger>();

/** The ledger of a seed and volume, shared by the banks of a process. */
export function ledgerFor(seed: number, daily: number, booksDir?: string): HouseholdLedger {
  const key = `${seed}|${daily}|${booksDir ?? ''}`;
  let ledger = ledgers.get(key);
  if (!ledger) {
    if (ledgers.size >= 16) ledgers.clear();
    ledger = new HouseholdLedger(seed, daily, booksDir);
    ledgers.set(key, ledger);
  }
  return ledger;
}
