import { describe, expect, it } from 'vitest';
import { StoredKeys } from '../../src/app/sync-worker/stored-keys';
import type { DedupePlan } from '../../src/core/dedupe';
import type { NormalizedTransaction } from '../../src/core/bank-transaction';
import { openDatabase } from '../../src/storage/open-database';
import { SyncStore } from '../../src/storage/sync-store';
import { freshHome } from '../helpers/cli';

const NOW = '2026-06-10T12:00:00.000Z';

/** An account with `n` stored rows: ids `t0`..., content hashes spread over all 64 bits, some negative. */
function account(n: number) {
  const sqlite = openDatabase(freshHome(), { nowIso: NOW }).sqlite;
  sqlite
    .prepare(
      "INSERT INTO accounts (provider, name, type, currency, created_at, updated_at) VALUES ('manual', 'Everyday', 'checking', 'USD', ?, ?)",
    )
    .run(NOW, NOW);
  const insert = sqlite.prepare(
    `INSERT INTO transactions (account_id, provider_txn_id, content_hash, date, amount_cents, currency, description, created_ms, updated_ms)
     VALUES (1, ?, ?, '2026-06-01', -100, 'USD', 'x', 0, 0)`,
  );
  const hashes: bigint[] = [];
  sqlite.transaction(() => {
    for (let i = 0; i < n; i++) {
      const hash = BigInt.asIntN(64, BigInt(i) * 0x9e3779b97f4a7c15n);
      hashes.push(hash);
      insert.run(i % 10 === 0 ? null : `t${i}`, hash);
    }
  })();
  return { sqlite, hashes };
}

function plannedInsert(id: string, hash: bigint): DedupePlan['inserts'][number] {
  return { record: { providerTxnId: id } as NormalizedTransaction, contentHash: hash, occurrence: 0 };
}

describe("the sync worker's stored keys", () => {
  it('never says a stored id or hash is absent, after the set has grown many times', () => {
    const { sqlite, hashes } = account(20_000);
    const keys = StoredKeys.load(sqlite, 1, 50_000)!;
    for (let i = 0; i < 20_000; i++) {
      if (i % 10 !== 0) expect(keys.mayHoldId(`t${i}`)).toBe(true);
      expect(keys.mayHoldHash(hashes[i]!)).toBe(true);
    }
    // What is not stored is mostly known to be absent: a false "may hold" only costs a read.
    let unknown = 0;
    for (let i = 0; i < 10_000; i++) if (keys.mayHoldId(`new${i}`) || keys.mayHoldHash(BigInt(i) * 7919n + 3n)) unknown++;
    expect(unknown).toBeLessThan(50);
  });

  it("holds what a plan sent adds, its updates and the ids it stores instead of the record's", () => {
    const { sqlite } = account(10);
    const keys = StoredKeys.load(sqlite, 1, 50_000)!;
    expect(keys.mayHoldId('fresh')).toBe(false);
    const plan: DedupePlan = {
      inserts: [plannedInsert('fresh', -5n), { ...plannedInsert('given', 6n), storedId: 'kept' }],
      updates: [{ ...plannedInsert('moved', 2n ** 62n), id: 3, changes: [], reason: 'reissued' }],
      removals: [],
      deduplicated: 0,
      deferred: 0,
    } as DedupePlan;
    keys.addPlan(plan);
    for (const id of ['fresh', 'kept', 'moved']) expect(keys.mayHoldId(id)).toBe(true);
    for (const hash of [-5n, 6n, 2n ** 62n]) expect(keys.mayHoldHash(hash)).toBe(true);
  });

  it('is not kept for an account holding more rows than asked (a resync)', () => {
    const { sqlite } = account(101);
    expect(StoredKeys.load(sqlite, 1, 100)).toBeUndefined();
    expect(StoredKeys.load(sqlite, 1, 101)).toBeDefined();
  });

  it("leaves a lookup finding what it finds without them: rows far from the page's dates, by id, pending id and hash", () => {
    const { sqlite, hashes } = account(3_000);
    const store = new SyncStore(sqlite);
    const keys = StoredKeys.load(sqlite, 1, 50_000)!;
    // A page dated a year after every stored row (its date scan finds none of them) that
    // names stored rows by id, by pending id and by content hash, among new records.
    const page = Array.from({ length: 200 }, (_, i) => {
      const stored = i % 4 === 0;
      const record = {
        providerTxnId: stored && i % 8 === 0 ? `t${i + 1}` : `n${i}`,
        pendingTxnId: i % 12 === 0 ? `t${i + 3}` : null,
        date: '2027-06-01',
      } as NormalizedTransaction;
      return { record, key: '', contentHash: stored ? hashes[i + 7]! : BigInt(i) * 1_000_003n + 1n, occurrence: 0 };
    });
    const ids = (index: ReturnType<SyncStore['lookup']>) => [...index.byProviderId.keys()].sort();
    const rows = (index: ReturnType<SyncStore['lookup']>) => [...index.byHash.values()].map((r) => r.id).sort();
    const plain = store.lookup(1, page, [], '2027-05-20');
    const filtered = store.lookup(1, page, [], '2027-05-20', keys);
    expect(ids(plain).length).toBeGreaterThan(30);
    expect(rows(plain).length).toBeGreaterThan(40);
    expect(ids(filtered)).toEqual(ids(plain));
    expect(rows(filtered)).toEqual(rows(plain));
  });
});
