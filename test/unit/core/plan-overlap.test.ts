import { describe, expect, it } from 'vitest';
import type { DedupePlan } from '../../../src/core/dedupe';
import { type PlanBasis, planStillHolds } from '../../../src/core/plan-overlap';
import type { NormalizedTransaction } from '../../../src/core/bank-transaction';

const record = (id: string, date: string, pending = false): NormalizedTransaction =>
  ({
    providerTxnId: id,
    pendingTxnId: null,
    date,
    amountCents: -500,
    currency: 'USD',
    description: 'SHOP',
    merchant: null,
    pending,
  }) as unknown as NormalizedTransaction;

const written = (over: Partial<DedupePlan> = {}): DedupePlan => ({
  inserts: [{ record: record('a1', '2026-03-01'), contentHash: 11n, occurrence: 0 }],
  updates: [],
  removals: [],
  deduplicated: 0,
  deferred: 0,
  ...over,
});

const basis = (over: Partial<PlanBasis> = {}): PlanBasis => ({
  ids: ['b1', 'b2'],
  hashes: [21n, 22n],
  pendingFrom: '2026-03-20',
  rows: [7, 8],
  ...over,
});

describe('a plan made a batch ahead', () => {
  it('holds when the batch written meanwhile wrote nothing it could have found', () => {
    expect(planStillHolds(basis(), written())).toBe(true);
    expect(planStillHolds(basis(), written({ inserts: [] }))).toBe(true);
  });

  it('is made again when that batch stored a row of an id, a hash or a pending date it looks up', () => {
    expect(planStillHolds(basis({ ids: ['a1'] }), written())).toBe(false);
    expect(planStillHolds(basis({ hashes: [11n] }), written())).toBe(false);
    const pending = written({ inserts: [{ record: record('p1', '2026-03-25', true), contentHash: 31n, occurrence: 0 }] });
    expect(planStillHolds(basis(), pending)).toBe(false);
    // A pending row dated before what the plan read of pending rows is not among them.
    const older = written({ inserts: [{ record: record('p1', '2026-03-01', true), contentHash: 31n, occurrence: 0 }] });
    expect(planStillHolds(basis(), older)).toBe(true);
    // A row stored under the id of the row it settles.
    const settled = written({
      inserts: [{ record: record('x9', '2026-03-01'), contentHash: 41n, occurrence: 0, storedId: 'b2' }],
    });
    expect(planStillHolds(basis(), settled)).toBe(false);
  });

  it('is made again when that batch changed or withdrew a row it saw', () => {
    expect(planStillHolds(basis(), written({ inserts: [], removals: [8] }))).toBe(false);
    expect(planStillHolds(basis(), written({ inserts: [], removals: [9] }))).toBe(true);
    const update = {
      id: 7,
      record: record('c1', '2026-03-01'),
      contentHash: 51n,
      occurrence: 0,
      changes: [],
      reason: 'modified' as const,
    };
    expect(planStillHolds(basis(), written({ inserts: [], updates: [update] }))).toBe(false);
    expect(planStillHolds(basis(), written({ inserts: [], updates: [{ ...update, id: 9 }] }))).toBe(true);
  });

  it('made without searching by hash (a resync as it is), is made again after any new row', () => {
    expect(planStillHolds(basis({ hashes: null }), written())).toBe(false);
    expect(planStillHolds(basis({ hashes: null }), written({ inserts: [] }))).toBe(true);
  });
});
