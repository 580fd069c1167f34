import type { Command } from 'commander';
import * as z from '../../validation/zod';
import type { AppContext } from '../../app/context';
import { syncAccounts } from '../../app/sync';
import type { SyncRun } from '../../core/sync-run';
import { listAccounts } from '../../storage/accounts-repo';
import { parseOptions, textValue } from '../options';
import type { Output } from '../render/output';
import { syncProgress } from '../render/progress';
import { alertJson, syncRunJson } from '../render/shapes';
import { type AfterSync, afterSync } from '../../app/after-sync';
import { lastTransactionId } from '../../app/anomalies';
import { markTerminalDelivered } from '../../app/deliver-alerts';
import type { Alert } from '../../core/alert';
import { plural } from '../../core/words';
import { renderSyncRuns } from '../render/sync-table';
import { errorJson, ReportedError } from '../render/error';

const SyncOptions = z.object({
  account: z.optional(textValue()),
  connection: z.optional(textValue()),
  full: z.optional(z.boolean()),
});

export default async function sync(ctx: AppContext, out: Output, command: Command): Promise<void> {
  const o = parseOptions(SyncOptions, command.opts(), 'sync');
  const sinceId = lastTransactionId(ctx);
  const runs = await syncAccounts(ctx, {
    account: o.account,
    connection: o.connection,
    full: o.full === true,
    trigger: 'manual',
    onProgress: syncProgress(out),
  });
  const after = await afterSync(ctx, sinceId);
  await reportSync(ctx, out, runs, after);
  await showAlerts(ctx, out, after);
}

/** Alerts are always shown after a sync; shown, their terminal delivery is done. */
export async function showAlerts(ctx: AppContext, out: Output, after: AfterSync): Promise<void> {
  for (const alert of after.toShow) out.line(`${out.color.yellow('alert')} ${alert.message}`);
  for (const line of syncNotes(after, out.json)) out.line(line);
  await markTerminalDelivered(
    ctx,
    after.toShow.map((a) => a.id),
  );
  for (const notice of after.delivery.notices) out.notice(`finagg: ${notice}`);
  for (const f of after.delivery.failed)
    out.notice(`finagg: alert ${f.alertId} not delivered to ${f.channel}: ${f.error}; trying again after ${f.nextAttemptAt}`);
}

/** What a sync found beyond its alerts: new anomalies, and split rows to review (not in JSON). */
export function syncNotes(after: Pick<AfterSync, 'anomalies' | 'splitsToReview'>, json: boolean): string[] {
  const notes: string[] = [];
  if (after.anomalies > 0) notes.push(`${plural(after.anomalies, 'new anomaly', 'new anomalies')}: finagg anomalies`);
  if (after.splitsToReview > 0 && !json)
    notes.push(
      after.splitsToReview === 1
        ? '1 split transaction no longer sums to its amount (the bank changed it): finagg tx --review'
        : `${plural(after.splitsToReview, 'split transaction')} no longer sum to their amounts (the bank changed them): finagg tx --review`,
    );
  return notes;
}

/** The summary of a sync; exit 1 only when every account failed (or was skipped for a problem). */
async function reportSync(ctx: AppContext, out: Output, runs: SyncRun[], after: AfterSync): Promise<void> {
  let failure: ReportedError | undefined;
  // A run skipped without an error waits for a provider's daily budget: not a failure.
  if (runs.length > 0 && runs.every((r) => r.status === 'failed' || (r.status === 'skipped' && r.error !== null))) {
    const reasons = [...new Set(runs.map((r) => r.error).filter((e): e is string => e !== null))];
    failure = new ReportedError('provider_error', `no account could be synced: ${reasons.join('; ')}`);
  }
  // One JSON document on stdout, the error in it when there is one.
  if (out.json)
    out.data({
      runs: runs.map(syncRunJson),
      alerts: after.created.map(alertJson),
      splits_to_review: after.splitsToReview,
      ...(failure ? { error: errorJson(failure) } : {}),
    });
  else if (runs.length === 0) out.line('nothing to sync (link a bank: finagg link <bank>)');
  else {
    const names = new Map((await listAccounts(ctx.db)).map((a) => [a.id, `${a.provider} ${a.name}`]));
    out.line(renderSyncRuns(runs, names, out.color));
  }
  if (failure) throw failure;
}
