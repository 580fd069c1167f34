import fs from 'node:fs';
import path from 'node:path';
import { daysBetween, utcDate } from '../../core/dates';
import { SIM_BANK_IDS } from '../../providers/sim/banks';
import { DEFAULT_SIM_CONFIG } from '../../providers/sim/config';
import { SIMULATED_RATES_SOURCE, simulatedReferenceRatesXml } from '../../providers/sim/reference-rates';
import type { AppContext } from '../context';
import { type ImportRatesResult, importRates } from './import-rates';

/** Where the simulated series is written, beside the simulated banks' books. */
export function simulatedRatesPath(home: string): string {
  return path.join(home, 'sim', 'reference-rates.xml');
}

/**
 * The simulated world's reference rates (providers/sim/reference-rates.ts) for the days
 * the simulated banks hold: written as the ECB's XML to `<home>/sim/reference-rates.xml`
 * and imported through the same reader as any file, as `simulated`. Rates of other sources
 * (the ECB's, a person's file) are never replaced by simulated ones.
 */
export async function importSimulatedRates(ctx: AppContext): Promise<ImportRatesResult> {
  const nowMs = ctx.clock.nowMs();
  const xml = simulatedReferenceRatesXml({ seed: ctx.seed, nowMs, historyDays: heldDays(ctx, utcDate(nowMs)) });
  const file = simulatedRatesPath(ctx.home);
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  // Whole or not at all: a process reading it meanwhile reads the old file or the new one.
  const temp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(temp, xml, { mode: 0o600 });
  fs.renameSync(temp, file);
  return importRates(ctx, file, { source: SIMULATED_RATES_SOURCE, replaceSources: [SIMULATED_RATES_SOURCE] });
}

/**
 * The days the simulated banks hold, as their stored rows say (FINAGG_SIM_HISTORY_DAYS
 * decided them when they were fetched): from the oldest row of their accounts to today.
 */
function heldDays(ctx: AppContext, today: string): number {
  const row = ctx.sqlite
    .prepare(
      `SELECT MIN(t.date) AS first FROM transactions t JOIN accounts a ON a.id = t.account_id
       WHERE a.provider IN (${SIM_BANK_IDS.map(() => '?').join(', ')})`,
    )
    .get(...SIM_BANK_IDS) as { first: string | null } | undefined;
  const first = row?.first;
  if (!first || first > today) return DEFAULT_SIM_CONFIG.historyDays;
  return daysBetween(first, today) + 1;
}
