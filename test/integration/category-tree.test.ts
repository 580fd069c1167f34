import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { freshHome, runCli } from '../helpers/cli';

/**
 * Categories in two levels (core/categories/taxonomy.ts): a budget, `tx --category`,
 * `report --top` and `categories` on a top-level category count the ones under it, and
 * a person's own category can sit under a top-level one.
 */
describe('categories in two levels', () => {
  it('counts a top-level category with the ones under it, everywhere', async () => {
    const env = { FINAGG_HOME: freshHome(), FINAGG_KEYSTORE: 'file', FINAGG_NOW: '2026-11-20T12:00:00Z' };
    const cli = async (...argv: string[]) => {
      const r = await runCli(argv, env);
      expect(r.code, `${argv.join(' ')}: ${r.stderr}`).toBe(0);
      return r.stdout;
    };
    await cli('accounts', 'add', '--name', 'Everyday', '--type', 'checking', '--currency', 'USD');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'finagg-tree-'));
    const file = path.join(dir, 'statement.csv');
    fs.writeFileSync(
      file,
      [
        'Date,Description,Amount',
        '2026-11-02,ACME CORP PAYROLL,3000.00',
        '2026-11-03,WHOLEFDS MKT 10234,-84.20',
        '2026-11-04,CHIPOTLE MEX GRILL 2231,-15.80',
        '2026-11-05,SHELL OIL 57442,-40.00',
        '2026-11-06,CORNER BAKERY OF SMITH ST,-6.00',
      ].join('\n') + '\n',
    );
    await cli('import', file, '--account', 'Everyday');
    const rows = JSON.parse(await cli('tx', '--json')) as { id: number; description: string; category: string }[];
    const bakery = rows.find((r) => r.description.includes('BAKERY'))!;

    // The person's own category under food, given to the bakery.
    expect(JSON.parse(await cli('categories', 'add', 'bakery', '--parent', 'food', '--json'))).toEqual({
      category: 'bakery',
      parent: 'food',
      created: true,
    });
    await cli('tx', 'edit', String(bakery.id), '--category', 'bakery');

    const food = JSON.parse(await cli('tx', '--category', 'food', '--json')) as { category: string }[];
    expect(food.map((r) => r.category).sort()).toEqual(['bakery', 'dining', 'groceries']);
    await cli('budget', 'set', 'food', '200');
    const budgets = JSON.parse(await cli('budget', 'list', '--json')) as { category: string; spent: number }[];
    expect(budgets.find((b) => b.category === 'food')!.spent).toBeCloseTo(84.2 + 15.8 + 6, 2);

    const [november] = JSON.parse(await cli('report', '--top', '--from', '2026-11', '--to', '2026-11', '--json')) as {
      by_category: Record<string, number>;
      spending: number;
    }[];
    expect(november!.by_category).toEqual({ food: 106, transport: 40 });
    const detailed = JSON.parse(await cli('report', '--from', '2026-11', '--to', '2026-11', '--json'))[0] as {
      by_category: Record<string, number>;
    };
    expect(detailed.by_category).toMatchObject({ groceries: 84.2, dining: 15.8, bakery: 6, gas: 40 });

    const categories = JSON.parse(await cli('categories', '--json')) as {
      category: string;
      parent: string | null;
      count: number;
      spent_this_month: number | null;
    }[];
    const at = (name: string) => categories.findIndex((c) => c.category === name);
    expect(categories[at('food')]).toMatchObject({ parent: null, count: 3, spent_this_month: 106 });
    expect(categories[at('bakery')]).toMatchObject({ parent: 'food', count: 1, spent_this_month: 6 });
    // Tree order: food, then what is under it, then the next top-level category.
    expect(at('bakery')).toBeGreaterThan(at('food'));
    expect(at('groceries')).toBeLessThan(at('gifts-and-donations'));
    expect(await cli('categories')).toMatch(/^food\s+3\s+\$106\.00$[\s\S]*^ {2}bakery\s+1\s+\$6\.00$/m);
    // The table leaves out built-in detailed categories without rows, and says how to see them.
    const table = (await cli('categories')).toString();
    expect(table).not.toMatch(/^ {2}vet\b/m);
    expect(table).toMatch(/^pets\s+0/m);
    expect(table).toMatch(/detailed categories without transactions are not shown: finagg categories --all$/m);
    expect((await cli('categories', '--all')).toString()).toMatch(/^ {2}vet\s+0/m);

    // The journal has the two levels too: hledger's --depth 2 is report --top.
    const journal = (await cli('export', '--format', 'ledger')).toString();
    expect(journal).toMatch(/^ {4}expenses:food:groceries +84\.20 USD$/m);
    expect(journal).toMatch(/^ {4}expenses:food:bakery +6\.00 USD$/m);
    expect(journal).toMatch(/^ {4}expenses:transport:gas +40\.00 USD$/m);

    // A category is named with hyphens; words with spaces find it in a listing.
    expect(JSON.parse(await cli('tx', '--category', 'Home Improvement', '--json'))).toEqual([]);
    const deeper = await runCli(['categories', 'add', 'sourdough', '--parent', 'groceries'], env);
    expect(deeper.code).toBe(2);
    expect(deeper.stderr).toMatch(/invalid --parent "groceries": it is under food; categories have two levels/);
    const moved = await runCli(['categories', 'add', 'coffee', '--parent', 'home'], env);
    expect(moved.code).toBe(2);
    expect(moved.stderr).toMatch(/invalid category "coffee": a built-in category stays where it is/);
  });
});
