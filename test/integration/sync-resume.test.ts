import Database from 'better-sqlite3';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { syncAccounts } from '../../src/app/sync';
import { cliContext } from '../helpers/context';
import { freshHome, runCli } from '../helpers/cli';

/**
 * A fetch that stops part way (the daemon's SIGTERM, a crash, another process taking it
 * up from the saved cursor) goes on from the middle of a day. In Berlin the family buys
 * the same coffee at the same price several times a day, and BankC re-issues ids, so a
 * resumed fetch that counted that day's identical records from zero again would match a
 * new coffee to a stored one and lose a row. Stopped after every other page, the rows
 * must be exactly those of one sync.
 */

const ENV = {
  FINAGG_KEYSTORE: 'file',
  FINAGG_SEED: '5',
  FINAGG_SIM_HISTORY_DAYS: '150',
  FINAGG_SIM_DAILY: '140',
  FINAGG_NOW: '2026-08-20T12:00:00Z',
};

function rowLines(home: string): string[] {
  const db = new Database(path.join(home, 'finagg.db'), { readonly: true });
  try {
    return (
      db
        .prepare(
          `SELECT account_id || '|' || provider_txn_id || '|' || date || '|' || amount_cents || '|' || description || '|' ||
             occurrence || '|' || pending || '|' || removed AS line
           FROM transactions ORDER BY account_id, provider_txn_id`,
        )
        .all() as { line: string }[]
    ).map((r) => r.line);
  } finally {
    db.close();
  }
}

async function linkedBankC(): Promise<string> {
  const home = freshHome();
  const r = await runCli(['link', 'bankc', '--yes', '--no-sync'], { ...ENV, FINAGG_HOME: home });
  expect(r.code, r.stderr).toBe(0);
  return home;
}

describe('a fetch taken up from its saved cursor', () => {
  it('stores exactly the rows of one uninterrupted sync', async () => {
    const reference = await linkedBankC();
    expect((await runCli(['sync', '--json'], { ...ENV, FINAGG_HOME: reference })).code).toBe(0);
    const want = rowLines(reference);
    // Identical records on one day: what the test is about.
    expect(want.length).toBeGreaterThan(3000);

    const home = await linkedBankC();
    const ctx = cliContext(home, { ...ENV, FINAGG_HOME: home });
    const accounts = ctx.sqlite.prepare('SELECT count(*) FROM accounts').pluck().get() as number;
    let stops = 0;
    try {
      for (let round = 0; round < 200; round++) {
        // Stopped after the page that follows the first: two pages, then the cursor is saved.
        const controller = new AbortController();
        const runs = await syncAccounts(ctx, {
          full: false,
          trigger: 'manual',
          signal: controller.signal,
          betweenPages: async () => controller.abort(),
        });
        const stopped = runs.filter((r) => r.status === 'failed');
        expect(stopped.map((r) => r.error).filter((e) => !/stopped before the end/.test(e ?? ''))).toEqual([]);
        stops += stopped.length;
        // Done when every account ran to its end: stopped on an account's last page, the
        // sync applies it and tries no further account, which the next round takes up.
        if (stopped.length === 0 && runs.length === accounts) break;
      }
    } finally {
      await ctx.close();
    }
    expect(stops).toBeGreaterThan(10);
    const have = rowLines(home);
    const [haveSet, wantSet] = [new Set(have), new Set(want)];
    expect(have.filter((l) => !wantSet.has(l)).slice(0, 5)).toEqual([]);
    expect(want.filter((l) => !haveSet.has(l)).slice(0, 5)).toEqual([]);
  }, 120_000);
});
