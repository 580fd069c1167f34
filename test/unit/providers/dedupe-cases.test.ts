import { describe, expect, it } from 'vitest';
import { findCases, type DedupeCase } from '../../../src/providers/sim/cases';
import { SimWorld } from '../../../src/providers/sim/world';
import { accountIds, busyNow, drain, NOW, simProviders } from './support';

// 40 everyday purchases a day across the household; BankC's in the summer stay in Berlin.
const config = { historyDays: 90, daily: 40 };

describe('generated data holds every case dedupe must handle', () => {
  it.each([
    ['banka', 'twin'],
    ['bankb', 'twin'],
    ['bankc', 'twin'],
    ['banka', 'settled'],
    ['bankb', 'settled'],
    ['bankb', 'cancelled'],
    ['bankc', 'tipped'],
    ['bankc', 'reissued'],
  ] as const)('%s has at least two %s events', (bank, kind: DedupeCase) => {
    expect(findCases(new SimWorld(bank, 42, config), kind, busyNow(bank), 2)).toHaveLength(2);
  });

  it('has no tips or re-issued ids outside BankC, and no cancellations outside BankB', () => {
    expect(findCases(new SimWorld('banka', 42, config), 'tipped', NOW)).toEqual([]);
    expect(findCases(new SimWorld('bankb', 42, config), 'reissued', NOW)).toEqual([]);
    expect(findCases(new SimWorld('bankc', 42, config), 'cancelled', busyNow('bankc'))).toEqual([]);
  });

  it.each(['banka', 'bankb', 'bankc'])('%s serves identical same-day purchases as two records with two ids', async (id) => {
    const provider = simProviders({ now: busyNow(id), env: { FINAGG_SIM_HISTORY_DAYS: '90', FINAGG_SIM_DAILY: '40' } }).get(id);
    const seen = new Map<string, number>();
    for (const account of await accountIds(provider)) {
      const { added } = await drain(provider, account, '2024-01-01');
      for (const t of added.map((raw) => provider.normalizeTransaction(raw))) {
        const key = `${account}|${t.date}|${t.amountCents}|${t.description}|${t.pending}`;
        seen.set(key, (seen.get(key) ?? 0) + 1);
      }
    }
    expect([...seen.values()].filter((n) => n >= 2).length).toBeGreaterThan(0);
  });
});
