import { describe, expect, it } from 'vitest';
import { ACCOUNT_TYPES } from '../../../src/core/account';
import { accountIds, drain, simProviders, TOKEN } from './support';

async function snapshot(seed: number): Promise<string> {
  const { providers } = simProviders({ seed, env: { FINAGG_SIM_HISTORY_DAYS: '20', FINAGG_SIM_DAILY: '8' } });
  const out: unknown[] = [];
  for (const provider of providers.values()) {
    out.push(await provider.fetchAccounts(TOKEN));
    for (const id of await accountIds(provider)) out.push((await drain(provider, id, '2025-02-20')).pages);
  }
  return JSON.stringify(out);
}

describe('simulated banks are reproducible', () => {
  it('serve byte-identical accounts and pages for the same seed and clock', async () => {
    expect(await snapshot(7)).toBe(await snapshot(7));
  });

  it('serve different data for a different seed', async () => {
    expect(await snapshot(7)).not.toBe(await snapshot(8));
  });

  it('normalize the three banks to accounts that look alike', async () => {
    const { providers } = simProviders();
    for (const provider of providers.values()) {
      for (const raw of await provider.fetchAccounts(TOKEN)) {
        const account = provider.normalizeAccount(raw);
        expect(ACCOUNT_TYPES).toContain(account.type);
        expect(account.currency).toMatch(/^[A-Z]{3}$/);
        expect(Number.isSafeInteger(account.balanceCents)).toBe(true);
        if (account.type === 'credit') expect(account.balanceCents).toBeLessThan(0);
      }
    }
  });

  it('offer the registry ids with names and read-only scopes', () => {
    const { providers } = simProviders();
    expect([...providers.keys()]).toEqual(['banka', 'bankb', 'bankc']);
    for (const provider of providers.values()) {
      expect(provider.kind).toBe('bank');
      expect(provider.name).toMatch(/^Bank[ABC] \(/);
      expect(provider.link).toMatchObject({ method: 'oauth_code', scopes: ['accounts:read', 'transactions:read'] });
    }
  });

  it('refuse a bad FINAGG_SIM_DAILY when the providers are created', () => {
    expect(() => simProviders({ env: { FINAGG_SIM_DAILY: 'lots' } })).toThrow('invalid FINAGG_SIM_DAILY "lots"');
  });
});
