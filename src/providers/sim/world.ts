import type { SimAccount } from './accounts';
import { SIM_BANKS, type SimBankId, type SimBankInfo } from './banks';
import { DAY_MS, dayOf, dayStartMs } from './calendar';
import type { SimConfig } from './config';
import type { SimEvent } from './event';
import { ledgerFor, type HouseholdLedger } from './ledger';

/**
 * One simulated bank's view of the household (household.ts): its accounts, their days
 * and balances. Every account's events are generated per day from a stream seeded by
 * (seed, bank, account, day), so serving a page costs only the days on it, and the same
 * seed gives the same events whatever the clock says; the clock only decides what is
 * visible and in what state. The ledger (ledger.ts) ties the banks together: a card
 * payment at BankB and its debit come from one flow, and balances carry forward.
 */
export class SimWorld {
  readonly bank: SimBankInfo;
  readonly seed: number;
  readonly config: SimConfig;
  private ledgerRef: HouseholdLedger | undefined;
  /**
   * The day last made: a page of transactions mostly ends inside a day, and the next page
   * starts there (a day's events are the same however often it is made).
   */
  private lastDay: { account: SimAccount; day: number; events: SimEvent[] } | undefined;
  private accountList: SimAccount[] | undefined;

  /** Where the bank keeps its books between processes (books.ts); undefined: worked out each time. */
  private readonly booksDir: string | undefined;

  constructor(bank: SimBankId, seed: number, config: SimConfig, booksDir?: string) {
    this.bank = SIM_BANKS[bank];
    this.seed = seed;
    this.config = config;
    this.booksDir = booksDir;
  }

  /** Built on first use so that constructing a provider costs nothing. */
  get ledger(): HouseholdLedger {
    this.ledgerRef ??= ledgerFor(this.seed, this.config.daily, this.booksDir);
    return this.ledgerRef;
  }

  get accounts(): SimAccount[] {
    this.accountList ??= this.ledger.profiles.filter((p) => p.account.bank === this.bank.id).map((p) => p.account);
    return this.accountList;
  }

  accountById(providerAccountId: string): SimAccount | undefined {
    return this.accounts.find((a) => a.providerAccountId === providerAccountId);
  }

  /** The bank-local day number of a moment. */
  dayOf(ms: number): number {
    return dayOf(ms, this.bank.utcOffsetMinutes);
  }

  dayStartMs(day: number): number {
    return dayStartMs(day, this.bank.utcOffsetMinutes);
  }

  /** The days the bank serves at `nowMs`: FINAGG_SIM_HISTORY_DAYS days up to today. */
  window(nowMs: number): { firstDay: number; today: number } {
    const today = this.dayOf(nowMs);
    return { firstDay: today - this.config.historyDays + 1, today };
  }

  private own(account: SimAccount): SimAccount {
    if (account.bank !== this.bank.id) throw new RangeError(`account ${account.key} is not at ${this.bank.id}`);
    return account;
  }

  /** Events authorized on `day`, visible or not. No event is generated. */
  eventCount(account: SimAccount, day: number): number {
    return this.ledger.eventCount(this.own(account), day);
  }

  /** Events authorized on `day` that are visible at `nowMs` (a prefix of eventsOn). */
  authorizedCount(account: SimAccount, day: number, nowMs: number): number {
    const start = this.dayStartMs(day);
    if (nowMs < start) return 0;
    if (nowMs >= start + DAY_MS) return this.eventCount(account, day);
    let n = 0;
    for (const event of this.eventsOn(account, day)) if (event.authMs <= nowMs) n++;
    return n;
  }

  /** All events authorized on `day`, in time order (see generateDay). Not to be changed by the caller. */
  eventsOn(account: SimAccount, day: number): SimEvent[] {
    const last = this.lastDay;
    if (last !== undefined && last.day === day && last.account === account) return last.events;
    const events = this.ledger.eventsOn(this.own(account), day);
    this.lastDay = { account, day, events };
    return events;
  }

  /** The current (ledger) balance: carried forward, so it is the sum of every posting (see ledger.ts). */
  balanceAt(account: SimAccount, nowMs: number): number {
    return this.ledger.balanceAt(this.own(account), nowMs);
  }

  /** The ground truth of an event by its id (`banka-checking/19876/3`). */
  findEvent(id: string): SimEvent | undefined {
    const match = /^([a-z]+-[a-z]+)\/(-?\d+)\/(\d+)$/.exec(id);
    const account = match && this.accounts.find((a) => a.key === match[1]);
    if (!match || !account) return undefined;
    return this.eventsOn(account, Number(match[2]))[Number(match[3])];
  }

  /** Visits the events of days fromDay..toDay in order until `visit` returns false. */
  scan(account: SimAccount, fromDay: number, toDay: number, visit: (event: SimEvent) => boolean | void): void {
    for (let day = fromDay; day <= toDay; day++) {
      for (const event of this.eventsOn(account, day)) if (visit(event) === false) return;
    }
  }
}
