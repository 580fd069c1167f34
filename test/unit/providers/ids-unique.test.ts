import { describe, expect, it } from 'vitest';
import { bankATxnId } from '../../../src/providers/banka/server';
import { bankBPendingId, bankBPostedId } from '../../../src/providers/bankb/server';
import { bankCTxnId } from '../../../src/providers/bankc/server';
import { SimWorld } from '../../../src/providers/sim/world';
import type { SimEvent } from '../../../src/providers/sim/event';

const NOW = Date.parse('2026-11-23T12:00:00Z');

/** Every event of a long, dense history of one bank's busiest account (its card; BankC's Girokonto). */
function events(bank: 'banka' | 'bankb' | 'bankc'): SimEvent[] {
  // 400 everyday purchases a day across the household: BankC's share comes only in Berlin.
  const world = new SimWorld(bank, 42, { historyDays: 3650, daily: bank === 'bankc' ? 400 : 150 });
  const account = world.accounts.find((a) => a.type === 'credit') ?? world.accounts[0]!;
  const { firstDay, today } = world.window(NOW);
  const all: SimEvent[] = [];
  world.scan(account, firstDay, today, (e) => {
    all.push(e);
    return true;
  });
  return all;
}

describe('simulated bank ids', () => {
  // A real bank never gives two transactions of an account the same id; with ids hashed
  // from 32 bits, ten years of 40 a day would collide about a hundred times.
  it.each([
    ['banka', (e: SimEvent) => [bankATxnId(e)]],
    ['bankb', (e: SimEvent) => [bankBPendingId(e), bankBPostedId(e)]],
    ['bankc', (e: SimEvent) => [bankCTxnId(e, 'first'), bankCTxnId(e, 'tipped'), bankCTxnId(e, 'reissued')]],
  ] as const)('are unique across ten years of %s', (bank, idsOf) => {
    const all = events(bank);
    expect(all.length).toBeGreaterThan(100_000);
    const ids = new Set<string>();
    let count = 0;
    for (const e of all) {
      for (const id of new Set(idsOf(e))) {
        ids.add(id);
        count++;
      }
    }
    expect(ids.size).toBe(count);
  });

  it('keeps the UUID shape at BankC', () => {
    expect(bankCTxnId(events('bankc')[0]!, 'tipped')).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}$/);
  });
});
