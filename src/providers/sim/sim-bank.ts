import type { Clock } from '../../core/clock';
import { ProviderError } from '../errors';
import type { AuthorizationServer } from './oauth-types';
import type { SimAccount } from './accounts';
import { SIM_BANKS, type SimBankId, type SimBankInfo } from './banks';
import { readSimConfig } from './config';
import type { SimEvent } from './event';
import { parseFaults, requestFault, type FaultPlan } from './faults';
import { mix, mixNumber, mixString, rngFromHash, unitHash } from './rng';
import { SimWorld } from './world';

/** What every simulated bank factory takes (the lead builds the authorization server). */
export interface SimBankOptions {
  seed: number;
  clock: Clock;
  /** FINAGG_SIM_HISTORY_DAYS, FINAGG_SIM_DAILY, FINAGG_SIM_FAULTS. */
  env: NodeJS.ProcessEnv;
  authorization: AuthorizationServer;
  /** Where the bank keeps its books (the data dir's `sim/`); none: worked out in each process. */
  booksDir?: string;
}

/** A position in a window: the next event to look at. */
export interface Position {
  day: number;
  seq: number;
}

const MEMO_LIMIT = 512;

/**
 * The parts the three simulated bank servers share: the world, the clock, token checks,
 * injected faults, and finding the n-th record of a window without generating the days
 * before it.
 */
export class SimBank {
  readonly info: SimBankInfo;
  readonly world: SimWorld;
  readonly clock: Clock;
  readonly faults: FaultPlan;
  private readonly authorization: AuthorizationServer;
  private readonly hash: number;
  private readonly malformedRate: number;
  private requests = 0;
  /** Where earlier pages ended, so that paging on costs only the page. */
  private readonly positions = new Map<string, Position>();
  /** Record counts of whole past days of a window, keyed by account, first and last day. */
  private readonly totals = new Map<string, number>();

  constructor(bank: SimBankId, options: SimBankOptions) {
    this.info = SIM_BANKS[bank];
    this.world = new SimWorld(bank, options.seed, readSimConfig(options.env), options.booksDir);
    this.clock = options.clock;
    this.faults = parseFaults(options.env.FINAGG_SIM_FAULTS);
    this.authorization = options.authorization;
    this.hash = mixString(mixNumber(0xfa17, options.seed), bank);
    this.malformedRate = this.faults.rate('malformed', bank);
  }

  nowMs(): number {
    return this.clock.nowMs();
  }

  /** Checks the bearer token and its scope, then rolls the dice for request faults. */
  async admit(accessToken: string, scope: string): Promise<void> {
    const { scopes } = await this.authorization.verifyAccessToken(accessToken);
    if (!scopes.includes(scope)) {
      throw new ProviderError(this.info.id, 'login_required', `${this.info.name}: the grant does not include ${scope}`);
    }
    const rng = rngFromHash(mix(mixNumber(this.hash, this.nowMs()), this.requests++));
    const fault = requestFault(this.faults, this.info.id, this.info.name, rng);
    if (fault) throw fault;
  }

  account(providerAccountId: string): SimAccount {
    const account = this.world.accountById(providerAccountId);
    if (!account) throw new ProviderError(this.info.id, 'invalid_request', `${this.info.name}: no account ${providerAccountId}`);
    return account;
  }

  badRequest(message: string): ProviderError {
    return new ProviderError(this.info.id, 'invalid_request', `${this.info.name}: ${message}`);
  }

  /**
   * Which corruption (a non-negative selector) the record of `event` gets in a response at
   * `nowMs`, or -1 for a clean record. The same fetch at the same clock corrupts the same
   * records; a later fetch may bring them clean.
   */
  corruption(event: SimEvent, nowMs: number): number {
    if (this.malformedRate <= 0) return -1;
    const h = mix(mix(mixNumber(this.hash, nowMs), event.idHi), event.idLo);
    return unitHash(h) < this.malformedRate ? mix(h, 0x77) : -1;
  }

  /**
   * The position of the record at `offset` in days fromDay..today, where every authorized
   * event is one record (BankA, BankC). Walks day counts, which cost no generation.
   */
  locate(account: SimAccount, fromDay: number, nowMs: number, offset: number): Position {
    const key = this.positionKey(account, fromDay, offset);
    const known = this.positions.get(key);
    if (known) return known;
    const today = this.world.dayOf(nowMs);
    let left = offset;
    let day = fromDay;
    for (; day <= today; day++) {
      const count = this.world.authorizedCount(account, day, nowMs);
      if (left < count) break;
      left -= count;
    }
    const position = day > today ? { day, seq: 0 } : { day, seq: left };
    if (day <= today) this.remember(key, position);
    return position;
  }

  /** Remembers where a record is. Only whole past days precede it, so it stays true as the clock moves. */
  remember(key: string, position: Position): void {
    if (this.positions.size >= MEMO_LIMIT) this.positions.clear();
    this.positions.set(key, position);
  }

  positionKey(account: SimAccount, fromDay: number, offset: number): string {
    return `${account.key}|${fromDay}|${offset}`;
  }

  /** Records in days fromDay..today at `nowMs`, where every authorized event is one record. */
  total(account: SimAccount, fromDay: number, nowMs: number): number {
    const today = this.world.dayOf(nowMs);
    if (fromDay > today) return 0;
    const key = `${account.key}|${fromDay}|${today}`;
    let past = this.totals.get(key);
    if (past === undefined) {
      past = 0;
      for (let day = fromDay; day < today; day++) past += this.world.eventCount(account, day);
      if (this.totals.size >= MEMO_LIMIT) this.totals.clear();
      this.totals.set(key, past);
    }
    return past + this.world.authorizedCount(account, today, nowMs);
  }
}
