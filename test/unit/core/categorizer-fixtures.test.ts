import fs from 'node:fs';
import path from 'node:path';
import { TAXONOMY } from '../../../src/core/categories/taxonomy';
import { fitsSimLine, rightOrFiner } from '../../helpers/sim-categories';
import { BUILTIN_CATEGORIES } from '../../../src/core/transaction';
import { describe, expect, it } from 'vitest';
import { createCategorizer } from '../../../src/core/categorize/categorizer';
import { SIM_BANK_IDS } from '../../../src/providers/sim/banks';
import { CATALOGUES } from '../../../src/providers/sim/merchants';
import { buildProfiles } from '../../../src/providers/sim/profiles';

const { categorize } = createCategorizer();
const FIXTURE = path.resolve(import.meta.dirname, '../../../fixtures/descriptors.tsv');

interface Case {
  line: number;
  descriptor: string;
  amountCents: number;
  category: string;
}

/** fixtures/descriptors.tsv: descriptor, amount in decimal units, expected category; `#` lines are comments. */
function readFixture(): Case[] {
  const cases: Case[] = [];
  fs.readFileSync(FIXTURE, 'utf8')
    .split('\n')
    .forEach((text, i) => {
      if (text === '' || text.startsWith('#') || text.startsWith('descriptor\t')) return;
      const [descriptor, amount, category] = text.split('\t');
      if (descriptor === undefined || amount === undefined || category === undefined) throw new Error(`line ${i + 1}: ${text}`);
      cases.push({ line: i + 1, descriptor, amountCents: Math.round(Number(amount) * 100), category });
    });
  return cases;
}

describe('the categorizer over real-world-style descriptors', () => {
  const cases = readFixture();

  it('has a fixture of at least 180 descriptors, at least 8 in every category', () => {
    expect(cases.length).toBeGreaterThanOrEqual(180);
    const counts = new Map<string, number>();
    for (const c of cases) counts.set(c.category, (counts.get(c.category) ?? 0) + 1);
    // Every category the fixture names is a built-in one, and each has eight or more.
    for (const [category, n] of counts) {
      expect(BUILTIN_CATEGORIES, category).toContain(category);
      expect(n, category).toBeGreaterThanOrEqual(8);
    }
    expect(counts.size).toBeGreaterThanOrEqual(18);
    for (const c of cases) expect(Number.isFinite(c.amountCents), `line ${c.line}`).toBe(true);
  });

  it('gets at least 95% right, and says which it got wrong', () => {
    const misses = cases
      .map((c) => ({
        ...c,
        got: categorize({ description: c.descriptor, merchant: null, amountCents: c.amountCents, providerCategory: null }),
      }))
      .filter((c) => !rightOrFiner(c.got.category, c.category));
    const accuracy = (cases.length - misses.length) / cases.length;
    console.log(
      `categorizer: ${cases.length - misses.length}/${cases.length} right (${(accuracy * 100).toFixed(1)}%)` +
        misses
          .map(
            (m) =>
              `\n  miss: ${m.descriptor} (${(m.amountCents / 100).toFixed(2)}) → got ${m.got.category}, expected ${m.category}`,
          )
          .join(''),
    );
    expect(accuracy).toBeGreaterThanOrEqual(0.95);
  });
});

describe('the categorizer over the simulated banks’ descriptors', () => {
  const CODE = 'Q7ZK2M9XA4';

  /** Every template with a few store numbers and order codes, in every city of its region. */
  function expand(template: string, city: string): string[] {
    return ['0', '7', '3'].map((digit, k) => {
      let i = k;
      return template
        .replace(/#/g, () => String((Number(digit) + i++) % 10))
        .replace(/@/g, () => CODE[i++ % CODE.length]!)
        .replace(/%/g, city);
    });
  }

  it('reads every sim merchant template as the sim’s own category', () => {
    const wrong: string[] = [];
    let checked = 0;
    for (const { region, specs, cities } of CATALOGUES) {
      for (const spec of specs) {
        const amountCents = spec.credit ? spec.min : -spec.min;
        // As the description alone, after the prefixes a US debit card adds, and with the merchant name banks send.
        const prefixes = spec.channel === 'card' && region === 'us' ? ['', 'CHECKCARD 0412 ', 'POS DEBIT '] : [''];
        for (const city of cities) {
          for (const descriptor of expand(spec.template, city)) {
            for (const prefix of prefixes) {
              for (const merchant of [null, spec.name, spec.legal]) {
                checked++;
                const got = categorize({ description: prefix + descriptor, merchant, amountCents, providerCategory: null });
                if (!fitsSimLine(got.category, spec.category))
                  wrong.push(`${prefix}${descriptor} [${merchant}] → ${got.category}, sim says ${spec.category}`);
              }
            }
          }
        }
      }
    }
    if (wrong.length > 0) console.log(`sim templates miscategorized:\n  ${wrong.join('\n  ')}`);
    expect(checked).toBeGreaterThan(1000);
    expect(wrong).toEqual([]);
  });

  it('reads every recurring payment of every sim bank as its own category', () => {
    const wrong: string[] = [];
    for (const bank of SIM_BANK_IDS) {
      for (const seed of [1, 42, 2026]) {
        for (const profile of buildProfiles(bank, seed, 10)) {
          for (const rule of profile.rules) {
            for (const merchant of [null, rule.merchant, rule.legal]) {
              const got = categorize({ description: rule.descriptor, merchant, amountCents: rule.cents, providerCategory: null });
              if (!fitsSimLine(got.category, rule.category))
                wrong.push(`${rule.descriptor} [${merchant}] → ${got.category}, sim says ${rule.category}`);
            }
          }
        }
      }
    }
    expect(wrong).toEqual([]);
  });
});

describe('the categorizer over descriptors of other countries', () => {
  it('gets the category (at its top level) of at least 95% in every set and the merchant name of most, and says which it missed', () => {
    const topOf = new Map<string, string>();
    for (const t of TAXONOMY) for (const name of [t.name, ...(t.children ?? []).map((c) => c.name)]) topOf.set(name, t.name);
    const lines = fs
      .readFileSync(path.resolve(import.meta.dirname, '../../../fixtures/descriptors-intl.tsv'), 'utf8')
      .split('\n')
      .filter((l) => l !== '' && !l.startsWith('#') && !l.startsWith('country\t'));
    const byCountry = new Map<string, { n: number; top: number; exact: number; merchant: number }>();
    const misses: string[] = [];
    for (const line of lines) {
      const [country, descriptor, amount, category, merchant] = line.split('\t') as [string, string, string, string, string];
      const got = categorize({
        description: descriptor,
        merchant: null,
        amountCents: Math.round(Number(amount) * 100),
        providerCategory: null,
      });
      const s = byCountry.get(country) ?? { n: 0, top: 0, exact: 0, merchant: 0 };
      s.n++;
      if (topOf.get(got.category) === topOf.get(category)) s.top++;
      else misses.push(`${country} ${descriptor} → ${got.category}, expected ${category}`);
      if (got.category === category) s.exact++;
      if (got.merchant?.toLowerCase() === merchant.toLowerCase()) s.merchant++;
      else misses.push(`${country} ${descriptor}: merchant ${JSON.stringify(got.merchant)}, expected ${merchant}`);
      byCountry.set(country, s);
    }
    const total = [...byCountry.values()].reduce(
      (a, s) => ({ n: a.n + s.n, top: a.top + s.top, exact: a.exact + s.exact, merchant: a.merchant + s.merchant }),
      { n: 0, top: 0, exact: 0, merchant: 0 },
    );
    console.log(
      `categorizer abroad: top level ${total.top}/${total.n}, detailed ${total.exact}/${total.n}, merchant name ${total.merchant}/${total.n}\n` +
        [...byCountry]
          .map(([c, s]) => `  ${c}: top ${s.top}/${s.n}, detailed ${s.exact}/${s.n}, merchant ${s.merchant}/${s.n}`)
          .join('\n') +
        misses.map((m) => `\n  miss: ${m}`).join(''),
    );
    expect(total.top / total.n).toBeGreaterThanOrEqual(0.95);
    expect(total.merchant / total.n).toBeGreaterThanOrEqual(0.85);
    // Grocery chains, telecoms and transit cards of the countries with a set of their own.
    for (const [country, s] of byCountry) expect(s.top / s.n, country).toBeGreaterThanOrEqual(s.n >= 30 ? 0.95 : 0.85);
  });
});
