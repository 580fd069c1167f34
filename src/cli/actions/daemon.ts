import type { Command } from 'commander';
import { Cron } from 'croner';
import type { AppContext } from '../../app/context';
import type { RoundSummary } from '../../app/daemon/daemon-round';
import { runDaemon } from '../../app/daemon/run-daemon';
import { getSettings } from '../../app/settings';
import { formatDuration, parseDuration } from '../../core/duration';
import { AppError, invalidInput } from '../../core/errors';
import { plural } from '../../core/words';
import type { CliIO } from '../io';
import type { Output } from '../render/output';
import { clipMessage, showValue } from '../render/quote';

export default async function daemon(ctx: AppContext, out: Output, command: Command, io: CliIO): Promise<void> {
  const o = command.opts<{ every?: string; cron?: string; once?: boolean }>();
  if (o.every !== undefined && o.cron !== undefined)
    throw new AppError('usage', 'give --every or --cron, not both', 'see finagg daemon --help');
  let everyMs: number | undefined;
  if (o.every !== undefined) {
    everyMs = parseDuration(o.every);
    if (everyMs === undefined || everyMs < 2000)
      throw invalidInput(
        `invalid --every ${showValue(o.every)}: must be a duration of at least 2s, such as 90s, 15m or 1h`,
        'see finagg daemon --help',
      );
  }
  if (o.cron !== undefined) {
    try {
      new Cron(o.cron, { paused: true }).stop();
    } catch (error) {
      // croner's message may quote the pattern, or a part of it, whole.
      throw invalidInput(
        `invalid --cron ${showValue(o.cron)}: ${clipMessage((error as Error).message)}`,
        'see finagg daemon --help',
      );
    }
  }
  if (everyMs === undefined && o.cron === undefined) everyMs = (await getSettings(ctx))['daemon.every'];

  const controller = new AbortController();
  const stop = () => controller.abort();
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  const schedule = o.cron !== undefined ? `on "${o.cron}"` : `every ${formatDuration(everyMs!)}`;
  try {
    await runDaemon(ctx, {
      everyMs,
      cron: o.cron,
      once: o.once === true,
      signal: controller.signal,
      random01: () => new DataView(ctx.random.bytes(4).buffer).getUint32(0) / 2 ** 32,
      onStarted: () => {
        if (!o.once) out.notice(`finagg daemon: syncing ${schedule} (pid ${process.pid}); Ctrl-C or finagg daemon stop to end`);
      },
      onRound: (summary) => report(out, summary, ctx.clock.nowMs()),
      onError: (error) => out.notice(`finagg daemon: a round failed: ${error instanceof Error ? error.message : String(error)}`),
    });
  } finally {
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
  }
  if (controller.signal.aborted) out.notice('finagg daemon: stopped');
  void io;
}

/** One line per round: what a journal or a tmux pane should show. */
function report(out: Output, summary: RoundSummary, nowMs: number): void {
  out.line(`${new Date(nowMs).toISOString()} ${roundText(summary)}`);
  for (const f of summary.after.delivery.failed)
    out.notice(`finagg daemon: alert ${f.alertId} not delivered to ${f.channel}: ${f.error}`);
}

/** What a round did, after its time stamp: `2 accounts synced, 14 new, 1 alert`. */
export function roundText(summary: RoundSummary): string {
  const inserted = summary.runs.reduce((n, r) => n + r.inserted, 0);
  const failed = summary.runs.filter((r) => r.status === 'failed').length;
  const parts = [`${plural(summary.runs.length, 'account')} synced`, `${inserted} new`];
  if (failed > 0) parts.push(`${failed} failed`);
  for (const s of summary.skipped)
    parts.push(
      `${s.provider} skipped (${s.reason === 'needs_relink' ? 'log in again: finagg link ' + s.provider : s.reason === 'request_budget' ? 'spacing its requests to the daily budget' : 'backing off'})`,
    );
  if (summary.after.created.length > 0) parts.push(plural(summary.after.created.length, 'alert'));
  if (summary.after.anomalies > 0) parts.push(plural(summary.after.anomalies, 'anomaly'));
  return parts.join(', ');
}
