import { describe, expect, it } from 'vitest';
import type { NormalizedTransaction } from '../../../src/core/bank-transaction';
import { accountIds, busyNow, DAY, daysBefore, drain, simProviders } from './support';

// 100 everyday purchases a day across the household: about 10 on a checking account.
const env = { FINAGG_SIM_HISTORY_DAYS: '30', FINAGG_SIM_DAILY: '100' };

describe('moving the clock forward', () => {
  it.each(['banka', 'bankc'])('%s: new transactions appear and pending ones settle under the same id', async (id) => {
    const { get, clock } = simProviders({ env, now: busyNow(id) });
    const provider = get(id);
    const [account] = await accountIds(provider);
    const since = daysBefore(busyNow(id), 9);
    const read = async () => {
      const { added } = await drain(provider, account ?? '', since);
      return new Map(
        added.map((raw) => provider.normalizeTransaction(raw)).map((t): [string, NormalizedTransaction] => [t.providerTxnId, t]),
      );
    };
    const before = await read();
    clock.advance(3 * DAY);
    const after = await read();
    const fresh = [...after.keys()].filter((key) => !before.has(key));
    const settled = [...before.values()].filter((t) => t.pending && after.get(t.providerTxnId)?.pending === false);
    expect(fresh.length).toBeGreaterThan(20);
    expect(settled.length).toBeGreaterThan(3);
    for (const t of settled) expect(after.get(t.providerTxnId)).toMatchObject({ date: t.date, amountCents: t.amountCents });
  });

  it('BankB sends the posted record as new, naming the pending one it replaces', async () => {
    const { get, clock } = simProviders({ env });
    const bankb = get('bankb');
    const [account] = await accountIds(bankb);
    const first = await drain(bankb, account ?? '', '2025-03-01');
    const pending = new Set(
      first.added
        .map((raw) => bankb.normalizeTransaction(raw))
        .filter((t) => t.pending)
        .map((t) => t.providerTxnId),
    );
    clock.advance(3 * DAY);
    const next = await drain(bankb, account ?? '', '2025-03-01', first.cursor);
    const replacing = next.added
      .map((raw) => bankb.normalizeTransaction(raw))
      .filter((t) => t.pendingTxnId !== null && pending.has(t.pendingTxnId));
    expect(replacing.length).toBeGreaterThan(3);
    for (const t of replacing) {
      expect(t.pending).toBe(false);
      expect(next.removed).toContain(t.pendingTxnId);
    }
  });

  it('balances follow the clock', async () => {
    const { get, clock } = simProviders({ env });
    const banka = get('banka');
    const before = await banka.fetchAccounts('good-token');
    clock.advance(2 * DAY);
    expect(await banka.fetchAccounts('good-token')).not.toEqual(before);
  });
});
