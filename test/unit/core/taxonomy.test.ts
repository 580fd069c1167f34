import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { TAXONOMY } from '../../../src/core/categories/taxonomy';
import { treeOrder } from '../../../src/core/categories/tree';

const FIXTURE = path.resolve(import.meta.dirname, '../../../fixtures/descriptors-intl.tsv');

/** Every category name of the taxonomy, top level and detailed. */
function names(): string[] {
  return TAXONOMY.flatMap((t) => [t.name, ...(t.children ?? []).map((c) => c.name)]);
}

describe('the category taxonomy', () => {
  it('names each category once, in lower case words joined by hyphens, each with what belongs in it', () => {
    const all = names();
    expect(new Set(all).size).toBe(all.length);
    for (const t of TAXONOMY) {
      for (const c of [t, ...(t.children ?? [])]) {
        expect(c.name, c.name).toMatch(/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/);
        expect(c.holds.length, c.name).toBeGreaterThanOrEqual(8);
      }
    }
  });

  it('covers a household budget in two levels', () => {
    const top = new Map(TAXONOMY.map((t) => [t.name, (t.children ?? []).map((c) => c.name)]));
    expect(top.get('food')).toEqual(expect.arrayContaining(['groceries', 'dining', 'coffee']));
    expect(top.get('home')).toEqual(expect.arrayContaining(['rent', 'mortgage', 'utilities', 'home-improvement']));
    expect(top.get('transport')).toEqual(
      expect.arrayContaining(['gas', 'public-transit', 'rideshare', 'parking-and-tolls', 'car-maintenance', 'car-insurance']),
    );
    for (const name of ['health', 'personal-care', 'insurance', 'kids', 'pets', 'education', 'gifts-and-donations', 'taxes'])
      expect(top.get(name)?.length ?? 0, name).toBeGreaterThanOrEqual(2);
    for (const name of ['fees', 'cash', 'transfer', 'income', 'uncategorized']) expect(top.has(name), name).toBe(true);
  });

  it('has the categories the descriptors of other countries expect, at least eight of each country', () => {
    const known = new Set(names());
    const perCountry = new Map<string, number>();
    for (const line of fs.readFileSync(FIXTURE, 'utf8').split('\n')) {
      if (line === '' || line.startsWith('#') || line.startsWith('country\t')) continue;
      const [country, descriptor, amount, category, merchant] = line.split('\t');
      expect(
        [descriptor, merchant].every((v) => v !== undefined && v !== ''),
        line,
      ).toBe(true);
      expect(Number.isFinite(Number(amount)), line).toBe(true);
      expect(known.has(category!), `${line}: ${category} is no category`).toBe(true);
      perCountry.set(country!, (perCountry.get(country!) ?? 0) + 1);
    }
    expect([...perCountry.keys()].sort()).toEqual(['AU', 'CA', 'DE', 'ES', 'FR', 'IE', 'IT', 'NL', 'NZ', 'UK']);
    for (const [country, n] of perCountry) expect(n, country).toBeGreaterThanOrEqual(8);
  });
});

describe('categories in tree order', () => {
  it('puts each top-level category before the ones under it, and an orphan at the top', () => {
    const items = [
      { name: 'groceries', parent: 'food' },
      { name: 'bakery', parent: 'food' },
      { name: 'food', parent: null },
      { name: 'boat', parent: 'gone' },
      { name: 'sourdough', parent: 'bakery' },
    ];
    expect(treeOrder(items, (c) => c.name).map((o) => `${o.child ? '  ' : ''}${o.item.name}`)).toEqual([
      'boat',
      'food',
      '  bakery',
      '  groceries',
      'sourdough',
    ]);
  });
});
