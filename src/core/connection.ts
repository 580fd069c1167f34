import type { AccountType } from './account';

export type ConnectionStatus = 'active' | 'needs_relink' | 'error' | 'revoked';

export interface Connection {
  id: number;
  provider: string;
  status: ConnectionStatus;
  createdAt: string;
  lastSyncedAt: string | null;
  lastError: string | null;
  /** What the provider last said that needs the person (sanitized), if anything. */
  notice: string | null;
  /** When the consent ends (ISO), for providers whose consent does (Enable Banking); else null. */
  consentExpiresAt: string | null;
  /** The bank a consent was given at (`DE:Finagg Testbank`), for providers that reach many; else null. */
  institution: string | null;
}

export interface Account {
  id: number;
  /** Null for a manual account, and after a purge of its connection. */
  connectionId: number | null;
  provider: string;
  name: string;
  type: AccountType;
  balanceCents: number;
  /** What can be spent now, when the bank says (null otherwise). */
  availableBalanceCents: number | null;
  /** When the bank's balance was true, when it says. */
  balanceDate: string | null;
  currency: string;
  lastSyncedAt: string | null;
}

/** Net worth per currency: the sum of balances (debts are negative balances). */
export function netWorth(accounts: readonly Account[]): Map<string, number> {
  const totals = new Map<string, number>();
  for (const a of accounts) totals.set(a.currency, (totals.get(a.currency) ?? 0) + a.balanceCents);
  return totals;
}
