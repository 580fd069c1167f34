import { localDate } from '../core/dates';
import { AppError } from '../core/errors';
import { type DetectedStream, detectStreams } from '../core/recurring/detect';
import { insertAudit } from '../storage/audit-repo';
import {
  dataVersion,
  findStream,
  ignoreStream,
  listStreams,
  recurringCandidates,
  saveStreams,
  setStreamsVersion,
  type StoredStream,
  streamsVersion,
} from '../storage/streams-repo';
import type { AppContext } from './context';

/**
 * Recurring streams (core/recurring/detect.ts) found again over the stored history and
 * kept in `streams`, after each sync and import and before `finagg recurring` answers.
 */
export function refreshStreams(ctx: AppContext): DetectedStream[] {
  const today = localDate(ctx.clock.nowMs(), ctx.timeZone);
  const version = dataVersion(ctx.sqlite);
  const found = detectStreams(recurringCandidates(ctx.sqlite), today);
  ctx.sqlite.transaction(() => {
    saveStreams(ctx.sqlite, found, new Date(ctx.clock.nowMs()).toISOString());
    setStreamsVersion(ctx.sqlite, `${version}|${today}`);
  })();
  return found;
}

/** The stored streams, found again first when the data (or the day) changed since. */
export function currentStreams(ctx: AppContext, filter: { accountId?: number; all: boolean }): StoredStream[] {
  const today = localDate(ctx.clock.nowMs(), ctx.timeZone);
  if (streamsVersion(ctx.sqlite) !== `${dataVersion(ctx.sqlite)}|${today}`) refreshStreams(ctx);
  return listStreams(ctx.sqlite, filter);
}

/** `finagg recurring ignore <id>`: hidden for good, audited on the stream's last row. */
export async function ignoreRecurring(ctx: AppContext, id: number): Promise<StoredStream> {
  const stream = findStream(ctx.sqlite, id);
  if (!stream) throw new AppError('not_found', `no recurring stream ${id}`, 'see finagg recurring --all');
  if (stream.ignoredAt !== null) return stream;
  const nowIso = new Date(ctx.clock.nowMs()).toISOString();
  ignoreStream(ctx.sqlite, id, nowIso);
  const lastRow = stream.transactionIds[stream.transactionIds.length - 1];
  if (lastRow !== undefined)
    await insertAudit(ctx.db, [
      {
        transactionId: lastRow,
        field: 'recurring',
        oldValue: `stream ${id}`,
        newValue: 'ignored',
        source: 'user',
        reason: `recurring ignore ${id} (${stream.merchant}, ${stream.cadence})`,
        at: nowIso,
      },
    ]);
  return findStream(ctx.sqlite, id)!;
}
