// Sessions made by POST /sessions. The session id is the client's secret: it is never logged.
// Account uids are fresh for every session and only valid through it; a continuation key
// belongs to one listing of one session.
import { randomBytes, randomUUID } from 'node:crypto';
import type { Aspsp } from './aspsps';
import type { AccountKey } from './bank';
import type { Authorization, PsuType } from './consent';

export type SessionStatus = 'AUTHORIZED' | 'EXPIRED' | 'REVOKED' | 'CLOSED';

export interface SessionAccount {
  readonly uid: string;
  readonly key: AccountKey;
}

/** One transactions listing: its pages, made when its first page was asked for. */
export interface Listing {
  readonly uid: string;
  /** date_from as the first request gave it ('' when absent): every page must repeat it. */
  readonly dateFrom: string;
  readonly pages: readonly (readonly unknown[])[];
}

export interface Session {
  readonly id: string;
  readonly aspsp: Aspsp;
  readonly psuType: PsuType;
  readonly balances: boolean;
  readonly transactions: boolean;
  validUntilMs: number;
  readonly createdMs: number;
  readonly authorizedMs: number;
  closedMs: number | undefined;
  revokedMs: number | undefined;
  readonly accounts: readonly SessionAccount[];
  readonly continuations: Map<string, { listing: Listing; page: number }>;
}

const continuationLimit = 2_000;

export function sessionStatus(session: Session, nowMs: number): SessionStatus {
  if (session.closedMs !== undefined) return 'CLOSED';
  if (session.revokedMs !== undefined) return 'REVOKED';
  return nowMs >= session.validUntilMs ? 'EXPIRED' : 'AUTHORIZED';
}

export class Sessions {
  private readonly byId = new Map<string, Session>();
  private readonly byUid = new Map<string, { session: Session; account: SessionAccount }>();

  create(authorization: Authorization, keys: readonly AccountKey[], nowMs: number): Session {
    const session: Session = {
      id: randomUUID(),
      aspsp: authorization.aspsp,
      psuType: authorization.psuType,
      balances: authorization.balances,
      transactions: authorization.transactions,
      validUntilMs: authorization.validUntilMs,
      createdMs: authorization.createdMs,
      authorizedMs: nowMs,
      closedMs: undefined,
      revokedMs: undefined,
      accounts: keys.map((key) => ({ uid: randomUUID(), key })),
      continuations: new Map(),
    };
    this.byId.set(session.id, session);
    for (const account of session.accounts) this.byUid.set(account.uid, { session, account });
    return session;
  }

  get(id: string): Session | undefined {
    return this.byId.get(id);
  }

  byAccountUid(uid: string): { session: Session; account: SessionAccount } | undefined {
    return this.byUid.get(uid);
  }

  all(): Session[] {
    return [...this.byId.values()];
  }

  /** A key for page `page` of `listing`, valid only in `session`. */
  continuationKey(session: Session, listing: Listing, page: number): string {
    if (session.continuations.size >= continuationLimit) {
      const oldest = session.continuations.keys().next();
      if (!oldest.done) session.continuations.delete(oldest.value);
    }
    const key = randomBytes(18).toString('base64url');
    session.continuations.set(key, { listing, page });
    return key;
  }
}
