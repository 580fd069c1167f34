import { civilFromDay, dayFromIso, isoDate, localTime, offsetText } from '../sim/calendar';
import { stateAt, type SimEvent } from '../sim/event';
import { hex8 } from '../sim/ids';
import type { SimCategory } from '../sim/merchants';
import type { SimBank } from '../sim/sim-bank';
import type { BankAAccount, BankATransaction, BankATransactionsQuery, BankATransactionsResponse } from './schema';

export const BANKA_PAGE_SIZE = 250;

/** BankA's own category labels, shown with card purchases. */
const LABELS: Readonly<Record<SimCategory, string>> = {
  income: 'Income',
  groceries: 'Groceries',
  dining: 'Food & Drink',
  gas: 'Gas',
  transport: 'Travel',
  shopping: 'Shopping',
  // BankA files streaming under bills, as many US banks do; finagg's rules know better.
  subscriptions: 'Bills & Utilities',
  utilities: 'Bills & Utilities',
  home: 'Home',
  health: 'Health & Wellness',
  entertainment: 'Entertainment',
  travel: 'Travel',
  transfer: 'Transfers',
  cash: 'Transfers',
  p2p: 'Transfers',
  fees: 'Fees & Adjustments',
};

/** BankA keeps one id per transaction, pending or completed. */
export function bankATxnId(event: SimEvent): string {
  return `TXN${hex8(event.idHi)}${hex8(event.idLo)}`.toUpperCase();
}

/**
 * BankA's data API: accounts, and transactions by `since_date` in numbered pages of 250,
 * oldest first. A transaction whose status flips comes again with the same id.
 */
export class BankAServer {
  constructor(private readonly sim: SimBank) {}

  async listAccounts(accessToken: string): Promise<{ accounts: BankAAccount[] }> {
    await this.sim.admit(accessToken, 'accounts:read');
    const now = this.sim.nowMs();
    return {
      accounts: this.sim.world.accounts.map((account) => {
        const cents = this.sim.world.balanceAt(account, now);
        return {
          acct_id: account.providerAccountId,
          acct_type: account.type === 'credit' ? 'CREDIT_CARD' : account.type === 'savings' ? 'SAVINGS' : 'CHECKING',
          acct_name: account.name,
          current_balance: (account.type === 'credit' ? -cents : cents) / 100,
          curr: 'usd',
        };
      }),
    };
  }

  async listTransactions(accessToken: string, query: BankATransactionsQuery): Promise<BankATransactionsResponse> {
    await this.sim.admit(accessToken, 'transactions:read');
    const account = this.sim.account(query.acct_id);
    const since = dayFromIso(query.since_date);
    if (since === undefined) throw this.sim.badRequest(`since_date "${query.since_date}" is not a date`);
    if (!Number.isSafeInteger(query.page) || query.page < 1) throw this.sim.badRequest(`page ${query.page} is not a page number`);
    const now = this.sim.nowMs();
    const { firstDay, today } = this.sim.world.window(now);
    const fromDay = Math.max(since, firstDay);
    const offset = (query.page - 1) * BANKA_PAGE_SIZE;
    let { day, seq } = this.sim.locate(account, fromDay, now, offset);
    const transactions: unknown[] = [];
    const zone = offsetText(this.sim.info.utcOffsetMinutes);
    for (; day <= today && transactions.length < BANKA_PAGE_SIZE; day++, seq = 0) {
      const events = this.sim.world.eventsOn(account, day);
      const date = isoDate(civilFromDay(day));
      for (; seq < events.length && transactions.length < BANKA_PAGE_SIZE; seq++) {
        const event = events[seq];
        if (!event || event.authMs > now) break;
        transactions.push(this.record(event, now, date, zone));
      }
      if (transactions.length === BANKA_PAGE_SIZE) break;
    }
    const end = { day, seq };
    // Past the end of today the position would move as the day fills up.
    if (end.day <= today) this.sim.remember(this.sim.positionKey(account, fromDay, offset + transactions.length), end);
    const more = transactions.length === BANKA_PAGE_SIZE && this.anyFrom(account, end, today, now);
    return { transactions, page: query.page, page_size: BANKA_PAGE_SIZE, next_page: more ? query.page + 1 : null };
  }

  private anyFrom(account: SimEvent['account'], from: { day: number; seq: number }, today: number, now: number): boolean {
    if (from.day <= today && from.seq < this.sim.world.authorizedCount(account, from.day, now)) return true;
    for (let day = from.day + 1; day <= today; day++) if (this.sim.world.authorizedCount(account, day, now) > 0) return true;
    return false;
  }

  private record(event: SimEvent, now: number, date: string, zone: string): unknown {
    const raw: BankATransaction = {
      txn_id: bankATxnId(event),
      txn_date: `${date}T${localTime(event.authMs, this.sim.info.utcOffsetMinutes)}${zone}`,
      txn_amount: event.postedCents / 100,
      txn_desc: event.descriptor,
      merchant_info: event.channel === 'card' ? { name: event.merchant, category: LABELS[event.category] } : null,
      txn_status: stateAt(event, now) === 'pending' ? 'pending' : 'completed',
    };
    const corruption = this.sim.corruption(event, now);
    return corruption < 0 ? raw : corruptBankA(raw, corruption);
  }
}

/** What a broken BankA record looks like; each breaks one field. */
export function corruptBankA(raw: BankATransaction, selector: number): Record<string, unknown> {
  const { txn_desc: _desc, ...withoutDesc } = raw;
  const variants: Array<() => Record<string, unknown>> = [
    () => ({ ...raw, txn_amount: String(raw.txn_amount) }),
    () => ({ ...raw, txn_date: raw.txn_date.replace(/^\d{4}-\d{2}/, '2025-13') }),
    () => ({ ...raw, txn_date: 'yesterday' }),
    () => ({ ...raw, txn_status: 'settled' }),
    () => withoutDesc,
    () => ({ ...raw, txn_id: 10_000 + (selector % 90_000) }),
    () => ({ ...raw, txn_amount: raw.txn_amount + 0.0042 }),
    () => ({ ...raw, merchant_info: raw.merchant_info?.name ?? 'UNKNOWN' }),
  ];
  const variant = variants[(selector >>> 0) % variants.length];
  return variant ? variant() : raw;
}
