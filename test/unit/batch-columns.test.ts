import { MessageChannel, receiveMessageOnPort } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import type { NormalizedTransaction } from '../../src/core/bank-transaction';
import { fromColumns, toColumns, transferables, type PlannedObjects } from '../../src/app/sync-worker/batch-columns';

/**
 * A planned batch crosses from the sync worker to the sync as columns
 * (src/app/sync-worker/batch-columns.ts). What arrives must be what was sent, field for
 * field, or it must go as objects.
 */

function record(i: number, extra: Partial<NormalizedTransaction> = {}): NormalizedTransaction {
  return {
    providerTxnId: `tx-${i}`,
    pendingTxnId: i % 7 === 0 ? `p-${i}` : null,
    date: `2024-03-${String(1 + (i % 28)).padStart(2, '0')}`,
    amountCents: i % 3 === 0 ? 125_000 : -(i * 37 + 1),
    currency: i % 5 === 0 ? 'EUR' : 'USD',
    description: `CARD PURCHASE ${i} MERCHANT`,
    merchant: i % 4 === 0 ? null : `Merchant ${i % 9}`,
    pending: i % 11 === 0,
    providerCategory: i % 6 === 0 ? null : 'shopping',
    ...extra,
  };
}

function batch(): PlannedObjects {
  const records = Array.from({ length: 40 }, (_, i) =>
    i % 8 === 0 ? record(i, { memo: `memo ${i}` }) : i % 8 === 1 ? record(i, { memo: null }) : record(i),
  );
  const inserts = records.slice(0, 30).map((r, i) => ({
    record: r,
    contentHash: BigInt(i) * 0x0123456789abcdn - 2n ** 62n,
    occurrence: i % 3,
    ...(i === 4 ? { storedId: null } : i === 5 ? { storedId: 'tx-other' } : {}),
  }));
  return {
    records,
    occurrences: records.map((_, i) => i % 2),
    hashes: records.map((_, i) => BigInt(i) - 2n ** 63n + 5n),
    plan: {
      inserts,
      updates: [
        {
          id: 91,
          record: records[33]!,
          contentHash: -7n,
          occurrence: 0,
          changes: [{ field: 'amount_cents', oldValue: 100, newValue: 120 }],
          reason: 'modified',
        },
      ],
      removals: [12, 13],
      deduplicated: 5,
      deferred: 1,
    },
    categories: inserts.map((_, i) => ({
      category: i % 2 ? 'food.groceries' : 'shopping',
      source: i % 3 ? 'builtin' : 'rule',
      ruleId: i % 3 ? null : 17,
      merchant: i % 5 ? `Merchant ${i % 9}` : null,
      merchantSource: i % 2 ? 'provider' : 'builtin',
      ...(i % 4 === 0 ? { learned: i % 8 === 0 } : {}),
    })),
    payeeKeys: inserts.map((_, i) => `payee-${i % 6}`),
  };
}

describe('a planned batch as columns', () => {
  it('arrives through a port as it was sent, with the plan sharing the batch records', () => {
    const sent = batch();
    const columns = toColumns(sent)!;
    expect(columns).toBeDefined();
    const { port1, port2 } = new MessageChannel();
    port1.postMessage(columns, transferables(columns));
    const got = fromColumns(receiveMessageOnPort(port2)!.message);
    port1.close();
    expect(got).toStrictEqual(sent);
    expect(got.plan.inserts[7]!.record).toBe(got.records[7]);
    expect(got.plan.updates[0]!.record).toBe(got.records[33]);
    // Repeated text is said once: 28 dates, 2 currencies, 9 merchants, and so on, not 40 of each.
    expect(columns.words).toHaveLength(new Set(columns.words).size);
    expect(columns.words.filter((w) => w === 'USD')).toHaveLength(1);
  });

  it('keeps no hashes when the plan did not search by them (a resync as it is)', () => {
    const sent = { ...batch(), hashes: null };
    expect(fromColumns(toColumns(sent)!)).toStrictEqual(sent);
  });

  it('leaves to objects what columns cannot carry exactly', () => {
    const odd = batch();
    (odd.records[3] as unknown as Record<string, unknown>).authorizedDate = '2024-03-01';
    expect(toColumns(odd)).toBeUndefined();
    const copied = batch();
    copied.plan.inserts[2] = { ...copied.plan.inserts[2]!, record: { ...copied.plan.inserts[2]!.record } };
    expect(toColumns(copied)).toBeUndefined();
    const wide = batch();
    wide.hashes![0] = 2n ** 63n;
    expect(toColumns(wide)).toBeUndefined();
    const undefinedMerchant = batch();
    (undefinedMerchant.records[2] as unknown as Record<string, unknown>).merchant = undefined;
    expect(toColumns(undefinedMerchant)).toBeUndefined();
  });
});
