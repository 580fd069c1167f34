import type { SimAccount } from './accounts';
import type { Channel, SimCategory } from './merchants';

/** The anomalies the simulated banks plant, named as finagg's detectors name them. */
export const PLANTED_TYPES = ['unusual_amount', 'new_merchant', 'duplicate_charge', 'price_increase', 'category_spike'] as const;
export type PlantedType = (typeof PLANTED_TYPES)[number];

/**
 * What a planted event is: the anomaly itself, or a part that sets it up (the first charge
 * of a duplicate pair, each purchase of a category spike).
 */
export interface PlantTag {
  readonly type: PlantedType;
  readonly role: 'anomaly' | 'part';
}

/**
 * One thing that happened on an account: the ground truth behind every raw record a bank
 * serves about it. Its identity (account, day, seq) never depends on the clock; the
 * clock only decides whether it is visible yet and in which state.
 */
export interface SimEvent {
  /** `${account.key}/${day}/${seq}`, e.g. `bankc-checking/19876/3`. */
  readonly id: string;
  readonly account: SimAccount;
  /** Bank-local day number of the authorization. */
  readonly day: number;
  /** Position within the day; events of a day are in time order. */
  readonly seq: number;
  /**
   * Two 32-bit words from which each bank derives its own opaque ids. `idLo` is unique
   * within the account (a bijection of day and seq), so every id that carries all of it
   * is unique too; `idHi` makes ids look random and differ by seed.
   */
  readonly idHi: number;
  readonly idLo: number;
  readonly authMs: number;
  /** When it posts: equal to authMs when it posts at once, Infinity when it never does. */
  readonly settleMs: number;
  /** When a pending charge is withdrawn (BankB), else Infinity. */
  readonly cancelMs: number;
  /** When BankC starts serving this posted record under a new id, else Infinity. */
  readonly reissueMs: number;
  /** Signed cents as authorized; negative is money out. */
  readonly amountCents: number;
  /** Signed cents as posted: differs from amountCents when a tip was added (BankC dining). */
  readonly postedCents: number;
  readonly category: SimCategory;
  readonly channel: Channel;
  readonly merchant: string;
  /** The counterparty's legal name (what BankC shows). */
  readonly legal: string;
  /** The statement text. */
  readonly descriptor: string;
  readonly counterpartyIban: string | null;
  /** The recurring rule or flow it comes from ('netflix', 'payroll', 'savings-sweep'), or null for everyday spending. */
  readonly recurring: string | null;
  /**
   * A move between the household's own accounts: the id both sides share
   * (`card-payment:banka-credit:2026-11`, see flows.ts); null otherwise.
   */
  readonly pair: string | null;
  /** seq of the identical purchase earlier the same day that this one repeats, or null. */
  readonly twinOf: number | null;
  /** Ground truth for anomaly detection (see planted.ts); null for ordinary events. */
  readonly planted: PlantTag | null;
}

export type EventState = 'invisible' | 'pending' | 'posted' | 'cancelled';

export function stateAt(event: SimEvent, nowMs: number): EventState {
  if (nowMs < event.authMs) return 'invisible';
  if (nowMs >= event.cancelMs) return 'cancelled';
  return nowMs < event.settleMs ? 'pending' : 'posted';
}

/** Whether the event went through a pending phase (card authorizations do). */
export function hadPending(event: SimEvent): boolean {
  return event.settleMs > event.authMs;
}
