import type { Database as SqliteDatabase } from 'better-sqlite3';
import type { DedupePlan } from '../../core/dedupe';
import type { StoredFilter } from '../../storage/sync-store';

/**
 * What an account holds, as the worker's plans may skip reading it (sync-store.ts,
 * StoredFilter): a 32-bit digest of every stored provider id and of every content hash.
 * A digest missing here is a value the store cannot hold; one found here is read from the
 * store as before, so a collision costs a read and never a wrong plan. It holds at least
 * what the store holds only while the sync says every batch was written as the worker
 * planned it and no other process wrote (worker-main.ts drops it otherwise).
 */
export class StoredKeys implements StoredFilter {
  private readonly ids = new DigestSet();
  private readonly hashes = new DigestSet();

  /**
   * The account's keys read in the caller's read transaction, or undefined when it holds
   * more than `most` rows (a resync: its pages are found stored as they are by a scan).
   */
  static load(sqlite: SqliteDatabase, accountId: number, most: number): StoredKeys | undefined {
    const count = sqlite
      .prepare('SELECT count(*) FROM (SELECT 1 FROM transactions WHERE account_id = ? LIMIT ?)')
      .pluck()
      .get(accountId, most + 1) as number;
    if (count > most) return undefined;
    const keys = new StoredKeys();
    const rows = sqlite
      .prepare('SELECT provider_txn_id, content_hash & 4294967295 FROM transactions WHERE account_id = ?')
      .raw(true)
      .iterate(accountId) as Iterable<[string | null, number]>;
    for (const [id, low] of rows) {
      if (id !== null) keys.ids.add(textDigest(id));
      keys.hashes.add(low | 0);
    }
    return keys;
  }

  /** What a plan sent to the sync stores: its inserts' and updates' ids and hashes. */
  addPlan(plan: DedupePlan): void {
    for (const p of plan.inserts) this.addRow(p.storedId !== undefined ? p.storedId : p.record.providerTxnId, p.contentHash);
    for (const u of plan.updates) this.addRow(u.storedId !== undefined ? u.storedId : u.record.providerTxnId, u.contentHash);
  }

  private addRow(id: string | null, hash: bigint): void {
    if (id !== null) this.ids.add(textDigest(id));
    this.hashes.add(hashDigest(hash));
  }

  mayHoldId(id: string): boolean {
    return this.ids.has(textDigest(id));
  }

  mayHoldHash(hash: bigint): boolean {
    return this.hashes.has(hashDigest(hash));
  }
}

/** FNV-1a over the UTF-16 code units. */
function textDigest(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h | 0;
}

/** The low 32 bits, as `content_hash & 4294967295` reads them in SQL. */
function hashDigest(hash: bigint): number {
  return Number(BigInt.asUintN(32, hash)) | 0;
}

/** Int32 digests in open addressing (0 marks a free slot: a digest of 0 is kept as 1). */
class DigestSet {
  private slots = new Int32Array(1 << 12);
  private size = 0;

  add(digest: number): void {
    if ((this.size + 1) * 2 > this.slots.length) this.grow();
    if (this.put(this.slots, digest === 0 ? 1 : digest)) this.size++;
  }

  has(digest: number): boolean {
    const key = digest === 0 ? 1 : digest;
    const mask = this.slots.length - 1;
    for (let i = spread(key) & mask; ; i = (i + 1) & mask) {
      const slot = this.slots[i]!;
      if (slot === key) return true;
      if (slot === 0) return false;
    }
  }

  private put(slots: Int32Array, key: number): boolean {
    const mask = slots.length - 1;
    for (let i = spread(key) & mask; ; i = (i + 1) & mask) {
      const slot = slots[i]!;
      if (slot === key) return false;
      if (slot === 0) {
        slots[i] = key;
        return true;
      }
    }
  }

  private grow(): void {
    const bigger = new Int32Array(this.slots.length * 2);
    for (const key of this.slots) if (key !== 0) this.put(bigger, key);
    this.slots = bigger;
  }
}

/** Mixes a digest's bits so that nearby digests land apart. */
function spread(key: number): number {
  return Math.imul(key ^ (key >>> 16), 0x45d9f3b) >>> 0;
}
