import type { Command } from 'commander';
import { afterSync } from '../../app/after-sync';
import { lastTransactionId } from '../../app/anomalies';
import type { AppContext } from '../../app/context';
import { type ImportResult, importStatements, withImportCache } from '../../app/import-statement';
import { formatMoney, moneyToNumber } from '../../core/money';
import * as z from '../../validation/zod';
import { oneOf, parseOptions, textValue } from '../options';
import type { Output } from '../render/output';
import { errorJson, ReportedError } from '../render/error';
import { syncRunJson } from '../render/shapes';
import { renderSyncRuns } from '../render/sync-table';
import { showAlerts } from './sync';

const ImportOptions = z.object({
  '<file>': textValue(4096),
  account: textValue(),
  format: z.optional(oneOf(['ofx', 'qfx', 'qif', 'camt', 'csv'])),
  dryRun: z.optional(z.boolean()),
  dateFormat: z.optional(textValue(40)),
  decimal: z.optional(oneOf(['.', ','])),
  columns: z.optional(textValue(1000)),
  statement: z.optional(textValue(200)),
});

/** Rows a dry run lists on a terminal; --json lists all. */
const PREVIEW_ROWS = 30;

export default async function importAction(ctx: AppContext, out: Output, command: Command): Promise<void> {
  await withImportCache(ctx, () => runImport(ctx, out, command));
}

async function runImport(ctx: AppContext, out: Output, command: Command): Promise<void> {
  const o = parseOptions(ImportOptions, { ...command.opts(), '<file>': command.args[0] }, 'import');
  const sinceId = lastTransactionId(ctx);
  const results = await importStatements(ctx, {
    file: o['<file>'],
    account: o.account,
    statement: o.statement,
    format: o.format,
    dryRun: o.dryRun === true,
    dateFormat: o.dateFormat,
    decimal: o.decimal,
    columns: o.columns,
  });
  // A file of several statements says which account each note is about.
  const several = results.length > 1;
  for (const r of results) for (const note of r.notes) out.notice(`finagg: ${several ? `${r.accountName}: ` : ''}${note}`);
  if (results[0]!.run === null) {
    if (out.json) return out.data(several ? results.map(dryRunJson) : dryRunJson(results[0]!));
    for (const r of results) showDryRun(out, r, several);
    return;
  }
  const after = await afterSync(ctx, sinceId);
  const failed = results.find((r) => r.run!.status === 'failed');
  const failure = failed ? new ReportedError('storage', `the import stopped: ${failed.run!.error}`) : undefined;
  // One JSON document on stdout: the run (a list of runs for a file of several statements),
  // with the error in it when there is one.
  if (out.json) {
    const runs = results.map((r) => syncRunJson(r.run!));
    out.data(several ? runs : { ...runs[0]!, ...(failure ? { error: errorJson(failure) } : {}) });
  } else
    out.line(
      renderSyncRuns(
        results.map((r) => r.run!),
        new Map(results.map((r) => [r.accountId, `manual ${r.accountName}`])),
        out.color,
      ),
    );
  await showAlerts(ctx, out, after);
  if (failure) throw failure;
}

function dryRunJson(result: ImportResult) {
  const preview = result.preview!;
  const c = result.counts;
  return {
    dry_run: true,
    account_id: result.accountId,
    format: result.format,
    fetched: c.fetched,
    inserted: c.inserted,
    updated: c.updated,
    removed: c.removed,
    deduplicated: c.deduplicated,
    inserts: preview.inserts.map(({ record: r, category }) => ({
      date: r.date,
      amount: moneyToNumber(r.amountCents, r.currency),
      currency: r.currency,
      description: r.description,
      merchant: category.merchant,
      category: category.category,
    })),
    updates: preview.updates.map((u) => ({
      id: u.id,
      reason: u.reason,
      changes: u.changes.map((ch) => ({ field: ch.field, old_value: ch.oldValue, new_value: ch.newValue })),
    })),
    removals: preview.removals,
  };
}

function showDryRun(out: Output, result: ImportResult, named: boolean): void {
  const preview = result.preview!;
  const c = result.counts;
  out.line(
    `${named ? `${result.accountName}: ` : ''}dry run of ${c.fetched.toLocaleString('en-US')} lines (${result.format}): ${c.inserted} new, ${c.updated} updated, ${c.removed} removed, ${c.deduplicated} already stored; nothing written`,
  );
  if (preview.inserts.length > 0) out.line('new:');
  for (const { record: r, category } of preview.inserts.slice(0, PREVIEW_ROWS))
    out.line(
      `  ${r.date}  ${formatMoney(r.amountCents, r.currency).padStart(12)}  ${r.description.slice(0, 40).padEnd(40)}  ${category.category}`,
    );
  if (preview.inserts.length > PREVIEW_ROWS) out.line(`  and ${preview.inserts.length - PREVIEW_ROWS} more (--json lists all)`);
  if (preview.updates.length > 0) out.line('updated:');
  for (const u of preview.updates.slice(0, PREVIEW_ROWS))
    out.line(
      `  transaction ${u.id}: ${u.changes.map((ch) => `${ch.field} ${ch.oldValue ?? '(none)'} -> ${ch.newValue ?? '(none)'}`).join(', ')}`,
    );
  if (preview.updates.length > PREVIEW_ROWS) out.line(`  and ${preview.updates.length - PREVIEW_ROWS} more (--json lists all)`);
  if (preview.removals.length > 0) out.line(`removed: transactions ${preview.removals.join(', ')}`);
}
