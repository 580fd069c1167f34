import { describe, expect, it } from 'vitest';
import { ProviderError } from '../../../src/providers/errors';
import { SimWorld } from '../../../src/providers/sim/world';
import { accountIds, BERLIN_NOW, busyNow, drain, NOW, simProviders, TOKEN } from './support';

// 150 everyday purchases a day across the household: about 15 on BankA's checking account.
const env = { FINAGG_SIM_HISTORY_DAYS: '60', FINAGG_SIM_DAILY: '150' };

function windowCount(bank: 'banka' | 'bankc', accountIndex: number, fromIso: string): number {
  const world = new SimWorld(bank, 42, { historyDays: 60, daily: 150 });
  const account = world.accounts[accountIndex];
  if (!account) throw new Error('no account');
  const { firstDay, today } = world.window(busyNow(bank));
  const since = Math.max(firstDay, Math.floor(Date.parse(`${fromIso}T00:00:00Z`) / 86_400_000));
  let n = 0;
  for (let day = since; day <= today; day++) n += world.authorizedCount(account, day, busyNow(bank));
  return n;
}

describe('paging of the simulated banks', () => {
  it('BankA serves the window in pages of 250 with no record twice', async () => {
    const banka = simProviders({ env }).get('banka');
    const [checking] = await accountIds(banka);
    const { pages, added } = await drain(banka, checking ?? '', '2025-01-20');
    expect(pages.length).toBeGreaterThan(2);
    expect(pages.slice(0, -1).every((p) => p.added.length === 250 && p.hasMore)).toBe(true);
    const ids = added.map((raw) => banka.rawTransactionId(raw));
    expect(new Set(ids).size).toBe(added.length);
    expect(added.length).toBe(windowCount('banka', 0, '2025-01-20'));
    expect(added.every((raw) => banka.normalizeTransaction(raw).date >= '2025-01-20')).toBe(true);
  });

  it('BankC serves the window by offset and limit up to its total', async () => {
    const bankc = simProviders({ env, now: BERLIN_NOW }).get('bankc');
    const [checking] = await accountIds(bankc);
    const { pages, added } = await drain(bankc, checking ?? '', '2025-01-01');
    expect(pages.length).toBeGreaterThan(2);
    expect(pages.slice(0, -1).every((p) => p.added.length === 200)).toBe(true);
    expect(new Set(added.map((raw) => bankc.rawTransactionId(raw))).size).toBe(added.length);
    expect(added.length).toBe(windowCount('bankc', 0, '2025-01-01'));
  });

  it('a page fetched out of order is the same as in order', async () => {
    const first = simProviders({ env }).get('banka');
    const [checking] = await accountIds(first);
    const inOrder = await drain(first, checking ?? '', '2025-01-20');
    const third = inOrder.pages[1]?.nextCursor ?? null;
    const fresh = simProviders({ env }).get('banka');
    const direct = await fresh.fetchTransactions(TOKEN, { accountId: checking ?? '', cursor: third, since: '2025-01-20' });
    expect(direct.added).toEqual(inOrder.pages[2]?.added);
  });

  it('after the last page the cursor starts the next window at since', async () => {
    const banka = simProviders({ env }).get('banka');
    const [, savings] = await accountIds(banka);
    const first = await drain(banka, savings ?? '', '2025-03-01');
    const again = await drain(banka, savings ?? '', '2025-03-01', first.cursor);
    expect(again.added).toEqual(first.added);
  });

  it.each(['banka', 'bankb', 'bankc'])('%s refuses a cursor it did not write', async (id) => {
    const provider = simProviders({ env }).get(id);
    const [account] = await accountIds(provider);
    const error = await provider
      .fetchTransactions(TOKEN, { accountId: account ?? '', cursor: 'garbage', since: '2025-03-01' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProviderError);
    expect(error).toMatchObject({ kind: 'invalid_request' });
  });

  it('refuses an account the bank does not have', async () => {
    const banka = simProviders({ env }).get('banka');
    await expect(banka.fetchTransactions(TOKEN, { accountId: 'ACCT0', cursor: null, since: '2025-03-01' })).rejects.toMatchObject(
      { kind: 'invalid_request' },
    );
  });
});
