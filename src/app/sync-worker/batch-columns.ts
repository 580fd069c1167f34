import type { NormalizedTransaction } from '../../core/bank-transaction';
import type { DedupePlan, PlannedInsert, PlannedUpdate } from '../../core/dedupe';
import type { Categorization } from '../../core/rules/categorize-with-rules';

/**
 * A planned batch as it crosses from the worker to the sync: in columns, not objects.
 * Copying 5,000 records, their plan and their categories as objects between threads
 * cost the sync 12 ms a batch to take in (V8 rebuilds each object a property at a time),
 * 2.4 s of a million-row first sync on the writer's thread. As columns the text that
 * differs by record (ids, descriptions) is two arrays of strings, the text that repeats
 * (dates, currencies, merchants, categories, payee keys) is said once and numbered, the
 * numbers travel in typed arrays moved without a copy, and the sync makes the objects
 * again itself in under a millisecond.
 */
export interface BatchColumns {
  /** The repeated text, once each; the word columns index into it. */
  words: string[];
  ids: string[];
  descriptions: string[];
  pendingIds: (string | null)[];
  memos: (string | null | undefined)[];
  /** 1 where the record has a memo field (a normalizer may leave it out). */
  hasMemo: Uint8Array;
  dates: Uint32Array;
  amounts: Float64Array;
  currencies: Uint32Array;
  /** Word index + 1; 0 for none. */
  merchants: Uint32Array;
  providerCategories: Uint32Array;
  pending: Uint8Array;
  occurrences: Uint32Array;
  /** The records' content hashes, in order, where the plan searched by them (its basis). */
  hashes: BigInt64Array | null;
  inserts: {
    records: Uint32Array;
    hashes: BigInt64Array;
    occurrences: Uint32Array;
    /** The inserts that store another provider id than their record's: [insert, id]. */
    storedIds: [number, string | null][];
    category: Uint32Array;
    categorySource: Uint32Array;
    /** Rule id, or -1 for none. */
    ruleId: Float64Array;
    /** Word index + 1; 0 for none. */
    merchant: Uint32Array;
    merchantSource: Uint32Array;
    /** 0 absent, 1 false, 2 true. */
    learned: Uint8Array;
    payeeKeys: Uint32Array;
  };
  /** Updates are few (none in a first sync): as objects, with their record's index. */
  updates: (Omit<PlannedUpdate, 'record'> & { record: number })[];
  removals: number[];
  deduplicated: number;
  deferred: number;
}

export interface PlannedObjects {
  records: NormalizedTransaction[];
  occurrences: number[];
  hashes: bigint[] | null;
  plan: DedupePlan;
  categories: Categorization[];
  payeeKeys: string[];
}

const RECORD_KEYS = new Set([
  'providerTxnId',
  'pendingTxnId',
  'date',
  'amountCents',
  'currency',
  'description',
  'merchant',
  'memo',
  'pending',
  'providerCategory',
]);
const INSERT_KEYS = new Set(['record', 'contentHash', 'occurrence', 'storedId']);
const CATEGORY_KEYS = new Set(['category', 'source', 'ruleId', 'merchant', 'merchantSource', 'learned']);

/**
 * The batch as columns, or undefined when columns would not carry it exactly (a field
 * they do not know, a record the plan does not share with the batch): then it goes as
 * objects, as it always could.
 */
export function toColumns(batch: PlannedObjects): BatchColumns | undefined {
  const { records, plan, categories } = batch;
  const n = records.length;
  const words = new Words();
  const index = new Map<NormalizedTransaction, number>();
  const c = {
    ids: new Array<string>(n),
    descriptions: new Array<string>(n),
    pendingIds: new Array<string | null>(n),
    memos: new Array<string | null | undefined>(n),
    hasMemo: new Uint8Array(n),
    dates: new Uint32Array(n),
    amounts: new Float64Array(n),
    currencies: new Uint32Array(n),
    merchants: new Uint32Array(n),
    providerCategories: new Uint32Array(n),
    pending: new Uint8Array(n),
    occurrences: new Uint32Array(n),
    hashes: batch.hashes === null ? null : new BigInt64Array(n),
  };
  for (let i = 0; i < n; i++) {
    const r = records[i]!;
    if (!recordShaped(r) || !isCount(batch.occurrences[i])) return undefined;
    index.set(r, i);
    c.ids[i] = r.providerTxnId;
    c.descriptions[i] = r.description;
    c.pendingIds[i] = r.pendingTxnId;
    c.memos[i] = r.memo;
    c.hasMemo[i] = 'memo' in r ? 1 : 0;
    c.dates[i] = words.of(r.date);
    c.amounts[i] = r.amountCents;
    c.currencies[i] = words.of(r.currency);
    c.merchants[i] = words.orNone(r.merchant);
    c.providerCategories[i] = words.orNone(r.providerCategory);
    c.pending[i] = r.pending ? 1 : 0;
    c.occurrences[i] = batch.occurrences[i]!;
    if (c.hashes !== null) {
      if (!isInt64(batch.hashes![i])) return undefined;
      c.hashes[i] = batch.hashes![i]!;
    }
  }
  const m = plan.inserts.length;
  const inserts: BatchColumns['inserts'] = {
    records: new Uint32Array(m),
    hashes: new BigInt64Array(m),
    occurrences: new Uint32Array(m),
    storedIds: [],
    category: new Uint32Array(m),
    categorySource: new Uint32Array(m),
    ruleId: new Float64Array(m),
    merchant: new Uint32Array(m),
    merchantSource: new Uint32Array(m),
    learned: new Uint8Array(m),
    payeeKeys: new Uint32Array(m),
  };
  if (categories.length !== m || batch.payeeKeys.length !== m) return undefined;
  for (let i = 0; i < m; i++) {
    const p = plan.inserts[i]!;
    const k = categories[i]!;
    const at = index.get(p.record);
    if (at === undefined || !knows(p, INSERT_KEYS) || !isInt64(p.contentHash) || !isCount(p.occurrence)) return undefined;
    if (!categoryShaped(k) || typeof batch.payeeKeys[i] !== 'string') return undefined;
    inserts.records[i] = at;
    inserts.hashes[i] = p.contentHash;
    inserts.occurrences[i] = p.occurrence;
    if ('storedId' in p) inserts.storedIds.push([i, p.storedId ?? null]);
    inserts.category[i] = words.of(k.category);
    inserts.categorySource[i] = words.of(k.source);
    inserts.ruleId[i] = k.ruleId ?? -1;
    inserts.merchant[i] = words.orNone(k.merchant);
    inserts.merchantSource[i] = words.of(k.merchantSource);
    inserts.learned[i] = k.learned === undefined ? 0 : k.learned ? 2 : 1;
    inserts.payeeKeys[i] = words.of(batch.payeeKeys[i]!);
  }
  const updates: BatchColumns['updates'] = [];
  for (const u of plan.updates) {
    const at = index.get(u.record);
    if (at === undefined) return undefined;
    updates.push({ ...u, record: at });
  }
  const known = new Set(['inserts', 'updates', 'removals', 'deduplicated', 'deferred']);
  if (!knows(plan, known)) return undefined;
  return {
    words: words.list,
    ...c,
    inserts,
    updates,
    removals: plan.removals,
    deduplicated: plan.deduplicated,
    deferred: plan.deferred,
  };
}

/** The batch again, as the worker had it. */
export function fromColumns(c: BatchColumns): PlannedObjects {
  const w = c.words;
  const n = c.ids.length;
  const records = new Array<NormalizedTransaction>(n);
  const occurrences = new Array<number>(n);
  const hashes = c.hashes === null ? null : Array.from(c.hashes);
  for (let i = 0; i < n; i++) {
    const record: NormalizedTransaction = {
      providerTxnId: c.ids[i]!,
      pendingTxnId: c.pendingIds[i]!,
      date: w[c.dates[i]!]!,
      amountCents: c.amounts[i]!,
      currency: w[c.currencies[i]!]!,
      description: c.descriptions[i]!,
      merchant: c.merchants[i] === 0 ? null : w[c.merchants[i]! - 1]!,
      pending: c.pending[i] === 1,
      providerCategory: c.providerCategories[i] === 0 ? null : w[c.providerCategories[i]! - 1]!,
    };
    if (c.hasMemo[i] === 1) record.memo = c.memos[i];
    records[i] = record;
    occurrences[i] = c.occurrences[i]!;
  }
  const s = c.inserts;
  const m = s.records.length;
  const inserts = new Array<PlannedInsert>(m);
  const categories = new Array<Categorization>(m);
  const payeeKeys = new Array<string>(m);
  for (let i = 0; i < m; i++) {
    inserts[i] = { record: records[s.records[i]!]!, contentHash: s.hashes[i]!, occurrence: s.occurrences[i]! };
    const category: Categorization = {
      category: w[s.category[i]!]!,
      source: w[s.categorySource[i]!] as Categorization['source'],
      ruleId: s.ruleId[i] === -1 ? null : s.ruleId[i]!,
      merchant: s.merchant[i] === 0 ? null : w[s.merchant[i]! - 1]!,
      merchantSource: w[s.merchantSource[i]!] as Categorization['merchantSource'],
    };
    if (s.learned[i] !== 0) category.learned = s.learned[i] === 2;
    categories[i] = category;
    payeeKeys[i] = w[s.payeeKeys[i]!]!;
  }
  for (const [i, id] of s.storedIds) inserts[i]!.storedId = id;
  const plan: DedupePlan = {
    inserts,
    updates: c.updates.map((u) => ({ ...u, record: records[u.record]! })),
    removals: c.removals,
    deduplicated: c.deduplicated,
    deferred: c.deferred,
  };
  return { records, occurrences, hashes, plan, categories, payeeKeys };
}

/** The typed arrays' memory, moved to the sync rather than copied. */
export function transferables(c: BatchColumns): ArrayBuffer[] {
  const s = c.inserts;
  return [
    c.hasMemo,
    c.dates,
    c.amounts,
    c.currencies,
    c.merchants,
    c.providerCategories,
    c.pending,
    c.occurrences,
    s.records,
    s.hashes,
    s.occurrences,
    s.category,
    s.categorySource,
    s.ruleId,
    s.merchant,
    s.merchantSource,
    s.learned,
    s.payeeKeys,
  ]
    .concat(c.hashes === null ? [] : [c.hashes])
    .map((a) => a.buffer as ArrayBuffer);
}

/** Repeated text, numbered in the order first seen. */
class Words {
  readonly list: string[] = [];
  private readonly numbers = new Map<string, number>();

  of(word: string): number {
    let n = this.numbers.get(word);
    if (n === undefined) {
      n = this.list.length;
      this.list.push(word);
      this.numbers.set(word, n);
    }
    return n;
  }

  orNone(word: string | null): number {
    return word === null ? 0 : this.of(word) + 1;
  }
}

/** A record of the fields columns carry, each of its type. */
function recordShaped(r: NormalizedTransaction): boolean {
  return (
    knows(r, RECORD_KEYS) &&
    typeof r.providerTxnId === 'string' &&
    (r.pendingTxnId === null || typeof r.pendingTxnId === 'string') &&
    typeof r.date === 'string' &&
    typeof r.amountCents === 'number' &&
    typeof r.currency === 'string' &&
    typeof r.description === 'string' &&
    (r.merchant === null || typeof r.merchant === 'string') &&
    (r.memo === undefined || r.memo === null || typeof r.memo === 'string') &&
    typeof r.pending === 'boolean' &&
    (r.providerCategory === null || typeof r.providerCategory === 'string')
  );
}

function categoryShaped(k: Categorization): boolean {
  return (
    knows(k, CATEGORY_KEYS) &&
    typeof k.category === 'string' &&
    typeof k.source === 'string' &&
    (k.ruleId === null || (Number.isInteger(k.ruleId) && k.ruleId >= 0)) &&
    (k.merchant === null || typeof k.merchant === 'string') &&
    typeof k.merchantSource === 'string' &&
    (k.learned === undefined || typeof k.learned === 'boolean')
  );
}

function isCount(value: number | undefined): boolean {
  return Number.isInteger(value) && value! >= 0 && value! < 2 ** 32;
}

function knows(value: object, keys: ReadonlySet<string>): boolean {
  for (const key in value) if (!keys.has(key)) return false;
  return true;
}

function isInt64(value: bigint | undefined): value is bigint {
  return typeof value === 'bigint' && BigInt.asIntN(64, value) === value;
}
