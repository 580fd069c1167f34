import type { SimAccount } from './accounts';
import type { SimBankInfo } from './banks';
import { civilFromDay, DAY_MS, dayStartMs, weekday } from './calendar';
import type { SimEvent } from './event';
import { fillCode, skipCode } from './order-code';
import type { PlantedPurchase } from './plant-plan';
import { raisedCents, raiseHash } from './price-raises';
import { inBerlin, type AccountProfile, type EverydaySet, type PreparedMerchant } from './profiles';
import { occurrencesOn, priceLevel, ruleAmount, type RecurringRule } from './recurring';
import { fmix32, mix, mixString, rngFromHash, unitHash, type Rng } from './rng';

const HOUR = 3_600_000;

/** More spending at weekends; normalized so that a week averages 1. */
const WEEKDAY_FACTOR = (() => {
  const raw = [1.2, 0.85, 0.9, 0.9, 0.95, 1.1, 1.3];
  const mean = raw.reduce((a, b) => a + b, 0) / raw.length;
  return raw.map((f) => f / mean);
})();

/** Days a card authorization stays pending: 1 to 5, most post the next day or the one after. */
const SETTLE_DAYS = [1, 1, 1, 1, 1, 1, 1, 2, 2, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 5];

/** An identical purchase right after another (two coffees), so dedupe must keep both. */
const TWIN_RATE = 0.01;
/** BankB withdraws some pending authorizations (hotel holds, gas pre-auths). */
const CANCEL_RATE = 0.02;
/** BankC posts restaurant bills with the tip added, under a new id. */
const TIP_RATE = 0.7;
/** BankC re-issues the id of some posted records a few days after posting. */
const REISSUE_RATE = 0.01;

/** What an event is, apart from when it happens and how it moves through its states. */
type Content = Pick<
  SimEvent,
  | 'amountCents'
  | 'postedCents'
  | 'category'
  | 'channel'
  | 'merchant'
  | 'legal'
  | 'descriptor'
  | 'counterpartyIban'
  | 'recurring'
  | 'twinOf'
  | 'planted'
  | 'pair'
>;

/** One side of a move between the household's accounts (flows.ts), its amount worked out by the ledger. */
export interface LegContent {
  amountCents: number;
  category: SimEvent['category'];
  channel: SimEvent['channel'];
  merchant: string;
  legal: string;
  descriptor: string;
  counterpartyIban: string | null;
  recurring: string;
  pair: string;
  /** Posting moment, within the day. */
  ms: number;
}

/** Receives each event's posting moment (Infinity when it never posts) and posted cents. */
export type PostingSink = (settleMs: number, postedCents: number) => void;

/** The everyday payees of the day: the stay set in Berlin, the home set between stays (BankC). */
export function everydayOf(profile: AccountProfile, day: number): EverydaySet {
  if (!profile.between) return profile;
  return inBerlin(day, profile.householdHash, civilFromDay(day).year) ? profile : profile.between;
}

/** Everyday events of a day: a Poisson count drawn from the day's hash alone, so counting costs no generation. */
export function randomCount(profile: AccountProfile, day: number, dayHash: number): number {
  const lambda = everydayOf(profile, day).lambda * (WEEKDAY_FACTOR[weekday(day)] ?? 1);
  const u = unitHash(mix(dayHash, 0xc0c0));
  if (lambda > 64) {
    // Normal approximation of the Poisson distribution (Box-Muller).
    const u2 = unitHash(mix(dayHash, 0xc0c1));
    const z = Math.sqrt(-2 * Math.log(1 - u)) * Math.cos(2 * Math.PI * u2);
    return Math.max(0, Math.round(lambda + Math.sqrt(lambda) * z));
  }
  let p = Math.exp(-lambda);
  let cdf = p;
  let k = 0;
  while (u > cdf && k < 1000) {
    k++;
    p *= lambda / k;
    cdf += p;
  }
  return k;
}

/** The day's recurring payments with the month each belongs to, in rule order. */
function rulesOnDay(profile: AccountProfile, day: number): { rule: RecurringRule; month: number; late: boolean }[] {
  const out: { rule: RecurringRule; month: number; late: boolean }[] = [];
  for (const rule of profile.rules) {
    for (const o of occurrencesOn(rule, day, profile.lateness)) out.push({ rule, month: o.month, late: o.late });
  }
  return out;
}

/**
 * All events authorized on one day of one account, in time order: recurring ones at
 * night, then the moves between the household's own accounts (`legs`), then everyday
 * ones over the waking hours, then the day's planted anomalies (see plant-plan.ts) in the
 * evening. Everything but the legs is drawn from the day's own stream, so a day comes out
 * the same whenever and however often it is made; legs draw from a stream of their own
 * and planted events draw last, so the ordinary events are the same with or without them.
 */
export function generateDay(
  bank: SimBankInfo,
  bankHash: number,
  profile: AccountProfile,
  day: number,
  dayHash: number,
  planted: readonly PlantedPurchase[] = [],
  legs: readonly LegContent[] = [],
  postings?: PostingSink,
): SimEvent[] {
  const account = profile.account;
  const rng = rngFromHash(mix(dayHash, 0xe7e7));
  const legRng = rngFromHash(mix(dayHash, 0x1e95));
  const date = civilFromDay(day);
  const start = dayStartMs(day, bank.utcOffsetMinutes);
  const rules = rulesOnDay(profile, day);
  const level = priceLevel(date.year);
  const prefix =
    profile.debitPrefix === 'checkcard'
      ? `CHECKCARD ${String(date.month).padStart(2, '0')}${String(date.day).padStart(2, '0')} `
      : profile.debitPrefix === 'pos'
        ? 'POS DEBIT '
        : '';
  const events: SimEvent[] = [];
  let seq = 0;
  // With a sink, only when each event posts and for how much: no text, no ids, no objects
  // kept (the ledger's sums over years of days); the draws are the same either way.
  let lastAuthMs = start;
  const push = (content: Content, authMs: number, tipped: boolean, draw: Rng = rng): void => {
    const n = seq++;
    lastAuthMs = authMs;
    if (postings)
      postings(lifeOf(bank, day, draw, authMs, content.channel, content.planted, tipped).settleMs, content.postedCents);
    else events.push(finish(bank, account, day, n, dayHash, draw, authMs, content, tipped));
  };
  /** An everyday purchase in postings mode: no content made. */
  const post = (channel: Content['channel'], postedCents: number, authMs: number, tipped: boolean): void => {
    seq++;
    lastAuthMs = authMs;
    postings!(lifeOf(bank, day, rng, authMs, channel, null, tipped).settleMs, postedCents);
  };

  const accountHash = mix(bankHash, account.index);
  rules.forEach(({ rule, month, late }, i) => {
    const { cents, raised } = raisedCents(rule, raiseHash(accountHash, rule), month, ruleAmount(rule, accountHash, month, late));
    push(
      {
        amountCents: cents,
        postedCents: cents,
        category: rule.category,
        channel: rule.channel,
        merchant: rule.merchant,
        legal: rule.legal,
        descriptor: rule.channel === 'card' ? prefix + rule.descriptor : rule.descriptor,
        counterpartyIban: rule.counterpartyIban,
        recurring: rule.key,
        twinOf: null,
        planted: raised ? { type: 'price_increase', role: 'anomaly' } : null,
        pair: null,
      },
      start + HOUR + Math.floor(((i + rng.next()) / rules.length) * 4 * HOUR),
      false,
    );
  });

  for (const leg of legs) {
    push(
      {
        amountCents: leg.amountCents,
        postedCents: leg.amountCents,
        category: leg.category,
        channel: leg.channel,
        merchant: leg.merchant,
        legal: leg.legal,
        descriptor: leg.descriptor,
        counterpartyIban: leg.counterpartyIban,
        recurring: leg.recurring,
        twinOf: null,
        planted: null,
        pair: leg.pair,
      },
      leg.ms,
      false,
      legRng,
    );
  }

  const set = everydayOf(profile, day);
  const n = randomCount(profile, day, dayHash);
  // The purchase before, which a twin repeats (kept in variables: this loop runs for
  // every purchase of years of history in the ledger's sums).
  let previous: PreparedMerchant | undefined;
  let previousContent: Content | undefined;
  let previousCents = 0;
  let previousSeq = 0;
  for (let k = 0; k < n; k++) {
    const authMs = start + 6 * HOUR + Math.floor(((k + rng.next()) / n) * 17 * HOUR);
    const twin = previous !== undefined && rng.next() < TWIN_RATE;
    if (previous && twin && previous.spec.channel === 'card' && !previous.hasCode && !previous.spec.tip) {
      if (postings) post('card', previousCents, authMs, false);
      else push({ ...previousContent!, counterpartyIban: null, recurring: null, twinOf: previousSeq, pair: null }, authMs, false);
      continue;
    }
    const merchant = pickMerchant(set, rng.next());
    const spec = merchant.spec;
    const drawn = spec.min + Math.floor(rng.next() * ((spec.max - spec.min) / spec.step + 1)) * spec.step;
    // Prices follow the year; cash comes in notes and a fixed fare stays fixed.
    const magnitude = spec.channel === 'atm' || spec.min === spec.max ? drawn : Math.max(1, Math.round(drawn * level));
    const cents = spec.credit ? magnitude : -magnitude;
    const tipped = bank.id === 'bankc' && spec.tip && rng.next() < TIP_RATE;
    let text = merchant.descriptor;
    if (merchant.hasCode) {
      if (postings) skipCode(merchant.descriptor, rng);
      else text = fillCode(merchant.descriptor, rng);
    }
    const postedCents = tipped ? Math.round(cents * (1 + rng.int(10, 25) / 100)) : cents;
    previous = merchant;
    previousCents = postedCents;
    previousSeq = seq;
    if (postings) {
      post(spec.channel, postedCents, authMs, tipped);
      continue;
    }
    previousContent = {
      amountCents: cents,
      postedCents,
      category: spec.category,
      channel: spec.channel,
      merchant: spec.name,
      legal: spec.legal,
      descriptor: spec.channel === 'card' ? prefix + text : text,
      counterpartyIban: null,
      recurring: null,
      twinOf: null,
      planted: null,
      pair: null,
    };
    push(previousContent, authMs, tipped);
  }

  // After the last everyday event, up to a minute before midnight: the day stays in time order.
  const from = Math.max(lastAuthMs, start + 18 * HOUR);
  const until = start + DAY_MS - 60_000;
  planted.forEach((p, k) => {
    push(
      {
        amountCents: -p.magnitude,
        postedCents: -p.magnitude,
        category: p.spec.category,
        channel: p.spec.channel,
        merchant: p.spec.name,
        legal: p.spec.legal,
        descriptor: p.spec.channel === 'card' ? prefix + p.text : p.text,
        counterpartyIban: null,
        recurring: null,
        twinOf: null,
        planted: p.tag,
        pair: null,
      },
      from + Math.floor(((k + rng.next()) / planted.length) * (until - from)),
      false,
    );
  });
  return events;
}

/** When the event posts, is withdrawn (BankB) or re-issued (BankC): the draws of its life. */
function lifeOf(
  bank: SimBankInfo,
  day: number,
  rng: Rng,
  authMs: number,
  channel: Content['channel'],
  planted: Content['planted'],
  tipped: boolean,
): { settleMs: number; cancelMs: number; reissueMs: number } {
  let settleMs = authMs;
  let cancelMs = Infinity;
  let reissueMs = Infinity;
  // Banks post card authorizations in an overnight batch; other payments post at once.
  if (channel === 'card') {
    settleMs = overnightBatchMs(bank, day + (SETTLE_DAYS[Math.floor(rng.next() * SETTLE_DAYS.length)] ?? 1), rng);
    // A planted anomaly always posts: its ground truth names a posted transaction.
    if (bank.id === 'bankb' && rng.next() < CANCEL_RATE && planted === null) {
      cancelMs = overnightBatchMs(bank, day + rng.int(1, 3), rng);
      settleMs = Infinity;
    }
  }
  // A tipped bill already has a new id; re-issuing it again would blur the two cases.
  if (bank.id === 'bankc' && !tipped && rng.next() < REISSUE_RATE) {
    reissueMs = settleMs + rng.int(2, 6) * DAY_MS;
  }
  return { settleMs, cancelMs, reissueMs };
}

/**
 * A moment of a bank's overnight batch on `day`. A function of its own, not a closure in
 * lifeOf: the bundle names every closure it makes (keepNames), which cost a million-row
 * sync a second.
 */
function overnightBatchMs(bank: SimBankInfo, day: number, rng: Rng): number {
  return dayStartMs(day, bank.utcOffsetMinutes) + 2 * HOUR + rng.int(0, 3599) * 1000;
}

/** Gives the event its identity and its life: when it posts, is withdrawn or re-issued. */
function finish(
  bank: SimBankInfo,
  account: SimAccount,
  day: number,
  seq: number,
  dayHash: number,
  rng: Rng,
  authMs: number,
  content: Content,
  tipped: boolean,
): SimEvent {
  const { settleMs, cancelMs, reissueMs } = lifeOf(bank, day, rng, authMs, content.channel, content.planted, tipped);
  const idBase = mix(dayHash, seq);
  // Unique per account by construction: (day, seq) fits in 32 bits (days to 2149, 65,536
  // events a day), and fmix32 is a bijection. A hash of both would collide about a
  // hundred times in a million records, and a bank's ids never do.
  const unique = (((day & 0xffff) << 16) | (seq & 0xffff)) ^ mixString(0x1d5eed, account.key);
  return {
    id: `${account.key}/${day}/${seq}`,
    account,
    day,
    seq,
    idHi: mix(idBase, 0x1d1),
    idLo: fmix32(unique),
    authMs,
    settleMs,
    cancelMs,
    reissueMs,
    amountCents: content.amountCents,
    postedCents: content.postedCents,
    category: content.category,
    channel: content.channel,
    merchant: content.merchant,
    legal: content.legal,
    descriptor: content.descriptor,
    counterpartyIban: content.counterpartyIban,
    recurring: content.recurring,
    twinOf: content.twinOf,
    planted: content.planted,
    pair: content.pair,
  };
}

function pickMerchant(set: EverydaySet, u: number): PreparedMerchant {
  const { cumulative, merchants } = set;
  const target = u * (cumulative[cumulative.length - 1] ?? 0);
  let lo = 0;
  let hi = cumulative.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((cumulative[mid] ?? 0) <= target) lo = mid + 1;
    else hi = mid;
  }
  const merchant = merchants[lo];
  if (!merchant) throw new RangeError('an account without merchants');
  return merchant;
}
