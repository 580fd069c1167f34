import type { SimAccount } from './accounts';
import { SIM_BANKS, type SimBankId, type SimBankInfo } from './banks';
import { civilFromDay, DAY_MS, dayOf, dayStartMs, daysInMonth, monthIndex } from './calendar';
import type { SimConfig } from './config';
import { generateDay, randomCount } from './day';
import { stateAt, type SimEvent } from './event';
import { monthPlan, type PlantedPurchase } from './plant-plan';
import { buildProfiles, type AccountProfile } from './profiles';
import { countRulesOn } from './recurring';
import { mix, mixNumber, mixString, unitHash } from './rng';

/**
 * The seeded, time-aware world of one simulated bank. Every account's events are
 * generated per day from a stream seeded by (seed, bank, account, day), so serving a
 * page costs only the days on it, and the same seed gives the same events whatever the
 * clock says; the clock only decides what is visible and in what state.
 */
export class SimWorld {
  readonly bank: SimBankInfo;
  readonly seed: number;
  readonly config: SimConfig;
  private readonly bankHash: number;
  private profileList: AccountProfile[] | undefined;
  /** Planted purchases by account and month: every count and page of a day asks for them. */
  private readonly plans = new Map<string, readonly PlantedPurchase[]>();

  constructor(bank: SimBankId, seed: number, config: SimConfig) {
    this.bank = SIM_BANKS[bank];
    this.seed = seed;
    this.config = config;
    this.bankHash = mix(mixNumber(0x5eed, seed), this.bank.index);
  }

  private get profiles(): AccountProfile[] {
    // Built on first use so that constructing a provider costs nothing.
    this.profileList ??= buildProfiles(this.bank.id, this.seed, this.config.daily);
    return this.profileList;
  }

  get accounts(): SimAccount[] {
    return this.profiles.map((p) => p.account);
  }

  accountById(providerAccountId: string): SimAccount | undefined {
    return this.accounts.find((a) => a.providerAccountId === providerAccountId);
  }

  private profileOf(account: SimAccount): AccountProfile {
    const profile = this.profiles.find((p) => p.account.key === account.key);
    if (!profile) throw new RangeError(`account ${account.key} is not at ${this.bank.id}`);
    return profile;
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

  private dayHash(account: SimAccount, day: number): number {
    return mix(mix(this.bankHash, account.index), day);
  }

  /** The anomalies planted on `day` (see plant-plan.ts), from the month's plan. */
  private plantedOn(profile: AccountProfile, day: number): PlantedPurchase[] {
    const month = monthIndex(civilFromDay(day));
    const key = `${profile.account.index}|${month}`;
    let plan = this.plans.get(key);
    if (!plan) {
      if (this.plans.size >= 256) this.plans.clear();
      plan = monthPlan(profile, this.bank.region, mix(this.bankHash, profile.account.index), month);
      this.plans.set(key, plan);
    }
    return plan.filter((p) => p.day === day);
  }

  /** Events authorized on `day`, visible or not. O(1): no event is generated. */
  eventCount(account: SimAccount, day: number): number {
    const profile = this.profileOf(account);
    const date = civilFromDay(day);
    return (
      countRulesOn(profile.rules, date, daysInMonth(date.year, date.month)) +
      randomCount(profile, day, this.dayHash(account, day)) +
      this.plantedOn(profile, day).length
    );
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

  /** All events authorized on `day`, in time order (see generateDay). */
  eventsOn(account: SimAccount, day: number): SimEvent[] {
    const profile = this.profileOf(account);
    return generateDay(this.bank, this.bankHash, profile, day, this.dayHash(account, day), this.plantedOn(profile, day));
  }

  /**
   * The current balance: a monthly anchor (the balance the month opened with, drawn from
   * the seed) plus what has posted this month. Costs one month of days, whatever the
   * history length, and is fixed by seed and clock.
   */
  balanceAt(account: SimAccount, nowMs: number): number {
    const profile = this.profileOf(account);
    const today = this.dayOf(nowMs);
    const date = civilFromDay(today);
    const u = unitHash(mix(mixString(this.dayHash(account, 0), 'anchor'), monthIndex(date)));
    let sum = Math.round(profile.anchorCents * (1 + profile.anchorSpread * (2 * u - 1)));
    for (let day = today - date.day + 1; day <= today; day++) {
      for (const event of this.eventsOn(account, day)) if (stateAt(event, nowMs) === 'posted') sum += event.postedCents;
    }
    return sum;
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
