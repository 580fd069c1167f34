import type { SimAccount } from './accounts';
import { SIM_BANK_IDS } from './banks';
import { stateAt, type SimEvent } from './event';
import { ledgerFor } from './ledger';
import type { RecurringRule, StreamKind } from './recurring';
import { SimWorld } from './world';

/**
 * The household's ground truth for tests only (like planted.ts and cases.ts), never
 * served by a bank: every move between its own accounts with both sides, and every
 * recurring stream with the events it is made of, in the banks' windows at a moment.
 */

export interface TruthOptions {
  seed: number;
  /** FINAGG_SIM_HISTORY_DAYS and FINAGG_SIM_DAILY, as the banks were run with. */
  historyDays: number;
  daily: number;
  nowMs: number;
}

export interface TransferPair {
  /** `card-payment:banka-credit:2026-11`, `sweep:savings-sweep:2026-11`. */
  id: string;
  kind: 'card-payment' | 'sweep';
  /** Money out first, then money in; both visible (pending or posted) at the moment. */
  out: SimEvent;
  in: SimEvent;
}

export type Cadence = 'weekly' | 'biweekly' | 'semi-monthly' | 'monthly' | 'quarterly' | 'annually';

export interface RecurringStream {
  /** `banka-checking/payroll`. */
  id: string;
  account: SimAccount;
  kind: StreamKind | 'transfer';
  cadence: Cadence;
  /** The occurrences visible at the moment, oldest first. */
  events: SimEvent[];
}

function visibleEvents(options: TruthOptions): SimEvent[] {
  const out: SimEvent[] = [];
  for (const bank of SIM_BANK_IDS) {
    const world = new SimWorld(bank, options.seed, { historyDays: options.historyDays, daily: options.daily });
    const { firstDay, today } = world.window(options.nowMs);
    for (const account of world.accounts) {
      world.scan(account, firstDay, today, (e) => {
        const state = stateAt(e, options.nowMs);
        if (state === 'pending' || state === 'posted') out.push(e);
      });
    }
  }
  return out;
}

/** Every move between the household's accounts whose two sides are both in the windows. */
export function transferPairs(options: TruthOptions): TransferPair[] {
  const sides = new Map<string, SimEvent[]>();
  for (const e of visibleEvents(options)) {
    if (e.pair === null || e.channel === 'interest') continue;
    sides.set(e.pair, [...(sides.get(e.pair) ?? []), e]);
  }
  const pairs: TransferPair[] = [];
  for (const [id, list] of sides) {
    if (list.length !== 2) continue; // one side lies outside a window
    const [a, b] = list as [SimEvent, SimEvent];
    const [out, into] = a.amountCents < 0 ? [a, b] : [b, a];
    pairs.push({ id, kind: id.startsWith('card-payment') ? 'card-payment' : 'sweep', out, in: into });
  }
  return pairs.sort((x, y) => x.out.authMs - y.out.authMs);
}

function cadenceOf(rules: readonly RecurringRule[]): Cadence {
  const s = rules[0]?.schedule;
  if (rules.length === 2) return 'semi-monthly';
  if (!s || s.kind === 'every') return s?.days === 7 ? 'weekly' : 'biweekly';
  if (!s.months) return 'monthly';
  return s.months.length === 1 ? 'annually' : 'quarterly';
}

/** Every recurring stream of every account with the occurrences visible at the moment. */
export function recurringStreams(options: TruthOptions): RecurringStream[] {
  const ledger = ledgerFor(options.seed, options.daily);
  const byStream = new Map<string, SimEvent[]>();
  for (const e of visibleEvents(options)) {
    if (e.recurring === null) continue;
    const id = `${e.account.key}/${e.recurring}`;
    byStream.set(id, [...(byStream.get(id) ?? []), e]);
  }
  const streams: RecurringStream[] = [];
  for (const [id, events] of byStream) {
    const account = events[0]!.account;
    const key = events[0]!.recurring as string;
    const rules = ledger.profile(account).rules.filter((r) => r.key === key);
    const flow = rules.length === 0;
    streams.push({
      id,
      account,
      kind: flow ? (events[0]!.channel === 'interest' ? 'income' : 'transfer') : (rules[0] as RecurringRule).kind,
      cadence: flow ? 'monthly' : cadenceOf(rules),
      events,
    });
  }
  return streams.sort((a, b) => a.id.localeCompare(b.id));
}
