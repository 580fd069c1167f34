import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { NormalizedTransaction } from '../../src/core/bank-transaction';
import { contentHash, contentKey, OccurrenceCounter } from '../../src/core/content-hash';
import {
  hashRecords,
  type PendingLink,
  planPage,
  type StoredIndex,
  storedAsIs,
  type StoredTransaction,
} from '../../src/core/dedupe';
import { runs } from './support';

/**
 * A resync's pages: every record names, by its id, a row stored as the record is. The
 * store then says so (StoredIndex.asIs) and gives only the withdrawn ids' rows, and the
 * plan skips its passes; it must be the very plan that the passes make from a full
 * index (the rows by id and by hash, the pending rows), withdrawn ids and the bank's
 * duplicates included.
 */

const ids = fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f', 'g', 'h');
const record = fc.record({
  providerTxnId: ids,
  pendingTxnId: fc.option(ids, { nil: null }),
  date: fc.constantFrom('2026-11-01', '2026-11-02', '2026-11-03'),
  amountCents: fc.constantFrom(-450, -500, 1200),
  currency: fc.constant('USD'),
  description: fc.constantFrom('SQ *BLUE BOTTLE', 'sq *blue  bottle', 'PAYROLL'),
  merchant: fc.option(fc.constantFrom('Blue Bottle', 'Acme'), { nil: null }),
  pending: fc.boolean(),
  providerCategory: fc.constant(null),
});

interface Case {
  records: NormalizedTransaction[];
  /** Rows no record names: withdrawn ones, strangers, some already removed. */
  others: { providerTxnId: string; removed: boolean; pending: boolean }[];
  /** The merchant a row keeps when the bank sends none. */
  keptMerchant: string | null;
  removedIds: string[];
  link: PendingLink;
  reissuesIds: boolean;
  idsUnstable: boolean;
  held: boolean;
  seen: string[];
}

const cases: fc.Arbitrary<Case> = fc.record({
  // The bank's duplicates are the same record twice.
  records: fc
    .uniqueArray(record, { selector: (r) => r.providerTxnId, maxLength: 8 })
    .chain((list) =>
      fc
        .array(fc.nat(), { maxLength: 3 })
        .map((picks) => [...list, ...picks.flatMap((i) => (list.length ? [list[i % list.length]!] : []))]),
    ),
  others: fc.array(
    fc.record({ providerTxnId: fc.constantFrom('x', 'y', 'z', 'a', 'p'), removed: fc.boolean(), pending: fc.boolean() }),
    { maxLength: 4 },
  ),
  keptMerchant: fc.option(fc.constantFrom('Blue Bottle Coffee', 'ACME'), { nil: null }),
  removedIds: fc.array(fc.constantFrom('a', 'b', 'x', 'y', 'z', 'p', 'q'), { maxLength: 4 }),
  link: fc.constantFrom<PendingLink>('same_id', 'names_pending', 'none'),
  reissuesIds: fc.boolean(),
  idsUnstable: fc.boolean(),
  held: fc.boolean(),
  seen: fc.array(ids, { maxLength: 3 }),
});

function indexOf(c: Case): StoredIndex {
  let id = 1;
  const rows = new Map<string, StoredTransaction>();
  const counter = new OccurrenceCounter();
  for (const r of c.records) {
    const key = contentKey(1, 'bank', r);
    const occurrence = counter.next(key, r.date);
    if (rows.has(r.providerTxnId)) continue;
    rows.set(r.providerTxnId, {
      id: id++,
      providerTxnId: r.providerTxnId,
      contentHash: contentHash(key, occurrence),
      date: r.date,
      amountCents: r.amountCents,
      description: r.description,
      merchant: r.merchant ?? c.keptMerchant,
      pending: r.pending,
      removed: false,
    });
  }
  for (const o of c.others) {
    if (rows.has(o.providerTxnId)) continue;
    const key = contentKey(1, 'bank', { date: '2026-11-01', amountCents: -450, description: 'SQ *BLUE BOTTLE' });
    rows.set(o.providerTxnId, {
      id: id++,
      providerTxnId: o.providerTxnId,
      contentHash: contentHash(key, id),
      date: '2026-11-01',
      amountCents: -450,
      description: 'SQ *BLUE BOTTLE',
      merchant: null,
      pending: o.pending,
      removed: o.removed,
    });
  }
  const all = [...rows.values()];
  return {
    byProviderId: rows,
    byHash: new Map(all.map((r) => [r.contentHash, r])),
    pendingRows: all.filter((r) => r.pending && !r.removed),
  };
}

function plan(c: Case, asIs: boolean) {
  const pendingSent = new Set(c.seen);
  const full = indexOf(c);
  // Told that the page is stored as it is, the plan gets only the withdrawn ids' rows.
  const withdrawn = new Map(c.removedIds.flatMap((id) => (full.byProviderId.has(id) ? [[id, full.byProviderId.get(id)!]] : [])));
  const stored: StoredIndex = asIs ? { byProviderId: withdrawn, byHash: new Map(), pendingRows: [], asIs } : full;
  const result = planPage({
    pendingLink: c.link,
    reissuesIds: c.reissuesIds,
    idsUnstable: c.idsUnstable,
    held: c.held,
    records: hashRecords(1, 'bank', c.records, new OccurrenceCounter()),
    removedIds: c.removedIds,
    stored,
    pendingSent,
  });
  return { result, pendingSent: [...pendingSent].sort() };
}

describe('a page stored as it is (a resync)', () => {
  it('is planned without the passes exactly as the passes plan it', () => {
    fc.assert(
      fc.property(cases, (c) => {
        const rows = indexOf(c).byProviderId;
        for (const r of c.records) {
          const row = rows.get(r.providerTxnId)!;
          expect(storedAsIs(r, row.date, row.amountCents, row.description, row.merchant, row.pending) && !row.removed).toBe(true);
        }
        const full = plan(c, false);
        expect(full.result.inserts).toEqual([]);
        expect(full.result.updates).toEqual([]);
        expect(plan(c, true)).toEqual(full);
      }),
      runs(2000),
    );
  });
});
