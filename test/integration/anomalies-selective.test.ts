import { describe, expect, it } from 'vitest';
import { findAnomalies } from '../../src/app/anomalies';
import { addDays } from '../../src/core/dates';
import { cliContext } from '../helpers/context';
import { freshHome, runCli } from '../helpers/cli';

/**
 * A sync's new rows are checked against a selective history (the category window whole,
 * the targets' merchants before it): it must find exactly what a check against the whole
 * two-year window finds, on the simulated household with its planted anomalies.
 */
describe('the anomaly check of a sync', () => {
  it('finds from a selective history what it finds from the whole window', async () => {
    const home = freshHome();
    const env = {
      FINAGG_HOME: home,
      FINAGG_KEYSTORE: 'file',
      FINAGG_SEED: '7',
      FINAGG_SIM_HISTORY_DAYS: '900',
      FINAGG_SIM_DAILY: '30',
    };
    const cli = async (now: string, ...argv: string[]) => {
      const r = await runCli(argv, { ...env, FINAGG_NOW: now });
      expect(r.code, `${argv.join(' ')}: ${r.stderr}`).toBe(0);
      return r.stdout;
    };
    for (const bank of ['banka', 'bankb', 'bankc']) await cli('2026-09-01T12:00:00Z', 'link', bank, '--yes', '--no-sync');
    await cli('2026-09-01T12:00:00Z', 'sync');
    const ctx = cliContext(home, { ...env, FINAGG_NOW: '2026-10-15T12:00:00Z' });
    // A hobby the household keeps at about $120 a month, at shops it visits once: what
    // only the category's months before the new rows can judge.
    let hash = 1;
    const hobby = (sqlite: typeof ctx.sqlite, date: string, cents: number) =>
      sqlite
        .prepare(
          `INSERT INTO transactions (account_id, content_hash, date, amount_cents, currency, description, merchant, category, created_at, updated_at)
           VALUES (1, ?, ?, ?, 'USD', ?, ?, 'hobbies', ?, ?)`,
        )
        // Letters, not numbers, tell the shops apart: merchant keys drop digits.
        .run(hash, date, cents, `HOBBY SHOP ${'ABCDEFGHIJKLMNOPQRSTUVWXYZ'[hash++]} DENVER CO`, null, date, date);
    for (const month of ['2026-04', '2026-05', '2026-06'])
      for (const day of ['05', '15', '25']) hobby(ctx.sqlite, `${month}-${day}`, -4000);
    const sinceId = ctx.sqlite.prepare('SELECT max(id) FROM transactions').pluck().get() as number;
    await ctx.close();
    // Six weeks of new rows: enough targets that planted anomalies fall among them; and
    // an October of hobbies far above its usual month.
    await cli('2026-10-15T12:00:00Z', 'sync');
    const after = cliContext(home, { ...env, FINAGG_NOW: '2026-10-15T12:00:00Z' });
    for (const day of ['02', '04', '06', '08', '10']) hobby(after.sqlite, `2026-10-${day}`, -9000);
    try {
      const accounts = after.sqlite
        .prepare('SELECT DISTINCT account_id FROM transactions WHERE id > ?')
        .pluck()
        .all(sinceId) as number[];
      const from = addDays('2026-10-15', -90);
      const fresh = (t: { id: number }) => t.id > sinceId;
      const order = (f: { transactionId: number; type: string }[]) =>
        [...f].sort((a, b) => a.transactionId - b.transactionId || a.type.localeCompare(b.type));
      const selective = findAnomalies(after, accounts, from, fresh, 'selective');
      const whole = findAnomalies(after, accounts, from, fresh, 'all');
      expect(selective!.checked).toBe(whole!.checked);
      expect(selective!.checked).toBeGreaterThan(500);
      expect(whole!.found.length).toBeGreaterThan(0);
      expect(whole!.found.map((f) => f.type)).toContain('category_spike');
      expect(order(selective!.found)).toEqual(order(whole!.found));
    } finally {
      await after.close();
    }
  }, 120_000);
});
