import fs from 'node:fs';
import path from 'node:path';

/**
 * Where a sync's time went, read back from the `sync.stages` line the sync logs at debug
 * level (src/app/stage-times.ts), and what each round-2 feature adds to it: the sync with
 * and without the feature's own stages.
 */

export type StageTimes = Record<string, number>;

/** The last `sync.stages` line in the home's log: the sync that just ran. */
export function lastStages(home: string): StageTimes {
  const file = path.join(home, 'logs', 'finagg.log');
  const lines = fs.readFileSync(file, 'utf8').trimEnd().split('\n');
  for (let i = lines.length - 1; i >= 0; i--) {
    const line = JSON.parse(lines[i]!) as { event: string } & Record<string, unknown>;
    if (line.event !== 'sync.stages') continue;
    const out: StageTimes = {};
    for (const [k, v] of Object.entries(line)) if (typeof v === 'number') out[k] = v;
    return out;
  }
  throw new Error(`no sync.stages line in ${file} (was FINAGG_DEBUG=1 set?)`);
}

/**
 * The round-2 features and the stages that are theirs. Reports have none: they read the
 * stored rows when asked and add nothing to a sync.
 */
export const FEATURES: readonly { feature: string; stages: readonly string[] }[] = [
  { feature: 'transfers', stages: ['transfers.pair'] },
  { feature: 'recurring', stages: ['recurring.payees', 'recurring.streams'] },
  { feature: 'reports', stages: [] },
  { feature: 'learning', stages: ['learning.rules'] },
  { feature: 'splits', stages: ['splits.review', 'splits.statement'] },
];

export interface FeatureCost {
  feature: string;
  ms: number;
}

export function featureCosts(stages: StageTimes): FeatureCost[] {
  return FEATURES.map(({ feature, stages: own }) => ({ feature, ms: own.reduce((n, s) => n + (stages[s] ?? 0), 0) }));
}

/** `fetch 812 ms, plan 40 ms, ...`, largest first. */
export function describeStages(stages: StageTimes): string {
  return Object.entries(stages)
    .sort((a, b) => b[1] - a[1])
    .map(([stage, ms]) => `${stage} ${ms} ms`)
    .join(', ');
}
