import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { NormalizedTransaction } from '../../src/core/bank-transaction';
import { contentKey, OccurrenceCounter } from '../../src/core/content-hash';
import { addDays } from '../../src/core/dates';
import {
  type DedupePlan,
  type HashedRecord,
  hashRecords,
  type PendingLink,
  planPage,
  type StoredIndex,
  type StoredTransaction,
} from '../../src/core/dedupe';
import { runs } from './support';

/**
 * Dedupe decides what a fetch adds to the store. Whatever the records (identical
 * purchases included), a first fetch into an empty store keeps every one of them, a
 * second fetch of the same records changes nothing, and how the bank cuts its feed into
 * pages does not change what is stored.
 */

const ACCOUNT = 1;
const PROVIDER = 'bank';

interface Row extends StoredTransaction {
  occurrence: number;
}

/**
 * The transactions table of one account in memory, looked up the way SyncStore.lookup
 * does for a page under its range-scan size: rows by the page's ids (its own, the pending
 * ids it names, the withdrawn ones), then rows by the hashes of records whose id found no
 * row of the same content, then the pending rows since the earliest date less ten days.
 */
class MemoryStore {
  readonly rows: Row[] = [];

  lookup(page: readonly HashedRecord[], removedIds: readonly string[]): StoredIndex {
    const byProviderId = new Map<string, StoredTransaction>();
    const byHash = new Map<bigint, StoredTransaction>();
    const ids = new Set([
      ...page.map((h) => h.record.providerTxnId),
      ...page.flatMap((h) => (h.record.pendingTxnId ? [h.record.pendingTxnId] : [])),
      ...removedIds,
    ]);
    for (const row of this.rows) {
      if (row.providerTxnId !== null && ids.has(row.providerTxnId)) {
        byProviderId.set(row.providerTxnId, { ...row });
        byHash.set(row.contentHash, { ...row });
      }
    }
    const hashes = new Set(
      page.filter((h) => byProviderId.get(h.record.providerTxnId)?.contentHash !== h.contentHash).map((h) => h.contentHash),
    );
    for (const row of this.rows) {
      if (!hashes.has(row.contentHash)) continue;
      byHash.set(row.contentHash, { ...row });
      if (row.providerTxnId !== null && !byProviderId.has(row.providerTxnId)) byProviderId.set(row.providerTxnId, { ...row });
    }
    let earliest = '9999-12-31';
    for (const h of page) if (h.record.date < earliest) earliest = h.record.date;
    const since = addDays(earliest, -10);
    const pendingRows = this.rows.filter((r) => r.pending && !r.removed && r.date >= since).map((r) => ({ ...r }));
    return { byProviderId, byHash, pendingRows };
  }

  /** SyncStore.applyPage without SQL: inserts, updates (a bank merchant replaces the row's), removals. */
  apply(plan: DedupePlan): void {
    for (const p of plan.inserts) {
      const r = p.record;
      this.rows.push({
        id: this.rows.length + 1,
        providerTxnId: r.providerTxnId,
        contentHash: p.contentHash,
        occurrence: p.occurrence,
        date: r.date,
        amountCents: r.amountCents,
        description: r.description,
        merchant: r.merchant,
        pending: r.pending,
        removed: false,
      });
    }
    for (const u of plan.updates) {
      const row = this.rows.find((x) => x.id === u.id)!;
      const r = u.record;
      Object.assign(row, {
        providerTxnId: r.providerTxnId,
        contentHash: u.contentHash,
        occurrence: u.occurrence,
        date: r.date,
        amountCents: r.amountCents,
        description: r.description,
        merchant: r.merchant ?? row.merchant,
        pending: r.pending,
        removed: false,
      });
    }
    for (const id of plan.removals) this.rows.find((x) => x.id === id)!.removed = true;
  }

  /** The stored rows without their ids, which only tell the order of inserts. */
  snapshot(): string[] {
    return this.rows
      .map(({ id: _id, ...row }) => JSON.stringify(row, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v)))
      .sort();
  }
}

interface Source {
  pendingLink: PendingLink;
  reissuesIds: boolean;
}

/** One fetch: the pages in order, sharing the occurrence counter and the pending ids sent, as sync.ts does. */
function fetchInto(store: MemoryStore, source: Source, pages: readonly (readonly NormalizedTransaction[])[]): DedupePlan[] {
  const occurrences = new OccurrenceCounter();
  const pendingSent = new Set<string>();
  return pages.map((page) => {
    const records = hashRecords(ACCOUNT, PROVIDER, page, occurrences);
    const plan = planPage({ ...source, records, removedIds: [], stored: store.lookup(records, []), pendingSent });
    store.apply(plan);
    return plan;
  });
}

// A few days, amounts and texts, so that identical purchases (same day, amount and text,
// up to case and spacing) are common; each record has its own bank id.
const content = fc.record({
  date: fc.constantFrom('2026-11-01', '2026-11-02', '2026-11-04', '2026-11-09'),
  amountCents: fc.constantFrom(-450, -451, -4000, -4800, 1200, 0),
  description: fc.constantFrom('SQ *BLUE BOTTLE COFFEE', 'sq *blue bottle  coffee', 'WHOLEFDS MKT 10234', 'PAYROLL'),
  merchant: fc.constantFrom(null, 'Blue Bottle Coffee', 'Whole Foods'),
  pending: fc.boolean(),
  // A posted record may name the pending one it replaces: one the bank no longer lists,
  // or one of this fetch (a bank that lists a pending charge for a while after it posts).
  link: fc.oneof(fc.constantFrom(null, null, 'gone-1', 'gone-2'), fc.nat()),
});
const records: fc.Arbitrary<NormalizedTransaction[]> = fc
  .tuple(fc.array(content, { minLength: 1, maxLength: 25 }), fc.array(content, { maxLength: 4 }))
  .map(([list, repeats]) => [...list, ...repeats.flatMap((c) => [c, c])])
  .chain((list) => fc.shuffledSubarray(list, { minLength: list.length, maxLength: list.length }))
  .map((list) =>
    list.map((c, i) => ({
      providerTxnId: `t${i}`,
      pendingTxnId: c.pending || c.link === null ? null : typeof c.link === 'number' ? `t${c.link % list.length}` : c.link,
      date: c.date,
      amountCents: c.amountCents,
      currency: 'USD',
      description: c.description,
      merchant: c.merchant,
      pending: c.pending,
      providerCategory: null,
    })),
  );
const source = fc.record({
  pendingLink: fc.constantFrom<PendingLink>('same_id', 'names_pending', 'none'),
  reissuesIds: fc.boolean(),
});

const keyOf = (r: NormalizedTransaction) => contentKey(ACCOUNT, PROVIDER, r);

/**
 * Records in another order, cut into pages: the order is random except that records of
 * one content key keep their order (the bank sends the n-th identical coffee of a day as
 * the n-th on every fetch: that is what the occurrence number counts).
 */
function reorderAndCut(
  list: readonly NormalizedTransaction[],
  priorities: readonly number[],
  cuts: readonly number[],
  keepKeyOrder: boolean,
): NormalizedTransaction[][] {
  const order = list.map((_, i) => i).sort((a, b) => priorities[a]! - priorities[b]! || a - b);
  let shuffled = order.map((i) => list[i]!);
  if (keepKeyOrder) {
    const queues = new Map<string, NormalizedTransaction[]>();
    for (const r of list) queues.set(keyOf(r), [...(queues.get(keyOf(r)) ?? []), r]);
    shuffled = shuffled.map((r) => queues.get(keyOf(r))!.shift()!);
  }
  const at = [...new Set(cuts.map((c) => c % (list.length + 1)))].sort((a, b) => a - b);
  const pages: NormalizedTransaction[][] = [];
  let from = 0;
  for (const to of [...at, list.length]) {
    if (to > from) pages.push(shuffled.slice(from, to));
    from = Math.max(from, to);
  }
  return pages;
}

const layout = (n: number) =>
  fc.tuple(
    fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: n, maxLength: n }),
    fc.array(fc.nat(), { maxLength: 6 }),
  );
const withLayout = records.chain((list) => fc.tuple(fc.constant(list), source, layout(list.length), layout(list.length)));

describe('dedupe over arbitrary records', () => {
  it('a first fetch into an empty store inserts every record, identical ones included, each under its own content hash', () => {
    fc.assert(
      fc.property(records, source, (list, src) => {
        const store = new MemoryStore();
        const [plan] = fetchInto(store, src, [list]);
        expect(plan!.updates).toEqual([]);
        expect(plan!.removals).toEqual([]);
        expect(plan!.deduplicated).toBe(0);
        expect(plan!.inserts.map((i) => i.record)).toEqual(list);
        expect(new Set(plan!.inserts.map((i) => i.contentHash)).size).toBe(list.length);
        // Identical purchases are counted 0, 1, 2, ... in the order the bank sent them.
        const seen = new Map<string, number>();
        for (const i of plan!.inserts) {
          const n = seen.get(keyOf(i.record)) ?? 0;
          expect(i.occurrence).toBe(n);
          seen.set(keyOf(i.record), n + 1);
        }
      }),
      runs(400),
    );
  });

  it('fetching the same records again, in any order and any pages, inserts nothing and changes nothing', () => {
    fc.assert(
      fc.property(withLayout, ([list, src, first, again]) => {
        const store = new MemoryStore();
        fetchInto(store, src, reorderAndCut(list, first[0], first[1], true));
        const before = store.snapshot();
        expect(before).toHaveLength(list.length);
        const plans = fetchInto(store, src, reorderAndCut(list, again[0], again[1], false));
        expect(plans.flatMap((p) => p.inserts)).toEqual([]);
        expect(plans.flatMap((p) => p.updates)).toEqual([]);
        expect(plans.reduce((n, p) => n + p.deduplicated, 0)).toBe(list.length);
        expect(store.snapshot()).toEqual(before);
      }),
      runs(400),
    );
  });

  it('the pages and their order do not change the stored rows (identical records kept in their order)', () => {
    fc.assert(
      fc.property(withLayout, ([list, src, a, b]) => {
        const one = new MemoryStore();
        fetchInto(one, src, [list]);
        const split = new MemoryStore();
        fetchInto(split, src, reorderAndCut(list, a[0], a[1], true));
        const other = new MemoryStore();
        fetchInto(other, src, reorderAndCut(list, b[0], b[1], true));
        expect(split.snapshot()).toEqual(one.snapshot());
        expect(other.snapshot()).toEqual(one.snapshot());
      }),
      runs(400),
    );
  });
});

describe('dedupe over a growing window', () => {
  it('re-reading a window that has grown inserts exactly the new records and changes no stored row', () => {
    // One page: a record that settles a stored pending row is checked against the pending
    // ids sent so far in the fetch, so a page that comes before the one still sending that
    // row as pending would settle it (a known limit of streaming pages, see the report).
    const grown = records.chain((list) =>
      fc.tuple(fc.constant(list), source, fc.array(fc.boolean(), { minLength: list.length, maxLength: list.length })),
    );
    fc.assert(
      fc.property(grown, ([list, src, early]) => {
        // What the first sync saw: for each content key, its first few records (the later
        // identical coffees of a day had not happened yet), and any other records.
        const counts = new Map<string, number>();
        list.forEach((r, i) => early[i] && counts.set(keyOf(r), (counts.get(keyOf(r)) ?? 0) + 1));
        const taken = new Map<string, number>();
        const first = list.filter((r) => {
          const n = taken.get(keyOf(r)) ?? 0;
          taken.set(keyOf(r), n + 1);
          return n < (counts.get(keyOf(r)) ?? 0);
        });
        const store = new MemoryStore();
        fetchInto(store, src, [first]);
        const before = store.snapshot();
        const plans = fetchInto(store, src, [list]);
        const firstIds = new Set(first.map((r) => r.providerTxnId));
        expect(plans.flatMap((p) => p.updates)).toEqual([]);
        expect(plans.flatMap((p) => p.inserts.map((i) => i.record.providerTxnId)).sort()).toEqual(
          list
            .filter((r) => !firstIds.has(r.providerTxnId))
            .map((r) => r.providerTxnId)
            .sort(),
        );
        expect(store.snapshot()).toEqual(expect.arrayContaining(before));
        // The same rows as one fetch of the whole window into an empty store.
        const once = new MemoryStore();
        fetchInto(once, src, [list]);
        expect(store.snapshot()).toEqual(once.snapshot());
      }),
      runs(300),
    );
  });
});

describe('dedupe regressions found by the fuzz tests', () => {
  const coffee = (over: Partial<NormalizedTransaction>): NormalizedTransaction => ({
    providerTxnId: 't0',
    pendingTxnId: null,
    date: '2026-11-01',
    amountCents: -450,
    currency: 'USD',
    description: 'SQ *BLUE BOTTLE COFFEE',
    merchant: null,
    pending: true,
    providerCategory: null,
    ...over,
  });
  const pending = coffee({});
  const posted = coffee({ providerTxnId: 't1', pendingTxnId: 't0', pending: false });
  const src: Source = { pendingLink: 'names_pending', reissuesIds: false };

  it('a posted record does not settle a pending one that the same fetch still sends as pending, whatever the pages', () => {
    const onePage = new MemoryStore();
    fetchInto(onePage, src, [[pending, posted]]);
    const twoPages = new MemoryStore();
    fetchInto(twoPages, src, [[pending], [posted]]);
    expect(twoPages.snapshot()).toEqual(onePage.snapshot());
    expect(twoPages.rows.map((r) => [r.providerTxnId, r.pending])).toEqual([
      ['t0', true],
      ['t1', false],
    ]);
    // And the next fetch of the same records changes nothing (it inserted t0 again).
    const again = fetchInto(twoPages, src, [[pending, posted]]);
    expect(again.flatMap((p) => [...p.inserts, ...p.updates])).toEqual([]);
  });

  it('still settles a stored pending row when the fetch no longer sends it as pending', () => {
    const store = new MemoryStore();
    fetchInto(store, src, [[pending]]);
    const [plan] = fetchInto(store, src, [[posted]]);
    expect(plan!.updates.map((u) => u.reason)).toEqual(['settled']);
    expect(store.rows.map((r) => [r.providerTxnId, r.pending])).toEqual([['t1', false]]);
  });
});
