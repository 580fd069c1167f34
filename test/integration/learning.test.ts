import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { editTransaction } from '../../src/app/edit-transaction';
import { importStatements } from '../../src/app/import-statement';
import { addDays } from '../../src/core/dates';
import { freshHome, runCli } from '../helpers/cli';
import { cliContext } from '../helpers/context';

/**
 * A person with habits of their own (Costco is shopping, Amazon is home, coffee shops
 * are dining out, the gym is personal care, a local gift shop the dictionary cannot know is
 * gifts) imports a year of statements a week at a time and corrects the first k rows of
 * each of those merchants as they arrive. Measured: how many of the later rows of those
 * merchants then carry the person's category, for k = 0, 1, 2 and 3.
 */
const HABITS: { descriptor: (i: number) => string; habit: string; every: number; cents: number }[] = [
  { descriptor: () => 'COSTCO WHSE #0113', habit: 'shopping', every: 7, cents: -14_250 },
  { descriptor: (i) => `AMZN Mktp US*${(7_000 + i * 37).toString(36).toUpperCase()}`, habit: 'home', every: 4, cents: -3_199 },
  { descriptor: (i) => `STARBUCKS STORE ${10_400 + (i % 3)}`, habit: 'dining', every: 2, cents: -575 },
  { descriptor: () => 'BLUE BOTTLE COFFEE', habit: 'dining', every: 6, cents: -650 },
  { descriptor: () => 'PLANET FITNESS', habit: 'personal-care', every: 30, cents: -2_499 },
  { descriptor: () => 'HARBOR LIGHTS GIFT SHOP', habit: 'gifts', every: 14, cents: -2_800 },
];
const OTHERS = [{ descriptor: 'SAFEWAY STORE 1234', every: 3, cents: -6_420 }];
const START = '2026-01-01';
const WEEKS = 52;

function rowsOfYear(): { date: string; descriptor: string; cents: number }[] {
  const rows: { date: string; descriptor: string; cents: number }[] = [];
  for (let day = 0; day < WEEKS * 7; day++) {
    const date = addDays(START, day);
    HABITS.forEach((h, n) => {
      if ((day + n) % h.every === 0) rows.push({ date, descriptor: h.descriptor(day), cents: h.cents - (day % 5) * 7 });
    });
    for (const o of OTHERS) if (day % o.every === 0) rows.push({ date, descriptor: o.descriptor, cents: o.cents });
  }
  return rows;
}

async function yearWithEdits(k: number): Promise<{ right: number; later: number }> {
  const home = freshHome();
  const env = { FINAGG_HOME: home, FINAGG_KEYSTORE: 'file', FINAGG_NOW: '2027-01-02T12:00:00Z' };
  const add = await runCli(['accounts', 'add', '--name', 'Everyday', '--type', 'checking', '--currency', 'USD'], env);
  expect(add.code, add.stderr).toBe(0);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'finagg-learning-'));
  const year = rowsOfYear();
  const ctx = cliContext(home, env);
  const merchantOf = new Map<string, string>();
  const corrected = new Map<string, number>();
  try {
    for (let week = 0; week < WEEKS; week++) {
      const from = addDays(START, week * 7);
      const to = addDays(from, 6);
      const file = path.join(dir, `week-${week}.csv`);
      const lines = year
        .filter((r) => r.date >= from && r.date <= to)
        .map((r) => `${r.date},${r.descriptor},${(r.cents / 100).toFixed(2)}`);
      fs.writeFileSync(file, ['Date,Description,Amount', ...lines].join('\n') + '\n');
      const [result] = await importStatements(ctx, { file, account: 'Everyday', dryRun: false });
      expect(result!.run?.status).toBe('success');
      // The person corrects the first k rows of each habit's merchant, as they arrive.
      const stored = ctx.sqlite
        .prepare(
          'SELECT id, description, merchant, category_source FROM transactions WHERE date BETWEEN ? AND ? ORDER BY date, id',
        )
        .all(from, to) as { id: number; description: string; merchant: string; category_source: string }[];
      for (const row of stored) {
        const habit = HABITS.find((h) => h.descriptor(0).slice(0, 6) === row.description.slice(0, 6));
        if (!habit) continue;
        merchantOf.set(row.merchant, habit.habit);
        const done = corrected.get(row.merchant) ?? 0;
        if (done >= k) continue;
        await editTransaction(ctx, row.id, { category: habit.habit });
        corrected.set(row.merchant, done + 1);
      }
    }
    // The later rows: those of the habits' merchants the person did not correct.
    const rows = ctx.sqlite.prepare("SELECT merchant, category FROM transactions WHERE category_source <> 'user'").all() as {
      merchant: string;
      category: string;
    }[];
    const later = rows.filter((r) => merchantOf.has(r.merchant));
    return { right: later.filter((r) => r.category === merchantOf.get(r.merchant)).length, later: later.length };
  } finally {
    void ctx.close();
  }
}

describe('learning from the person’s edits', () => {
  it('follows a merchant’s habit after two edits, on 95% or more of its later rows', async () => {
    const curve: { k: number; share: number; later: number }[] = [];
    for (const k of [0, 1, 2, 3]) {
      const { right, later } = await yearWithEdits(k);
      curve.push({ k, share: right / later, later });
    }
    console.log(
      `learning curve over a year of weekly statements, ${HABITS.length} merchants with the person's own habits:\n` +
        curve
          .map((c) => `  after ${c.k} edit(s) per merchant: ${(c.share * 100).toFixed(1)}% of ${c.later} later rows right`)
          .join('\n'),
    );
    const at = (k: number) => curve.find((c) => c.k === k)!.share;
    expect(at(0)).toBeLessThan(0.5);
    expect(at(1)).toBeLessThan(0.5);
    expect(at(2)).toBeGreaterThanOrEqual(0.95);
    expect(at(3)).toBeGreaterThanOrEqual(0.95);
  }, 180_000);

  it('says what it learned, lets a contrary edit win at once, and keeps or forgets a habit', async () => {
    const env = { FINAGG_HOME: freshHome(), FINAGG_KEYSTORE: 'file', FINAGG_NOW: '2026-11-30T12:00:00Z' };
    const cli = async (...argv: string[]) => {
      const r = await runCli(argv, env);
      expect(r.code, `${argv.join(' ')}: ${r.stderr}`).toBe(0);
      return r;
    };
    await cli('accounts', 'add', '--name', 'Everyday', '--type', 'checking', '--currency', 'USD');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'finagg-learned-'));
    let n = 0;
    const costco = async (date: string) => {
      const file = path.join(dir, `${++n}.csv`);
      fs.writeFileSync(file, `Date,Description,Amount\n${date},COSTCO WHSE #0113,-${100 + n}.00\n`);
      await cli('import', file, '--account', 'Everyday');
      const [row] = JSON.parse((await cli('tx', '--limit', '1', '--json')).stdout) as { id: number; category: string }[];
      return row!;
    };
    const first = await costco('2026-11-01');
    expect(first.category).toBe('groceries');
    expect((await cli('tx', 'edit', String(first.id), '--category', 'shopping')).stderr).not.toMatch(/learned/);
    const second = await costco('2026-11-08');
    expect(second.category).toBe('groceries');
    expect((await cli('tx', 'edit', String(second.id), '--category', 'shopping')).stderr).toContain(
      `finagg: learned: new Costco transactions get shopping (from your edits of ${first.id}, ${second.id}`,
    );
    const third = await costco('2026-11-15');
    expect(third.category).toBe('shopping');
    const shown = JSON.parse((await cli('tx', 'show', String(third.id), '--json')).stdout);
    expect(shown).toMatchObject({ category: 'shopping', category_source: 'learned', learned_from: [first.id, second.id] });
    expect((await cli('tx', 'show', String(third.id))).stdout).toMatch(/shopping \(learned from your edits of \d+, \d+\)/);

    // A contrary edit wins at once: the next Costco row follows it.
    await cli('tx', 'edit', String(third.id), '--category', 'groceries');
    expect((await costco('2026-11-22')).category).toBe('groceries');
    const learned = JSON.parse((await cli('rules', 'list', '--learned', '--json')).stdout) as { id: number; category: string }[];
    expect(learned).toMatchObject([{ category: 'groceries', learned_from: [third.id] }]);
    expect(JSON.parse((await cli('rules', 'list', '--json')).stdout)).toEqual([]);

    // Kept, it is the person's rule; removed, new rows go back to the built-in categorizer.
    await cli('rules', 'keep', String(learned[0]!.id));
    expect(JSON.parse((await cli('rules', 'list', '--json')).stdout)).toMatchObject([{ id: learned[0]!.id, learned_from: null }]);
    await cli('rules', 'rm', String(learned[0]!.id));
    const bad = await runCli(['rules', 'keep', String(learned[0]!.id)], env);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/no learned rule/);
  });
});
