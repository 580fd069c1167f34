import fs from 'node:fs';
import { createCategorizer } from '../src/core/categorize/categorizer';
import { CATALOGUES, US_CITIES } from '../src/providers/sim/merchants';

/**
 * Categorizing a million statement lines in process: the simulated banks' templates and the
 * fixture's real-world-style lines, with fresh store numbers, order codes and cities. The
 * reference is a plain loop that upper-cases each line, the least any categorizer must do.
 */

export interface CategorizeBench {
  count: number;
  ms: number;
  referenceMs: number;
  /** Share of lines the built-in categorized (not uncategorized), as a sanity check. */
  categorized: number;
}

const CODE_CHARS = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';

/** A small seeded generator, so every run categorizes the same lines. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Source {
  template: string;
  cities: readonly string[];
  sign: number;
}

function sources(fixturePath: string): Source[] {
  const out: Source[] = [];
  for (const { specs, cities } of CATALOGUES) {
    for (const spec of specs) out.push({ template: spec.template, cities, sign: spec.credit ? 1 : -1 });
  }
  for (const line of fs.readFileSync(fixturePath, 'utf8').split('\n')) {
    if (line === '' || line.startsWith('#') || line.startsWith('descriptor\t')) continue;
    const [descriptor, amount] = line.split('\t');
    // Digits become fresh digits: other store numbers, references and phone numbers.
    out.push({ template: descriptor!.replace(/\d/g, '#'), cities: US_CITIES, sign: Number(amount) < 0 ? -1 : 1 });
  }
  return out;
}

/** `count` descriptors and their amounts in cents. */
export function corpus(fixturePath: string, count: number, seed = 42): { descriptors: string[]; amounts: Int32Array } {
  const next = rng(seed);
  const from = sources(fixturePath);
  const descriptors = new Array<string>(count);
  const amounts = new Int32Array(count);
  for (let i = 0; i < count; i++) {
    const source = from[Math.floor(next() * from.length)]!;
    const city = source.cities[Math.floor(next() * source.cities.length)]!;
    const parts: string[] = [];
    for (const ch of source.template) {
      parts.push(
        ch === '#'
          ? String(Math.floor(next() * 10))
          : ch === '@'
            ? CODE_CHARS[Math.floor(next() * CODE_CHARS.length)]!
            : ch === '%'
              ? city
              : ch,
      );
    }
    // join makes a flat string, as a line read from a bank's JSON is.
    descriptors[i] = parts.join('');
    amounts[i] = source.sign * (100 + Math.floor(next() * 20000));
  }
  return { descriptors, amounts };
}

export function benchCategorize(fixturePath: string, count = 1_000_000): CategorizeBench {
  const { descriptors, amounts } = corpus(fixturePath, count);

  let start = performance.now();
  let chars = 0;
  for (let i = 0; i < count; i++) chars += descriptors[i]!.toUpperCase().length;
  const referenceMs = performance.now() - start;
  if (chars === 0) throw new Error('empty corpus');

  // Built inside the timing: compiling the dictionary is part of the cost.
  start = performance.now();
  const categorizer = createCategorizer();
  let categorized = 0;
  for (let i = 0; i < count; i++) {
    const guess = categorizer.categorize({
      description: descriptors[i]!,
      merchant: null,
      amountCents: amounts[i]!,
      providerCategory: null,
    });
    if (guess.source !== 'none') categorized++;
  }
  const ms = performance.now() - start;
  return { count, ms, referenceMs, categorized: categorized / count };
}
