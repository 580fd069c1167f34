import fs from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';
import { builtinTopOf } from '../../src/core/categories/taxonomy';
import { freshHome, runCli } from '../helpers/cli';

/**
 * The acceptance check of the built-in categorizer as a person meets it: each fixture
 * descriptor through `finagg rules test "<descriptor>" --amount <n> --json`, in a fresh
 * home with no rules. At least 95% must be right (the fixture's category, or one under it:
 * `shopping` is answered right by `clothing`); the misses are printed.
 */
it('rules test categorizes at least 95% of the real-world descriptors right', async () => {
  const file = path.resolve(__dirname, '../../fixtures/descriptors.tsv');
  const cases = fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '' && !line.startsWith('#') && !line.startsWith('descriptor\t'))
    .map((line) => {
      const [descriptor, amount, category] = line.split('\t') as [string, string, string];
      return { descriptor, amount, category: category.trim() };
    });
  expect(cases.length).toBeGreaterThanOrEqual(150);
  const home = freshHome();
  const misses: string[] = [];
  for (const c of cases) {
    const r = await runCli(['rules', 'test', c.descriptor, '--amount', c.amount, '--json'], {
      FINAGG_HOME: home,
      FINAGG_KEYSTORE: 'file',
    });
    expect(r.code, r.stderr).toBe(0);
    const got = JSON.parse(r.stdout) as { category: string; source: string; rule_id: number | null };
    expect(got.rule_id).toBeNull();
    const right = got.category === c.category || builtinTopOf(got.category) === c.category;
    if (!right) misses.push(`${c.descriptor} (${c.amount}): got ${got.category}, expected ${c.category}`);
  }
  if (misses.length > 0) console.log(`rules test misses (${misses.length} of ${cases.length}):\n  ${misses.join('\n  ')}`);
  expect((cases.length - misses.length) / cases.length).toBeGreaterThanOrEqual(0.95);
}, 60_000);
