import { civilFromDay, usDate } from '../sim/calendar';
import { hadPending, stateAt, type EventState, type SimEvent } from '../sim/event';
import type { SimCategory } from '../sim/merchants';
import { base62 } from '../sim/ids';
import { mix } from '../sim/rng';
import type { SimBank } from '../sim/sim-bank';
import type { BankBAccount, BankBSyncRequest, BankBSyncResponse, BankBTransaction } from './schema';

export const BANKB_MAX_COUNT = 500;

/** Plaid's personal finance categories (primary), as BankB labels transactions. */
const LABELS: Readonly<Record<SimCategory, string>> = {
  income: 'INCOME',
  groceries: 'FOOD_AND_DRINK',
  dining: 'FOOD_AND_DRINK',
  gas: 'TRANSPORTATION',
  transport: 'TRANSPORTATION',
  shopping: 'GENERAL_MERCHANDISE',
  subscriptions: 'ENTERTAINMENT',
  utilities: 'RENT_AND_UTILITIES',
  home: 'RENT_AND_UTILITIES',
  health: 'MEDICAL',
  entertainment: 'ENTERTAINMENT',
  travel: 'TRAVEL',
  transfer: 'TRANSFER_OUT',
  cash: 'TRANSFER_OUT',
  p2p: 'TRANSFER_OUT',
  fees: 'BANK_FEES',
};

/**
 * 27 characters like Plaid's: 20 random-looking base-62 characters, a tag for which of
 * the event's records it is, and all of `idLo` in base 36, which makes it unique.
 */
function plaidId(event: SimEvent, tag: number): string {
  const base = mix(mix(event.idHi, event.idLo), tag);
  const unique = (event.idLo >>> 0).toString(36).padStart(7, '0');
  return `${base62(4, (block) => mix(base, block))}${tag === 0x70 ? 'p' : 'q'}${unique}`;
}

/** The id of an event's pending record (BankB gives the posted record a new id). */
export function bankBPendingId(event: SimEvent): string {
  return plaidId(event, 0x70);
}

/** The id of an event's posted record. */
export function bankBPostedId(event: SimEvent): string {
  return hadPending(event) ? plaidId(event, 0x50) : plaidId(event, 0x70);
}

/** The sync cursor: the moment of the last sync, the snapshot being paged, and the position. */
interface SyncCursor {
  /** null: the first sync, which returns the whole window. */
  from: number | null;
  /** The snapshot time while paging; null: the next call takes the clock. */
  to: number | null;
  day: number | null;
  seq: number;
}

function encodeCursor(c: SyncCursor): string {
  return Buffer.from(`1|${c.from ?? ''}|${c.to ?? ''}|${c.day ?? ''}|${c.seq}`).toString('base64url');
}

function decodeCursor(text: string): SyncCursor | undefined {
  const m = /^1\|(\d*)\|(\d*)\|(-?\d*)\|(\d+)$/.exec(Buffer.from(text, 'base64url').toString('utf8'));
  if (!m) return undefined;
  const num = (s: string | undefined) => (s === undefined || s === '' ? null : Number(s));
  return { from: num(m[1]), to: num(m[2]), day: num(m[3]), seq: Number(m[4]) };
}

/** How far a change can lag its authorization: posting takes up to 5 days, a cancel up to 3. */
const CHANGE_LAG_DAYS = 6;

/**
 * BankB's data API, Plaid-style: `transactions/sync` returns what changed since the
 * cursor. A pending charge that posts comes as a new posted record naming the pending
 * one, with the pending id in `removed`; a cancelled pending charge is only `removed`.
 */
export class BankBServer {
  constructor(private readonly sim: SimBank) {}

  async listAccounts(accessToken: string): Promise<{ accounts: BankBAccount[] }> {
    await this.sim.admit(accessToken, 'accounts:read');
    const now = this.sim.nowMs();
    return {
      accounts: this.sim.world.accounts.map((account) => {
        const cents = this.sim.world.balanceAt(account, now);
        return {
          account_number: account.providerAccountId,
          type: account.type,
          nickname: account.name,
          balance_amount: account.type === 'credit' ? -cents : cents,
          currency_code: 'USD',
        };
      }),
    };
  }

  async transactionsSync(accessToken: string, request: BankBSyncRequest): Promise<BankBSyncResponse> {
    await this.sim.admit(accessToken, 'transactions:read');
    const account = this.sim.account(request.account_number);
    const count = Math.min(Math.max(1, Math.floor(request.count ?? BANKB_MAX_COUNT)), BANKB_MAX_COUNT);
    const cursor = request.cursor === null ? { from: null, to: null, day: null, seq: 0 } : decodeCursor(request.cursor);
    if (!cursor) throw this.sim.badRequest('cursor not recognized; sync again without a cursor');
    const now = this.sim.nowMs();
    const to = cursor.to ?? now;
    const from = cursor.from;
    const added: unknown[] = [];
    const removed: Array<{ transaction_id: string }> = [];
    if (from !== null && to <= from) {
      return { added, modified: [], removed, has_more: false, next_cursor: encodeCursor({ from, to: null, day: null, seq: 0 }) };
    }
    const { firstDay, today } = this.sim.world.window(to);
    let day = cursor.day ?? (from === null ? firstDay : Math.max(firstDay, this.sim.world.dayOf(from) - CHANGE_LAG_DAYS));
    let seq = cursor.seq;
    let full = false;
    for (; day <= today && !full; day++, seq = 0) {
      const events = this.sim.world.eventsOn(account, day);
      for (; seq < events.length; seq++) {
        const event = events[seq];
        if (!event || event.authMs > to) break;
        if (added.length + removed.length >= count) {
          full = true;
          break;
        }
        const before: EventState = from === null ? 'invisible' : stateAt(event, from);
        const after = stateAt(event, to);
        if (before === after) continue;
        if (after === 'pending' || after === 'posted') added.push(this.record(event, after, to));
        if (before === 'pending' && after !== 'pending') removed.push({ transaction_id: bankBPendingId(event) });
      }
      if (full) break;
    }
    const next = full ? encodeCursor({ from, to, day, seq }) : encodeCursor({ from: to, to: null, day: null, seq: 0 });
    return { added, modified: [], removed, has_more: full, next_cursor: next };
  }

  private record(event: SimEvent, state: 'pending' | 'posted', now: number): unknown {
    const posted = state === 'posted';
    const cents = posted ? event.postedCents : event.amountCents;
    const label = event.category === 'transfer' && cents > 0 ? 'TRANSFER_IN' : LABELS[event.category];
    const raw: BankBTransaction = {
      transaction_id: posted ? bankBPostedId(event) : bankBPendingId(event),
      account_number: event.account.providerAccountId,
      amount: Math.abs(cents),
      iso_currency_code: 'USD',
      direction: cents < 0 ? 'debit' : 'credit',
      date: usDate(civilFromDay(event.day)),
      payee: event.channel === 'atm' || event.channel === 'transfer' || event.channel === 'interest' ? null : event.merchant,
      memo: event.descriptor,
      pending: !posted,
      pending_transaction_id: posted && hadPending(event) ? bankBPendingId(event) : null,
      personal_finance_category: event.recurring === 'card-payment' ? 'LOAN_PAYMENTS' : label,
    };
    const corruption = this.sim.corruption(event, now);
    return corruption < 0 ? raw : corruptBankB(raw, corruption);
  }
}

/** What a broken BankB record looks like; each breaks one field. */
export function corruptBankB(raw: BankBTransaction, selector: number): Record<string, unknown> {
  const { transaction_id: _id, ...withoutId } = raw;
  const variants: Array<() => Record<string, unknown>> = [
    () => ({ ...raw, amount: (raw.amount + 0.5) / 100 }),
    () => ({ ...raw, amount: -raw.amount - 1 }),
    () => ({ ...raw, date: raw.date.replace(/^\d{2}\/\d{2}/, '02/30') }),
    () => ({ ...raw, date: raw.date.split('/').reverse().join('-') }),
    () => ({ ...raw, direction: 'out' }),
    () => withoutId,
    () => ({ ...raw, pending: raw.pending ? 'true' : 'false' }),
    () => ({ ...raw, memo: '' }),
  ];
  const variant = variants[(selector >>> 0) % variants.length];
  return variant ? variant() : raw;
}
