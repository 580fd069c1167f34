import { describe, expect, it } from 'vitest';
import { bankBPendingId, bankBPostedId } from '../../../src/providers/bankb/server';
import { stateAt } from '../../../src/providers/sim/event';
import { SimWorld } from '../../../src/providers/sim/world';
import { accountIds, DAY, drain, NOW, simProviders } from './support';

// 250 everyday purchases a day across the household: about 25 on BankB's checking account.
const env = { FINAGG_SIM_HISTORY_DAYS: '30', FINAGG_SIM_DAILY: '250' };
const world = new SimWorld('bankb', 42, { historyDays: 30, daily: 250 });

describe('BankB transactions/sync', () => {
  it('without a cursor returns the whole history window, then nothing new at the same clock', async () => {
    const bankb = simProviders({ env }).get('bankb');
    const [account] = await accountIds(bankb);
    const first = await drain(bankb, account ?? '', 'ignored');
    expect(first.pages.length).toBeGreaterThan(1);
    expect(first.removed).toEqual([]);
    const ids = first.added.map((raw) => bankb.rawTransactionId(raw));
    expect(new Set(ids).size).toBe(ids.length);
    const dates = first.added.map((raw) => bankb.normalizeTransaction(raw).date);
    expect(dates[0]).toBe('2025-02-09');
    expect(dates.at(-1)).toBe('2025-03-10');

    const again = await drain(bankb, account ?? '', 'ignored', first.cursor);
    expect(again.added).toEqual([]);
    expect(again.removed).toEqual([]);
    expect(again.pages.at(-1)?.hasMore).toBe(false);
  });

  it('after the clock moves returns exactly what changed: new, posted (pending removed), cancelled (removed)', async () => {
    const { get, clock } = simProviders({ env });
    const bankb = get('bankb');
    const ids = await accountIds(bankb);
    const firsts = await Promise.all(ids.map((id) => drain(bankb, id, 'ignored')));
    const later = NOW + 4 * DAY;
    clock.advance(4 * DAY);
    let cancelled = 0;
    for (const [i, account] of world.accounts.entries()) {
      const first = firsts[i];
      if (!first) throw new Error('no first sync');
      const next = await drain(bankb, account.providerAccountId, 'ignored', first.cursor);
      const expectedAdded: string[] = [];
      const expectedRemoved: string[] = [];
      let cancelledHere = 0;
      world.scan(account, world.dayOf(NOW) - 7, world.dayOf(later), (event) => {
        const before = stateAt(event, NOW);
        const after = stateAt(event, later);
        if (before === after) return;
        if (after === 'pending') expectedAdded.push(bankBPendingId(event));
        if (after === 'posted') expectedAdded.push(bankBPostedId(event));
        if (before === 'pending' && after !== 'pending') expectedRemoved.push(bankBPendingId(event));
        if (before === 'pending' && after === 'cancelled') cancelledHere++;
      });
      expect(next.added.map((raw) => bankb.rawTransactionId(raw)).sort()).toEqual(expectedAdded.sort());
      expect([...next.removed].sort()).toEqual(expectedRemoved.sort());

      // Every removed id is one BankB sent as pending before.
      const sentPending = new Set(
        first.added
          .map((raw) => bankb.normalizeTransaction(raw))
          .filter((t) => t.pending)
          .map((t) => t.providerTxnId),
      );
      expect(next.removed.every((id) => sentPending.has(id))).toBe(true);
      // A cancelled pending charge is removed and nothing replaces it.
      const named = new Set(next.added.map((raw) => bankb.normalizeTransaction(raw).pendingTxnId));
      expect(next.removed.filter((id) => !named.has(id)).length).toBe(cancelledHere);
      cancelled += cancelledHere;
    }
    expect(cancelled).toBeGreaterThan(0);
  });

  it('withdraws some pending charges without ever posting them', () => {
    let cancelled = 0;
    for (const account of world.accounts) {
      const { firstDay, today } = world.window(NOW);
      world.scan(account, firstDay, today, (event) => {
        if (event.cancelMs !== Infinity) {
          cancelled++;
          expect(event.settleMs).toBe(Infinity);
          expect(stateAt(event, event.cancelMs)).toBe('cancelled');
        }
      });
    }
    expect(cancelled).toBeGreaterThan(10);
  });
});
