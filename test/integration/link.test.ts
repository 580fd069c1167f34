import { describe, expect, it } from 'vitest';
import { linkBank } from '../../src/app/link';
import type { BankProvider } from '../../src/providers/provider';
import { openDatabase } from '../../src/storage/open-database';
import { freshHome, runCli } from '../helpers/cli';
import { cliContext } from '../helpers/context';

const ENV = { FINAGG_NOW: '2026-11-23T12:00:00Z', FINAGG_SEED: '7', FINAGG_KEYSTORE: 'file' };

function rowCounts(home: string) {
  const { sqlite } = openDatabase(home, { nowIso: ENV.FINAGG_NOW });
  const count = (table: string) => (sqlite.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
  const counts = { connections: count('connections'), accounts: count('accounts') };
  sqlite.close();
  return counts;
}

describe('finagg link', () => {
  it('links the three banks, whose accounts then look alike, with a net worth per currency', async () => {
    const env = { ...ENV, FINAGG_HOME: freshHome() };
    for (const bank of ['banka', 'bankb', 'bankc']) {
      const r = await runCli(['link', bank, '--yes', '--no-sync', '--json'], env);
      expect(r.code).toBe(0);
      const body = JSON.parse(r.stdout);
      expect(body.connection).toEqual({
        id: expect.any(Number),
        provider: bank,
        status: 'active',
        created_at: '2026-11-23T12:00:00.000Z',
        last_synced_at: null,
        last_error: null,
        notice: null,
        consent_expires_at: null,
        bank: null,
        country: null,
        requests_per_day: null,
        requests_today: null,
        requests_left_today: null,
      });
      expect(body.accounts.length).toBeGreaterThanOrEqual(2);
    }
    const accounts = JSON.parse((await runCli(['accounts', '--json'], env)).stdout);
    expect(accounts).toHaveLength(7);
    for (const a of accounts) {
      expect(Object.keys(a).sort()).toEqual([
        'available_balance',
        'balance',
        'balance_date',
        'balance_home',
        'connection_id',
        'currency',
        'home_currency',
        'id',
        'last_synced_at',
        'name',
        'provider',
        'type',
      ]);
      expect(['checking', 'savings', 'credit', 'loan', 'investment']).toContain(a.type);
      expect(a.currency).toMatch(/^[A-Z]{3}$/);
      expect(typeof a.balance).toBe('number');
      expect(Number.isInteger(Math.round(a.balance * 100))).toBe(true);
    }
    expect(
      accounts
        .filter((a: { type: string; balance: number }) => a.type === 'credit')
        .every((a: { balance: number }) => a.balance <= 0),
    ).toBe(true);
    expect(new Set(accounts.map((a: { currency: string }) => a.currency))).toEqual(new Set(['USD', 'EUR']));

    const table = (await runCli(['accounts'], env)).stdout;
    const usd = accounts
      .filter((a: { currency: string }) => a.currency === 'USD')
      .reduce((s: number, a: { balance: number }) => s + Math.round(a.balance * 100), 0);
    expect(table).toContain(`Net worth (USD): $${(usd / 100).toLocaleString('en-US', { minimumFractionDigits: 2 })}`);
    expect(table).toMatch(/Net worth \(EUR\): €[\d,]+\.\d\d/);

    const connections = JSON.parse((await runCli(['connections', '--json'], env)).stdout);
    expect(connections.map((c: { provider: string; status: string }) => `${c.provider}:${c.status}`)).toEqual([
      'banka:active',
      'bankb:active',
      'bankc:active',
    ]);
    expect(JSON.parse((await runCli(['providers', '--json'], env)).stdout)).toEqual([
      {
        id: 'banka',
        name: expect.any(String),
        kind: 'bank',
        link: 'oauth_code',
        requests_per_day: null,
        syncs_per_account_per_day: null,
      },
      {
        id: 'bankb',
        name: expect.any(String),
        kind: 'bank',
        link: 'oauth_code',
        requests_per_day: null,
        syncs_per_account_per_day: null,
      },
      {
        id: 'bankc',
        name: expect.any(String),
        kind: 'bank',
        link: 'oauth_code',
        requests_per_day: null,
        syncs_per_account_per_day: null,
      },
      {
        id: 'simplefin',
        name: 'SimpleFIN Bridge',
        kind: 'bank',
        link: 'setup_token',
        requests_per_day: 24,
        syncs_per_account_per_day: null,
      },
      {
        id: 'enablebanking',
        name: 'Enable Banking',
        kind: 'bank',
        link: 'redirect_consent',
        requests_per_day: null,
        syncs_per_account_per_day: 4,
      },
    ]);
  });

  it('names the banks that exist when asked for one that does not', async () => {
    const r = await runCli(['link', 'nosuchbank', '--yes'], { ...ENV, FINAGG_HOME: freshHome() });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('finagg: no bank "nosuchbank" (banks: banka, bankb, bankc, simplefin, enablebanking)\n');
  });

  it('refuses to link without a terminal and without --yes, and changes nothing', async () => {
    const home = freshHome();
    const r = await runCli(['link', 'banka'], { ...ENV, FINAGG_HOME: home });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/no terminal \(approve with --yes\)/);
    expect(rowCounts(home)).toEqual({ connections: 0, accounts: 0 });
  });

  it('refuses a bank that is linked already, and repairs one that needs relinking', async () => {
    const home = freshHome();
    const env = { ...ENV, FINAGG_HOME: home };
    await runCli(['link', 'bankb', '--yes', '--no-sync'], env);
    const again = await runCli(['link', 'bankb', '--yes', '--no-sync'], env);
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/already linked \(connection 1\) \(to link it again: finagg unlink bankb\)/);

    const { sqlite } = openDatabase(home, { nowIso: ENV.FINAGG_NOW });
    sqlite.prepare("UPDATE connections SET status = 'needs_relink', last_error = 'consent expired'").run();
    sqlite.close();
    const repaired = await runCli(['link', 'bankb', '--yes', '--no-sync', '--json'], env);
    expect(repaired.code).toBe(0);
    expect(JSON.parse(repaired.stdout).connection).toMatchObject({ id: 1, status: 'active', last_error: null });
    expect(rowCounts(home)).toEqual({ connections: 1, accounts: 2 });
  });

  it('stores nothing when the bank refuses the login', async () => {
    const home = freshHome();
    const r = await runCli(['link', 'banka', '--yes'], {
      ...ENV,
      FINAGG_HOME: home,
      FINAGG_SIM_FAULTS: 'invalid_credentials@banka',
    });
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(
      'finagg: BankA (US retail bank) did not accept the login (check your credentials at the bank and try again)\n',
    );
    expect(rowCounts(home)).toEqual({ connections: 0, accounts: 0 });
  });

  it('refuses a redirect whose state does not answer our request', async () => {
    const home = freshHome();
    const ctx = cliContext(home, ENV);
    const real = ctx.providers.get('banka')!;
    if (real.link.method !== 'oauth_code') throw new Error('banka links by OAuth');
    const authorization = real.link.authorization;
    const forged: BankProvider = {
      ...real,
      link: {
        ...real.link,
        authorization: {
          ...authorization,
          authorize: async (request, decision) => {
            const url = new URL(await authorization.authorize(request, decision));
            url.searchParams.set('state', 'attacker-state');
            return url.toString();
          },
        },
      },
    };
    const forgedCtx = { ...ctx, providers: new Map([['banka', forged]]), db: ctx.db, storage: ctx.storage, sqlite: ctx.sqlite };
    await expect(linkBank(forgedCtx, { providerId: 'banka', confirm: async () => true })).rejects.toMatchObject({
      code: 'security',
      message: expect.stringMatching(/state that does not match/),
    });
    await ctx.close();
    expect(rowCounts(home)).toEqual({ connections: 0, accounts: 0 });
  });

  it('keeps history on unlink, and --purge deletes it', async () => {
    const home = freshHome();
    const env = { ...ENV, FINAGG_HOME: home };
    await runCli(['link', 'bankc', '--yes', '--no-sync'], env);
    const unlinked = await runCli(['unlink', 'bankc', '--json'], env);
    expect(JSON.parse(unlinked.stdout).connection).toMatchObject({ id: 1, provider: 'bankc', status: 'revoked' });
    expect(rowCounts(home)).toEqual({ connections: 1, accounts: 2 });
    expect(JSON.parse((await runCli(['connections', '--json'], env)).stdout)).toEqual([]);

    // Linking again finds the same accounts, so their history is not split.
    await runCli(['link', 'bankc', '--yes', '--no-sync'], env);
    expect(JSON.parse((await runCli(['accounts', '--json'], env)).stdout).map((a: { id: number }) => a.id)).toEqual([1, 2]);
    const purged = await runCli(['unlink', '2', '--purge'], env);
    expect(purged.code).toBe(0);
    expect(rowCounts(home)).toEqual({ connections: 1, accounts: 0 });
    expect((await runCli(['unlink', 'bankc'], env)).code).toBe(2);
  });
});
