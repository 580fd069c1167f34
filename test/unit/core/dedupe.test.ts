import { describe, expect, it } from 'vitest';
import type { NormalizedTransaction } from '../../../src/core/bank-transaction';
import { contentHash, contentKey, OccurrenceCounter } from '../../../src/core/content-hash';
import { hashRecords, likelyPosting, type PendingLink, planPage, type StoredTransaction } from '../../../src/core/dedupe';

const tx = (over: Partial<NormalizedTransaction>): NormalizedTransaction => ({
  providerTxnId: 'id-1',
  pendingTxnId: null,
  date: '2026-11-01',
  amountCents: -450,
  currency: 'USD',
  description: 'SQ *BLUE BOTTLE COFFEE',
  merchant: 'Blue Bottle Coffee',
  pending: false,
  providerCategory: null,
  ...over,
});

let nextId = 1;
function storedFrom(record: NormalizedTransaction, occurrence = 0, over: Partial<StoredTransaction> = {}): StoredTransaction {
  return {
    id: nextId++,
    providerTxnId: record.providerTxnId,
    contentHash: contentHash(contentKey(1, 'bank', record), occurrence),
    date: record.date,
    amountCents: record.amountCents,
    description: record.description,
    merchant: record.merchant,
    pending: record.pending,
    removed: false,
    ...over,
  };
}

function plan(
  records: NormalizedTransaction[],
  stored: StoredTransaction[] = [],
  options: { link?: PendingLink; removed?: string[]; reissuesIds?: boolean; seen?: string[]; idsUnstable?: boolean } = {},
) {
  return planPage({
    pendingLink: options.link ?? 'none',
    reissuesIds: options.reissuesIds ?? true,
    idsUnstable: options.idsUnstable,
    records: hashRecords(1, 'bank', records, new OccurrenceCounter()),
    removedIds: options.removed ?? [],
    stored: {
      byProviderId: new Map(stored.filter((s) => s.providerTxnId).map((s) => [s.providerTxnId!, s])),
      byHash: new Map(stored.map((s) => [s.contentHash, s])),
      pendingRows: stored.filter((s) => s.pending),
    },
    pendingSent: new Set(options.seen ?? []),
  });
}

describe('dedupe planning', () => {
  it('keeps two genuinely identical purchases on one day as two rows', () => {
    const p = plan([tx({ providerTxnId: 'a' }), tx({ providerTxnId: 'b' })]);
    expect(p.inserts.map((i) => i.occurrence)).toEqual([0, 1]);
    expect(new Set(p.inserts.map((i) => i.contentHash)).size).toBe(2);
  });

  it('adds nothing when the same day is fetched again, even under new ids', () => {
    const first = [tx({ providerTxnId: 'a' }), tx({ providerTxnId: 'b' })];
    const stored = [storedFrom(first[0]!, 0), storedFrom(first[1]!, 1)];
    expect(plan(first, stored)).toMatchObject({ inserts: [], updates: [], deduplicated: 2 });
    // A bank that re-issues ids: same content, new ids -> caught by the hash, id updated.
    const reissued = plan([tx({ providerTxnId: 'a2' }), tx({ providerTxnId: 'b2' })], stored);
    expect(reissued.inserts).toEqual([]);
    expect(reissued.updates.map((u) => u.reason)).toEqual(['reissued', 'reissued']);
  });

  it('settles a pending row into the posted record with a tip, without a link from the bank', () => {
    const pending = storedFrom(tx({ providerTxnId: 'p1', pending: true, amountCents: -4000, date: '2026-11-01' }));
    const p = plan([tx({ providerTxnId: 'q1', amountCents: -4800, date: '2026-11-03' })], [pending]);
    expect(p.inserts).toEqual([]);
    expect(p.updates).toHaveLength(1);
    expect(p.updates[0]).toMatchObject({ id: pending.id, reason: 'settled' });
    expect(p.updates[0]!.changes).toEqual(
      expect.arrayContaining([
        { field: 'amount_cents', oldValue: -4000, newValue: -4800 },
        { field: 'pending', oldValue: 1, newValue: 0 },
      ]),
    );
  });

  it('settles a pending charge whose posting the bank prints differently and names no merchant for', () => {
    const pending = storedFrom(
      tx({
        providerTxnId: 'p1',
        pending: true,
        amountCents: -4200,
        description: 'TST* CORNER BISTRO',
        merchant: 'Corner Bistro',
      }),
    );
    const posted = tx({
      providerTxnId: 'q1',
      amountCents: -5040,
      date: '2026-11-02',
      description: 'CORNER BISTRO SAN FRANCISCO CA',
      merchant: null,
    });
    const p = plan([posted], [pending], { reissuesIds: false });
    expect(p.inserts).toEqual([]);
    expect(p.updates).toEqual([expect.objectContaining({ id: pending.id, reason: 'settled' })]);
    // Another place of the same price is not that charge.
    const other = tx({
      providerTxnId: 'q2',
      amountCents: -5040,
      date: '2026-11-02',
      description: 'CORNER DELI SAN FRANCISCO CA',
      merchant: null,
    });
    expect(plan([other], [pending], { reissuesIds: false }).inserts).toHaveLength(1);
  });

  it('does not settle a pending row of another merchant or beyond a tip', () => {
    const pending = storedFrom(tx({ providerTxnId: 'p1', pending: true, amountCents: -4000 }));
    expect(plan([tx({ providerTxnId: 'q1', amountCents: -9000 })], [pending]).inserts).toHaveLength(1);
    expect(plan([tx({ providerTxnId: 'q2', merchant: 'Other', description: 'OTHER' })], [pending]).inserts).toHaveLength(1);
  });

  it('never settles a pending row that the bank still sends as pending', () => {
    const stillPending = storedFrom(tx({ providerTxnId: 'p1', pending: true, date: '2026-11-01' }));
    const other = tx({ providerTxnId: 'q2', date: '2026-11-02' });
    // Earlier in this fetch, or later in this very page: either way the row is taken.
    expect(plan([other], [stillPending], { seen: ['p1'] }).inserts).toHaveLength(1);
    const samePage = plan([other, tx({ providerTxnId: 'p1', pending: true, date: '2026-11-01' })], [stillPending]);
    expect(samePage.inserts.map((i) => i.record.providerTxnId)).toEqual(['q2']);
    expect(samePage.updates).toEqual([]);
  });

  it('follows the bank when a posted record names its pending one', () => {
    const pending = storedFrom(tx({ providerTxnId: 'p1', pending: true }));
    const p = plan([tx({ providerTxnId: 'q1', pendingTxnId: 'p1' })], [pending], { link: 'names_pending', removed: ['p1'] });
    expect(p.updates).toMatchObject([{ id: pending.id, reason: 'settled' }]);
    expect(p.removals).toEqual([]); // the pending id left with the row it became
  });

  it('keeps a second identical purchase from a change feed that holds part of a day', () => {
    // The feed sends only the new purchase: it is the day's first record in this fetch,
    // so it hashes like the stored one. With stable ids it is still a new row.
    const stored = [storedFrom(tx({ providerTxnId: 'a' }), 0)];
    const p = plan([tx({ providerTxnId: 'b' })], stored, { link: 'names_pending', reissuesIds: false });
    expect(p.inserts).toHaveLength(1);
    expect(p.inserts[0]!.occurrence).toBe(1);
    expect(p.inserts[0]!.contentHash).not.toBe(stored[0]!.contentHash);
  });

  it('matches by id across the whole page before any record is matched by content', () => {
    // Two identical coffees are stored; a third, new one comes first in the page. Its
    // content hash is the first stored row's, but that row's own id comes later in the
    // page: the new one is inserted, and nothing takes a row another record names.
    const a = tx({ providerTxnId: 'a', amountCents: -21 });
    const b = tx({ providerTxnId: 'b', amountCents: -21 });
    const stored = [storedFrom(a, 0), storedFrom(b, 1)];
    const p = plan([tx({ providerTxnId: 'c', amountCents: -21 }), a, b], stored);
    expect(p.updates).toEqual([]);
    expect(p.deduplicated).toBe(2);
    expect(p.inserts.map((i) => i.record.providerTxnId)).toEqual(['c']);
    expect(stored.some((row) => row.contentHash === p.inserts[0]!.contentHash)).toBe(false);
  });

  it('in a held run, leaves a posting that could settle one of several pending rows for the next sync', () => {
    const first = storedFrom(tx({ providerTxnId: 'p1', pending: true, amountCents: -4000, date: '2026-11-01' }));
    const second = storedFrom(tx({ providerTxnId: 'p2', pending: true, amountCents: -4200, date: '2026-11-01' }));
    const posted = tx({ providerTxnId: 'q1', amountCents: -4800, date: '2026-11-02' });
    const input = {
      pendingLink: 'none' as const,
      reissuesIds: true,
      records: hashRecords(1, 'bank', [posted], new OccurrenceCounter()),
      removedIds: [],
      stored: {
        byProviderId: new Map([first, second].map((s) => [s.providerTxnId!, s])),
        byHash: new Map([first, second].map((s) => [s.contentHash, s])),
        pendingRows: [first, second],
      },
      pendingSent: new Set<string>(),
    };
    expect(planPage({ ...input, held: true })).toMatchObject({ inserts: [], updates: [], deferred: 1 });
    // Not held: the nearest pending row is settled, as before.
    expect(planPage({ ...input, held: false }).updates).toHaveLength(1);
  });

  it('marks a withdrawn record removed', () => {
    const pending = storedFrom(tx({ providerTxnId: 'p1', pending: true }));
    expect(plan([], [pending], { link: 'names_pending', removed: ['p1', 'unknown'] }).removals).toEqual([pending.id]);
  });

  it('matches a stored row at most once per page', () => {
    const pending = storedFrom(tx({ providerTxnId: 'p1', pending: true, amountCents: -450 }));
    const p = plan([tx({ providerTxnId: 'q1' }), tx({ providerTxnId: 'q2' })], [pending]);
    expect(p.updates).toHaveLength(1);
    expect(p.inserts).toHaveLength(1);
  });

  it('finds the posting a pending charge became: same payee words, within a tip, on or after its day', () => {
    const pending = { date: '2026-11-01', amountCents: -4200, description: 'TST* CORNER BISTRO', merchant: 'Corner Bistro' };
    const row = (over: Partial<typeof pending> & { id: number }) => ({ ...pending, merchant: null, ...over });
    const posted = [
      row({ id: 1, date: '2026-10-31', amountCents: -5040, description: 'CORNER BISTRO SAN FRANCISCO CA' }), // before it
      row({ id: 2, date: '2026-11-02', amountCents: -9000, description: 'CORNER BISTRO SAN FRANCISCO CA' }), // beyond a tip
      row({ id: 3, date: '2026-11-02', amountCents: -5040, description: 'CORNER DELI SAN FRANCISCO CA' }), // another place
      row({ id: 4, date: '2026-11-03', amountCents: -5040, description: 'CORNER BISTRO SAN FRANCISCO CA' }),
      row({ id: 5, date: '2026-11-12', amountCents: -4200, description: 'CORNER BISTRO SAN FRANCISCO CA' }), // too late
    ];
    expect(likelyPosting(pending, posted)?.id).toBe(4);
    expect(likelyPosting(pending, posted.slice(0, 3))).toBeUndefined();
  });
});

describe('dedupe with unstable ids (Enable Banking entry references)', () => {
  const unstable = { idsUnstable: true };
  const rewe = tx({
    providerTxnId: 'ref:1',
    date: '2026-11-02',
    amountCents: -2345,
    description: 'REWE SAGT DANKE',
    merchant: 'REWE',
  });
  const bahn = tx({
    providerTxnId: 'ref:2',
    date: '2026-11-02',
    amountCents: -1990,
    description: 'DB Vertrieb GmbH',
    merchant: 'DB',
  });
  const cafe = tx({
    providerTxnId: 'ref:3',
    date: '2026-11-02',
    amountCents: -380,
    description: 'Cafe Einstein',
    merchant: 'Cafe Einstein',
  });

  it('changes no stored row when a day is renumbered: each reference now names another posting', () => {
    const stored = [storedFrom(rewe), storedFrom(bahn), storedFrom(cafe)];
    const renumbered = [
      { ...rewe, providerTxnId: 'ref:2' },
      { ...bahn, providerTxnId: 'ref:3' },
      { ...cafe, providerTxnId: 'ref:9' },
    ];
    const p = plan(renumbered, stored, unstable);
    expect(p).toMatchObject({ inserts: [], updates: [], removals: [], deduplicated: 3 });
  });

  it('would have overwritten those rows if the ids were trusted', () => {
    const stored = [storedFrom(rewe), storedFrom(bahn), storedFrom(cafe)];
    const p = plan([{ ...rewe, providerTxnId: 'ref:2' }], stored);
    expect(p.updates[0]).toMatchObject({ id: stored[1]!.id, reason: 'modified' });
  });

  it('never lets a reused reference overwrite the row it named: the new posting is a row of its own', () => {
    const stored = [storedFrom(rewe)];
    const other = tx({
      providerTxnId: 'ref:1',
      date: '2026-11-05',
      amountCents: -5000,
      description: 'Miete Dezember',
      merchant: null,
    });
    const p = plan([other], stored, unstable);
    expect(p.updates).toEqual([]);
    expect(p.inserts).toHaveLength(1);
    // The reference is the stored row's: the new row is stored without one, found by content.
    expect(p.inserts[0]!.storedId).toBeNull();
  });

  it('settles a pending charge that books under a new reference, a day later, with a tip', () => {
    const pending = tx({
      providerTxnId: 'ref:p7',
      date: '2026-11-02',
      amountCents: -4200,
      description: 'CORNER BISTRO',
      merchant: 'Corner Bistro',
      pending: true,
    });
    const stored = [storedFrom(pending)];
    const booked = {
      ...pending,
      providerTxnId: 'ref:b8',
      date: '2026-11-03',
      amountCents: -4830,
      description: 'CORNER BISTRO BERLIN',
      pending: false,
    };
    const p = plan([booked], stored, unstable);
    expect(p.inserts).toEqual([]);
    expect(p.updates).toHaveLength(1);
    expect(p.updates[0]).toMatchObject({ id: stored[0]!.id, reason: 'settled', storedId: 'ref:p7' });
    expect(p.updates[0]!.changes.map((c) => c.field)).not.toContain('provider_txn_id');
  });

  it('settles a pending charge that books under its own reference with another amount', () => {
    const pending = tx({ providerTxnId: 'ref:p7', amountCents: -4200, pending: true });
    const stored = [storedFrom(pending)];
    const p = plan([{ ...pending, amountCents: -4830, pending: false }], stored, unstable);
    expect(p.updates[0]).toMatchObject({ id: stored[0]!.id, reason: 'settled' });
  });

  it('keeps two identical purchases without references as two rows, and finds both again', () => {
    const first = tx({ providerTxnId: 'seq:ab:0', description: 'BVG TICKET', amountCents: -300 });
    const second = { ...first, providerTxnId: 'seq:ab:1' };
    const p = plan([first, second], [], unstable);
    expect(p.inserts).toHaveLength(2);
    const again = plan([first, second], [storedFrom(first, 0), storedFrom(second, 1)], unstable);
    expect(again).toMatchObject({ inserts: [], updates: [], deduplicated: 2 });
  });
});
