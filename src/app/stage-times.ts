/**
 * Where a sync's time goes, stage by stage (fetch, plan, categorize, write, and each
 * step after it: transfers, anomalies, recurring, splits ...). The sync logs the totals
 * at debug level (`FINAGG_DEBUG=1`) as `sync.stages`, so `npm run bench` can show what
 * each feature costs the first sync, the full resync and a day's sync.
 *
 * One process-wide tally: a command runs one sync at a time (the sync lock), and the
 * figures only ever reach the log, never a decision, so sharing it is harmless.
 */
const totals = new Map<string, number>();

/** Runs `fn`, adding its wall time to `stage`. */
export function timed<T>(stage: string, fn: () => T): T {
  const start = performance.now();
  try {
    return fn();
  } finally {
    addStageTime(stage, performance.now() - start);
  }
}

/** As `timed`, for a promise. */
export async function timedAsync<T>(stage: string, fn: () => Promise<T>): Promise<T> {
  const start = performance.now();
  try {
    return await fn();
  } finally {
    addStageTime(stage, performance.now() - start);
  }
}

export function addStageTime(stage: string, ms: number): void {
  totals.set(stage, (totals.get(stage) ?? 0) + ms);
}

/** The tally since the last call, in whole milliseconds by stage; starts a new one. */
export function takeStageTimes(): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [stage, ms] of totals) out[stage] = Math.round(ms);
  totals.clear();
  return out;
}
