import { localDate } from '../core/dates';
import { AppError } from '../core/errors';
import { detectStreams } from '../core/recurring/detect';
import { insertAudit } from '../storage/audit-repo';
import {
  allCandidates,
  changedCount,
  changedGroups,
  clearChanged,
  groupCandidates,
  hasChanged,
  lastRowId,
} from '../storage/stream-candidates-repo';
import {
  findStream,
  ignoreStream,
  listStreams,
  redateStreams,
  saveStreams,
  setStreamState,
  type StoredStream,
  streamState,
} from '../storage/streams-repo';
import type { AppContext } from './context';

/** Changed rows beyond which finding every stream again is cheaper than finding some (a first sync). */
const FULL_AFTER = { rows: 5000, share: 0.1 };

/** What a refresh did: every group found again, some, or none (the day moved, or nothing changed). */
export type Refresh = { scope: 'all' } | { scope: 'groups'; groups: number } | { scope: 'none' };

/**
 * Keeps `streams` up to date with the stored rows, after each sync and import and before
 * `finagg recurring` answers. Only the groups (account and payee) of the rows that
 * changed since are found again: the new rows (above the stored watermark) and the rows
 * the triggers of migration 010 marked (an edit, a removal, a pairing, a pending charge
 * that posted), in the groups they are in now and the ones they were in. A first sync, or
 * a change of a tenth of the history, finds them all. Streams of untouched groups only
 * get the day's status.
 */
export function refreshStreams(ctx: AppContext): Refresh {
  const today = localDate(ctx.clock.nowMs(), ctx.timeZone);
  const nowIso = new Date(ctx.clock.nowMs()).toISOString();
  const { sqlite } = ctx;
  // Immediate: no writer may slip a row in between reading the watermark and moving it.
  return sqlite
    .transaction((): Refresh => {
      const state = streamState(sqlite);
      const through = lastRowId(sqlite);
      const changed = state ? changedCount(sqlite, state.rowsThrough) : Infinity;
      let refresh: Refresh;
      if (changed >= Math.max(FULL_AFTER.rows, through * FULL_AFTER.share)) {
        saveStreams(sqlite, detectStreams(allCandidates(sqlite), today), 'all', nowIso);
        refresh = { scope: 'all' };
      } else if (changed > 0) {
        const groups = changedGroups(sqlite, state!.rowsThrough);
        saveStreams(sqlite, detectStreams(groupCandidates(sqlite, groups), today), groups, nowIso);
        redateStreams(sqlite, today, groups, nowIso);
        refresh = { scope: 'groups', groups: groups.size };
      } else {
        redateStreams(sqlite, today, new Set(), nowIso);
        refresh = { scope: 'none' };
      }
      clearChanged(sqlite);
      setStreamState(sqlite, { rowsThrough: through, day: today });
      return refresh;
    })
    .immediate();
}

/** The stored streams, brought up to date first when rows changed (or the day did) since. */
export function currentStreams(ctx: AppContext, filter: { accountId?: number; all: boolean }): StoredStream[] {
  const today = localDate(ctx.clock.nowMs(), ctx.timeZone);
  const state = streamState(ctx.sqlite);
  if (!state || state.day !== today || hasChanged(ctx.sqlite, state.rowsThrough)) refreshStreams(ctx);
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
