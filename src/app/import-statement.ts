import fs from 'node:fs';
import path from 'node:path';
import type { NormalizedTransaction } from '../core/bank-transaction';
import { AppError, invalidInput } from '../core/errors';
import { showValue } from '../core/show-value';
import { hashRecords, type PlannedInsert, type PlannedUpdate } from '../core/dedupe';
import type { Categorization } from '../core/rules/categorize-with-rules';
import type { CsvMapping } from '../core/statement/csv';
import { openStatements } from '../core/statement/read-statement';
import type { OpenedStatement, StatementFormat, StatementLine } from '../core/statement/statement';
import { type SyncCounts, type SyncRun, zeroCounts } from '../core/sync-run';
import { findAccountRef } from '../storage/accounts-repo';
import { SyncStore } from '../storage/sync-store';
import { finishSyncRun, startSyncRun } from '../storage/sync-runs-repo';
import type { AppContext } from './context';
import { checkCurrency, chooseTargets, type ManualAccount } from './statement-targets';
import { finaggParts, memoOf, storeParts } from './statement-splits';
import type { SplitPart } from '../core/split';
import { listCategoryNames } from '../storage/categories-repo';
import { newFetchState } from '../core/fetch-state';
import { BATCH_RECORDS, type IngestSource, planBatch, storeBatch, storedCategorizer } from './ingest';
import { refreshManualBalance } from './manual-accounts';
import { growHeapSlowly } from './heap-growth';

export interface ImportRequest {
  file: string;
  /** Account id or name: a manual account (`finagg accounts add`). */
  account: string;
  /** Of a file with several statements, the one of this account number (`--statement`). */
  statement?: string;
  format?: StatementFormat;
  dryRun: boolean;
  dateFormat?: string;
  decimal?: '.' | ',';
  columns?: string;
}

/** What a dry run would do, record by record. */
export interface ImportPreview {
  inserts: { record: NormalizedTransaction; category: Categorization }[];
  updates: PlannedUpdate[];
  removals: number[];
}

export interface ImportResult {
  accountId: number;
  accountName: string;
  format: StatementFormat;
  /** How the file was read (date format chosen, signs turned, ...). */
  notes: string[];
  /** The sync run the import wrote; null on a dry run. */
  run: SyncRun | null;
  counts: SyncCounts;
  preview: ImportPreview | null;
}

/**
 * `finagg import`: a statement file through the sync pipeline (normalize, dedupe,
 * categorize, store), recorded as a sync run with trigger `import`. The whole file is
 * read and checked before anything is written, so a bad file changes nothing.
 * Statements carry no pending records and no bank ids for CSV rows: the content hash
 * with its occurrence number decides identity, so a second import of the same or an
 * overlapping file adds nothing and two identical purchases in one file stay two.
 */
export async function importStatements(ctx: AppContext, request: ImportRequest): Promise<ImportResult[]> {
  const named = await manualAccount(ctx, request.account);
  // Reading the file makes its text and a few passes' garbage: collected as it goes.
  if (!request.dryRun) growHeapSlowly();
  const file = openFile(request.file);
  try {
    // Every line is read and checked here, before anything is written. A CSV's lines are
    // then read again from the file batch by batch, so neither its text nor its lines
    // stay in memory while the rows are stored.
    const statements = openStatements(
      file.bytes(),
      {
        fileName: path.basename(request.file),
        format: request.format,
        currency: named.currency,
        accountType: named.type,
        dateFormat: request.dateFormat,
        decimal: request.decimal,
        columns: request.columns,
        remembered: named.mapping,
      },
      file.reread,
    );
    // Every statement's account and currency are settled before anything is written.
    const targets = chooseTargets(ctx, named, statements, request.statement);
    for (const t of targets) checkCurrency(t);
    const results: ImportResult[] = [];
    for (const { statement, account } of targets) results.push(await importOne(ctx, account, statement, request.dryRun));
    return results;
  } finally {
    file.close();
  }
}

/**
 * Runs an import's work with 16 MiB of SQLite page cache, not the 64 MiB a sync keeps: a
 * statement's rows go into one manual account, so its dedupe reads touch that account's
 * part of the indexes, and pairing and the checks after it read the new rows in order.
 * A 300,000-line file is written as fast, and the command stays under 200 MB (223 MB
 * with the cache back at 64 MiB for the checks after the rows are stored).
 */
export async function withImportCache<T>(ctx: AppContext, work: () => Promise<T>): Promise<T> {
  const kept = ctx.sqlite.pragma('cache_size', { simple: true }) as number;
  ctx.sqlite.pragma(`cache_size = ${-16 * 1024}`);
  try {
    return await work();
  } finally {
    ctx.sqlite.pragma(`cache_size = ${kept}`);
  }
}

async function importOne(
  ctx: AppContext,
  account: ManualAccount,
  statement: OpenedStatement,
  dryRun: boolean,
): Promise<ImportResult> {
  const source: IngestSource = { id: 'manual', pendingLink: 'none', reissuesIds: true };
  // A split in the file becomes finagg's split where its labels map onto finagg's categories.
  const known = statement.lines.hasSplits ? new Set(await listCategoryNames(ctx.db)) : new Set<string>();
  const splitRecords = new Map<NormalizedTransaction, SplitPart[]>();
  const toRecord = (l: StatementLine): NormalizedTransaction => {
    const parts = finaggParts(l, known);
    const record: NormalizedTransaction = {
      providerTxnId: l.id ?? '',
      pendingTxnId: null,
      date: l.date,
      amountCents: l.amountCents,
      currency: account.currency,
      description: l.description,
      memo: memoOf(l, parts, account.currency),
      merchant: null,
      pending: false,
      providerCategory: l.category,
    };
    if (parts) splitRecords.set(record, parts);
    return record;
  };
  const fetch = newFetchState();
  const store = new SyncStore(ctx.sqlite);
  const counts = { ...zeroCounts(), fetched: statement.lines.count };
  const base = { format: statement.format, notes: statement.notes, accountId: account.id, accountName: account.name };
  // Batches of the sync's size, each made into records and hashed only when its turn
  // comes (a 300,000-line file's records at once took hundreds of megabytes); the one
  // occurrence counter numbers identical lines across the whole file. The file's
  // withdrawn ids go with the first batch (alone when the file has no lines).
  const eachBatch = (visit: (batch: Batch) => void) => {
    let first = true;
    const make = (lines: StatementLine[]): Batch => {
      const hashed = hashRecords(account.id, source.id, lines.map(toRecord), fetch.occurrences);
      // A line without an id (CSV) is known by its content: the hash with its occurrence
      // number is the same on every import of that day's lines.
      for (const h of hashed) if (h.record.providerTxnId === '') h.record.providerTxnId = `h${h.contentHash.toString(36)}`;
      const removedIds = first ? statement.removedIds : [];
      first = false;
      return { store, source, accountId: account.id, fetch, hashed, removedIds };
    };
    statement.lines.eachBatch(BATCH_RECORDS, (lines) => visit(make(lines)));
    if (first && statement.removedIds.length > 0) visit(make([]));
  };

  const categorize = await storedCategorizer(ctx);
  if (dryRun) {
    const preview: ImportPreview = { inserts: [], updates: [], removals: [] };
    eachBatch((batch) => {
      const plan = planBatch(ctx, batch);
      for (const p of plan.inserts as PlannedInsert[])
        preview.inserts.push({
          record: p.record,
          category: categorize({ ...p.record, accountId: account.id }),
        });
      preview.updates.push(...plan.updates);
      preview.removals.push(...plan.removals);
      counts.inserted += plan.inserts.length;
      counts.updated += plan.updates.length;
      counts.removed += plan.removals.length;
      counts.deduplicated += plan.deduplicated;
    });
    return { ...base, run: null, counts, preview };
  }

  const started = ctx.clock.nowMs();
  const startedTimer = performance.now();
  const runId = await startSyncRun(ctx.db, {
    accountId: account.id,
    connectionId: null,
    trigger: 'import',
    startedAt: iso(started),
  });
  ctx.log.log('info', 'import.started', { account_id: account.id, format: statement.format, lines: statement.lines.count });
  let error: string | null = null;
  try {
    eachBatch((batch) =>
      storeBatch(
        ctx,
        {
          ...batch,
          categorize,
          runId,
          rejected: [],
          removalReason: 'deleted by a statement correction',
          onStored: (plan) => {
            const split = plan.inserts.flatMap(({ record }) => {
              const parts = splitRecords.get(record);
              return parts ? [{ providerTxnId: record.providerTxnId, parts, currency: account.currency }] : [];
            });
            if (split.length > 0) storeParts(ctx, account.id, split, iso(ctx.clock.nowMs()));
          },
        },
        counts,
      ),
    );
    finishAccount(ctx, account.id, statement, iso(ctx.clock.nowMs()));
  } catch (caught) {
    error = caught instanceof Error ? caught.message : String(caught);
    ctx.log.log('warn', 'import.failed', { account_id: account.id, error });
  }
  const run = await finishSyncRun(ctx.db, runId, {
    ...counts,
    status: error === null ? 'success' : 'failed',
    finishedAt: iso(ctx.clock.nowMs()),
    durationMs: Math.round(performance.now() - startedTimer),
    error,
  });
  return { ...base, run, counts, preview: null };
}

async function manualAccount(ctx: AppContext, ref: string): Promise<ManualAccount & { mapping: CsvMapping | undefined }> {
  const found = await findAccountRef(ctx.db, ref);
  if (!found)
    throw new AppError(
      'not_found',
      `no account ${JSON.stringify(ref)}`,
      'see finagg accounts, or create one: finagg accounts add',
    );
  const row = await ctx.db
    .selectFrom('accounts')
    .select(['id', 'name', 'type', 'currency', 'provider', 'closed', 'import_mapping', 'statement_account'])
    .where('id', '=', found.id)
    .executeTakeFirstOrThrow();
  if (row.provider !== 'manual')
    throw new AppError(
      'conflict',
      `account ${JSON.stringify(row.name)} is synced from ${row.provider}; statements go into manual accounts`,
      `create one: finagg accounts add --name "${row.name} (statements)" --type ${row.type} --currency ${row.currency}`,
    );
  if (row.closed === 1) throw new AppError('conflict', `account ${JSON.stringify(row.name)} is closed`);
  return {
    id: row.id,
    name: row.name,
    type: row.type,
    currency: row.currency,
    statementAccount: row.statement_account,
    mapping: parseMapping(row.import_mapping),
  };
}

function parseMapping(text: string | null): CsvMapping | undefined {
  if (text === null) return undefined;
  try {
    return JSON.parse(text) as CsvMapping;
  } catch {
    return undefined;
  }
}

/** A statement file, open: its bytes once, and ranges of them again while the import stores its lines. */
function openFile(file: string) {
  let fd: number;
  try {
    fd = fs.openSync(file, 'r');
    if (fs.fstatSync(fd).isDirectory()) {
      fs.closeSync(fd);
      throw Object.assign(new Error('directory'), { code: 'EISDIR' });
    }
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new AppError('not_found', `no file ${showValue(file)}`);
    if (code === 'EISDIR') throw invalidInput(`${showValue(file)} is a directory, not a statement file`);
    if (code === 'EACCES') throw invalidInput(`${showValue(file)} cannot be read (permission denied)`);
    if (code === 'ENOTDIR' || code === 'ENAMETOOLONG') throw invalidInput(`${showValue(file)} is not a path to a file (${code})`);
    throw error;
  }
  return {
    bytes(): Buffer {
      const bytes = fs.readFileSync(fd);
      if (bytes.length === 0) throw invalidInput(`${showValue(file)} is empty`);
      return bytes;
    },
    reread(start: number, end: number): Uint8Array {
      const bytes = Buffer.allocUnsafe(end - start);
      let read = 0;
      while (read < bytes.length) {
        const n = fs.readSync(fd, bytes, read, bytes.length - read, start + read);
        if (n === 0) break;
        read += n;
      }
      return bytes.subarray(0, read);
    },
    close: () => fs.closeSync(fd),
  };
}

/** The statement's balance (when newer than the one kept), the CSV mapping, the account number, the balance. */
function finishAccount(ctx: AppContext, accountId: number, statement: OpenedStatement, nowIso: string): void {
  ctx.sqlite
    .transaction(() => {
      if (statement.balance) {
        ctx.sqlite
          .prepare(
            `UPDATE accounts SET statement_balance_cents = ?, statement_balance_date = ?
             WHERE id = ? AND (statement_balance_date IS NULL OR statement_balance_date <= ?)`,
          )
          .run(statement.balance.cents, statement.balance.date, accountId, statement.balance.date);
      }
      if ('mapping' in statement)
        ctx.sqlite
          .prepare('UPDATE accounts SET import_mapping = ? WHERE id = ?')
          .run(JSON.stringify(statement.mapping), accountId);
      if (statement.accountNumber !== null)
        ctx.sqlite
          .prepare('UPDATE accounts SET statement_account = ? WHERE id = ? AND statement_account IS NULL')
          .run(statement.accountNumber, accountId);
      ctx.sqlite.prepare('UPDATE accounts SET last_synced_at = ? WHERE id = ?').run(nowIso, accountId);
      refreshManualBalance(ctx, accountId, nowIso);
    })
    .immediate();
}

type Batch = Parameters<typeof planBatch>[1];

const iso = (ms: number) => new Date(ms).toISOString();
