import { readFileSync } from 'node:fs';
import { fixedClock } from '../../../src/app/clocks';
import { ProviderError } from '../../../src/providers/errors';
import type { BankProvider, RawTransactionPage } from '../../../src/providers/provider';
import { createProviders } from '../../../src/providers/registry';
import type { AuthorizationServer } from '../../../src/providers/sim/oauth-types';

export const TOKEN = 'good-token';
export const NOW = Date.parse('2025-03-10T15:00:00Z');
/**
 * During the household's summer stay in Berlin (household.ts), when the BankC Girokonto
 * is busy; between stays it only sees the bills and a few online orders.
 */
export const BERLIN_NOW = Date.parse('2026-08-05T15:00:00Z');
/** The clock at which a bank's everyday accounts are busy. */
export const busyNow = (bank: string) => (bank === 'bankc' ? BERLIN_NOW : NOW);
/** `YYYY-MM-DD` of `days` before `now`. */
export const daysBefore = (now: number, days: number) => new Date(now - days * 86_400_000).toISOString().slice(0, 10);
export const DAY = 86_400_000;

/** Accepts one token string; anything else is an unknown token. */
export function fakeAuthorization(scopes = ['accounts:read', 'transactions:read']): AuthorizationServer {
  return {
    authorizeEndpoint: 'https://bank.example/authorize',
    authorize: async () => 'https://app.example/callback?code=x&state=y',
    token: async () => {
      throw new ProviderError('fake', 'invalid_grant', 'not in this fake');
    },
    revoke: async () => undefined,
    verifyAccessToken: async (accessToken) => {
      if (accessToken !== TOKEN) throw new ProviderError('fake', 'login_required', 'unknown token');
      return { scopes };
    },
  };
}

export function simProviders(options: { seed?: number; now?: number; env?: NodeJS.ProcessEnv } = {}) {
  const clock = fixedClock(options.now ?? NOW);
  const providers = createProviders({
    seed: options.seed ?? 42,
    clock,
    env: { FINAGG_SIM_HISTORY_DAYS: '30', ...options.env },
    authorizationFor: () => fakeAuthorization(),
  });
  const get = (id: string): BankProvider => {
    const provider = providers.get(id);
    if (!provider) throw new Error(`no provider ${id}`);
    return provider;
  };
  return { clock, providers, get };
}

export async function accountIds(provider: BankProvider): Promise<string[]> {
  return (await provider.fetchAccounts(TOKEN)).map((raw) => provider.normalizeAccount(raw).providerAccountId);
}

/** Every page of one sync, from `cursor` until the bank says there is no more. */
export async function drain(
  provider: BankProvider,
  accountId: string,
  since: string,
  cursor: string | null = null,
): Promise<{ pages: RawTransactionPage[]; added: unknown[]; removed: string[]; cursor: string }> {
  const pages: RawTransactionPage[] = [];
  for (;;) {
    const page = await provider.fetchTransactions(TOKEN, { accountId, cursor, since });
    pages.push(page);
    cursor = page.nextCursor;
    if (!page.hasMore) break;
  }
  return { pages, added: pages.flatMap((p) => p.added), removed: pages.flatMap((p) => p.removed), cursor };
}

export function fixture(path: string): unknown {
  return JSON.parse(readFileSync(new URL(`../../../fixtures/${path}`, import.meta.url), 'utf8'));
}

export interface MalformedCase {
  field: string;
  problem: string;
  record: unknown;
}

export function malformedCases(bank: string, kind: 'accounts' | 'transactions'): MalformedCase[] {
  const data = fixture(`${bank}/malformed.json`);
  if (typeof data !== 'object' || data === null) throw new Error('bad fixture');
  const list: unknown = Reflect.get(data, kind);
  if (!Array.isArray(list)) throw new Error('bad fixture');
  return list.map((item: unknown) => {
    if (typeof item !== 'object' || item === null) throw new Error('bad fixture');
    return {
      field: String(Reflect.get(item, 'field')),
      problem: String(Reflect.get(item, 'problem')),
      record: Reflect.get(item, 'record'),
    };
  });
}

export function listIn(path: string, key: string): unknown[] {
  const data = fixture(path);
  const list: unknown = typeof data === 'object' && data !== null ? Reflect.get(data, key) : undefined;
  if (!Array.isArray(list)) throw new Error(`no ${key} in ${path}`);
  return list;
}
