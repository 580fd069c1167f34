import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/storage/open-database';
import { freshHome, runCli } from '../helpers/cli';

const DAY = 86_400_000;
const HOUR = 3_600_000;
// After the household's summer stay in Berlin begins, so every bank is busy.
const END = Date.parse('2026-08-05T18:00:00Z');
const HISTORY_DAYS = 30;
const BASE = { FINAGG_SEED: '5', FINAGG_KEYSTORE: 'file', FINAGG_SIM_HISTORY_DAYS: String(HISTORY_DAYS), FINAGG_SIM_DAILY: '20' };

/** What a person sees: the live rows, as the bank last described them. */
function liveRows(home: string, fromDate: string): string[] {
  const { sqlite } = openDatabase(home, { nowIso: new Date(END).toISOString() });
  const rows = sqlite
    .prepare(
      `SELECT a.provider_account_id AS acct, t.provider_txn_id, t.date, t.amount_cents, t.description, t.pending
       FROM transactions t JOIN accounts a ON a.id = t.account_id
       WHERE t.removed = 0 AND t.date >= ? ORDER BY acct, t.date, t.provider_txn_id`,
    )
    .all(fromDate) as Record<string, unknown>[];
  sqlite.close();
  return rows.map((r) => JSON.stringify(r));
}

async function syncedHome(clocks: number[]): Promise<string> {
  const home = freshHome();
  const env = (at: number) => ({ ...BASE, FINAGG_HOME: home, FINAGG_NOW: new Date(at).toISOString() });
  for (const bank of ['banka', 'bankb', 'bankc']) {
    expect((await runCli(['link', bank, '--yes', '--no-sync'], env(clocks[0]!))).code).toBe(0);
  }
  for (const at of clocks) expect((await runCli(['sync'], env(at))).code).toBe(0);
  return home;
}

describe('sync over any schedule', () => {
  it('ends in exactly the rows that one sync at the final clock stores', async () => {
    // The rows one sync at END stores are those within its history window; rows older
    // than that window were stored by the early syncs only and are left out of the compare.
    const firstDay = new Date(END - (HISTORY_DAYS - 1) * DAY).toISOString().slice(0, 10);
    const reference = liveRows(await syncedHome([END]), firstDay);
    expect(reference.length).toBeGreaterThan(200);
    await fc.assert(
      fc.asyncProperty(
        // Clock moves of a few hours to a week, over up to three weeks before END.
        fc.array(fc.integer({ min: 2, max: 7 * 24 }), { minLength: 1, maxLength: 6 }),
        async (gapsInHours) => {
          const clocks = [END];
          for (const gap of gapsInHours) clocks.unshift(clocks[0]! - gap * HOUR);
          const home = await syncedHome(clocks);
          expect(liveRows(home, firstDay)).toEqual(reference);
        },
      ),
      { numRuns: 12 },
    );
  }, 120_000);
});
