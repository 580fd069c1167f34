import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { homeCashFlow, homeNetWorth } from '../../src/app/fx/home-report';
import { netWorth } from '../../src/app/report';
import { parseDecimal } from '../../src/core/fx/rational';
import { currencyExponent } from '../../src/core/money';
import { openDatabase } from '../../src/storage/open-database';
import { upsertRates } from '../../src/storage/rates-repo';
import { freshHome, runCli } from '../helpers/cli';
import { cliContext } from '../helpers/context';

/**
 * Households in two or three currencies, with random rows, transfers between currencies
 * and daily rates: the home-currency books add up. Each month end's net worth is the
 * per-currency month ends at that day's rate, and income - spending + fx is its change,
 * where fx is recomputed here from what it is made of: the revaluation of what was held,
 * each row's move from its day's rate to the month end's, and the transfers' two sides.
 * Exact fractions here are plain BigInt numerators over one common denominator.
 */

const NOW = '2026-05-20T12:00:00Z';
const MONTHS = ['2026-01', '2026-02', '2026-03', '2026-04', '2026-05'];
const DAYS = (() => {
  const days: string[] = [];
  for (let t = Date.parse('2026-01-01T00:00:00Z'); t <= Date.parse('2026-05-20T00:00:00Z'); t += 86_400_000)
    days.push(new Date(t).toISOString().slice(0, 10));
  return days;
})();

/** Levels near the real ones, with the ECB's digits; KWD has three decimals, JPY none. */
const LEVEL: Record<string, [number, number]> = { USD: [10800, 4], GBP: [8500, 4], JPY: [16200, 2], KWD: [3320, 4], EUR: [1, 0] };

const household = fc.record({
  currencies: fc.shuffledSubarray(['EUR', 'USD', 'JPY', 'GBP', 'KWD'], { minLength: 2, maxLength: 3 }),
  homeIndex: fc.nat(2),
  // Daily moves of each rate, in its last digit.
  walk: fc.array(fc.integer({ min: -40, max: 40 }), { minLength: DAYS.length * 3, maxLength: DAYS.length * 3 }),
  rows: fc.array(
    fc.record({
      account: fc.nat(2),
      day: fc.nat(DAYS.length - 1),
      // Minor units of the account's currency; mostly spending.
      amount: fc.oneof(fc.integer({ min: -250_000, max: -100 }), fc.integer({ min: 100, max: 400_000 })),
    }),
    { minLength: 6, maxLength: 40 },
  ),
  transfers: fc.array(
    fc.record({ day: fc.nat(DAYS.length - 3), amount: fc.integer({ min: 1_000, max: 300_000 }), lag: fc.nat(2) }),
    {
      maxLength: 4,
    },
  ),
});

type Household = typeof household extends fc.Arbitrary<infer T> ? T : never;

/** A rate's text per euro on each day (weekdays only, as the ECB publishes), by currency. */
function ratesOf(h: Household): Map<string, Map<string, string>> {
  const out = new Map<string, Map<string, string>>();
  h.currencies.forEach((currency, i) => {
    if (currency === 'EUR') return;
    const [start, places] = LEVEL[currency]!;
    let level = start;
    const days = new Map<string, string>();
    DAYS.forEach((day, d) => {
      level = Math.max(start / 2, level + h.walk[i * DAYS.length + d]!);
      const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
      if (weekday === 0 || weekday === 6) return;
      const text = String(level).padStart(places + 1, '0');
      days.set(day, places === 0 ? text : `${text.slice(0, -places)}.${text.slice(-places)}`);
    });
    out.set(currency, days);
  });
  return out;
}

/** Exact value as [numerator, denominator]. */
type Frac = [bigint, bigint];
const fadd = (a: Frac, b: Frac): Frac => [a[0] * b[1] + b[0] * a[1], a[1] * b[1]];
const fsub = (a: Frac, b: Frac): Frac => fadd(a, [-b[0], b[1]]);

function roundHalfEven([n, d]: Frac): number {
  if (d < 0n) [n, d] = [-n, -d];
  let q = n / d;
  let r = n % d;
  if (r < 0n) [q, r] = [q - 1n, r + d];
  if (2n * r > d || (2n * r === d && q % 2n !== 0n)) q += 1n;
  return Number(q);
}

describe('the books in the home currency', () => {
  it('add up in every month, to the cent, for random households in two or three currencies', async () => {
    await fc.assert(
      fc.asyncProperty(household, async (h) => {
        const home = h.currencies[h.homeIndex % h.currencies.length]!;
        const env = { FINAGG_HOME: freshHome(), FINAGG_NOW: NOW, FINAGG_KEYSTORE: 'file' };
        const cli = async (...argv: string[]) => {
          const r = await runCli(argv, env);
          if (r.code !== 0) throw new Error(`${argv.join(' ')}: ${r.stderr}`);
          return r.stdout;
        };
        const ids: number[] = [];
        for (const [i, currency] of h.currencies.entries()) {
          ids.push(
            JSON.parse(await cli('accounts', 'add', '--name', `A${i}`, '--type', 'checking', '--currency', currency, '--json'))
              .id,
          );
        }
        await cli('config', 'set', 'currency.home', home);
        const rates = ratesOf(h);
        // Each account starts in January with a deposit, so every month end is known.
        const rows = h.currencies.map((currency): [string, string, number][] => [
          ['2026-01-02', 'Opening deposit', 500_000 * 10 ** (currencyExponent(currency) - 2) || 5_000],
        ]);
        for (const r of h.rows) {
          const account = r.account % h.currencies.length;
          rows[account]!.push([DAYS[r.day]!, r.amount < 0 ? `Shop ${r.day}` : `Salary ${r.day}`, r.amount]);
        }
        const transferRows: { from: number; to: number; outText: string; inText: string }[] = [];
        h.transfers.forEach((t, i) => {
          const from = i % h.currencies.length;
          const to = (i + 1) % h.currencies.length;
          const out = -t.amount;
          const into = Math.round(t.amount * 0.9) || 1;
          rows[from]!.push([DAYS[t.day]!, `Wire out ${i}`, out]);
          rows[to]!.push([DAYS[t.day + t.lag]!, `Wire in ${i}`, into]);
          transferRows.push({ from, to, outText: `Wire out ${i}`, inText: `Wire in ${i}` });
        });
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'finagg-fx-'));
        for (const [i, currency] of h.currencies.entries()) {
          const e = currencyExponent(currency);
          const text = (cents: number) => (e === 0 ? String(cents) : (cents / 10 ** e).toFixed(e));
          const file = path.join(dir, `a${i}.csv`);
          fs.writeFileSync(
            file,
            ['Date,Description,Amount', ...rows[i]!.map(([d, t, c]) => `${d},${t},${text(c)}`)].join('\n') + '\n',
          );
          await cli('import', file, '--account', String(ids[i]));
        }
        // Pair the wires by hand: two currencies, so only the person can say they are one transfer.
        for (const t of transferRows) {
          const find = async (text: string) => JSON.parse(await cli('tx', '--search', text, '--json'))[0].id as number;
          await cli('tx', 'edit', String(await find(t.outText)), '--transfer', String(await find(t.inText)));
        }
        const { sqlite } = openDatabase(env.FINAGG_HOME, { nowIso: NOW });
        upsertRates(
          sqlite,
          [...rates].flatMap(([currency, days]) =>
            [...days].map(([date, text]) => ({ date, currency, perEur: parseDecimal(text)!, source: 'test' })),
          ),
        );
        sqlite.close();

        const ctx = cliContext(env.FINAGG_HOME, env);
        const worth = await homeNetWorth(ctx);
        const flow = await homeCashFlow(ctx);
        expect(worth.missing).toEqual([]);
        expect(worth.rows.map((r) => r.month)).toEqual(MONTHS);

        // A minor unit of `c` in minor units of home on `day`, from the latest rate on or before it.
        const rateOn = (c: string, day: string): Frac => {
          if (c === 'EUR') return [1n, 1n];
          const known = [...rates.get(c)!].filter(([d]) => d <= day).at(-1)!;
          const q = parseDecimal(known[1])!;
          return [q.num, q.den];
        };
        const factor = (c: string, day: string): Frac => {
          const a = rateOn(c, day);
          const b = rateOn(home, day);
          return [b[0] * a[1] * 10n ** BigInt(currencyExponent(home)), b[1] * a[0] * 10n ** BigInt(currencyExponent(c))];
        };
        const value = (cents: number, c: string, day: string): Frac => {
          const f = factor(c, day);
          return [BigInt(cents) * f[0], f[1]];
        };
        const end = (month: string) =>
          month === '2026-05'
            ? '2026-05-20'
            : new Date(Date.UTC(+month.slice(0, 4), +month.slice(5), 0)).toISOString().slice(0, 10);

        // 1. Each month end is the per-currency month ends at that day's rates.
        const perCurrency = netWorth(ctx);
        const worthOf = new Map<string, Frac>();
        for (const month of MONTHS) {
          let total: Frac = [0n, 1n];
          for (const p of perCurrency.filter((x) => x.month === month))
            total = fadd(total, value(p.netWorthCents, p.currency, end(month)));
          worthOf.set(month, total);
          expect(worth.rows.find((r) => r.month === month)!.netWorthCents).toBe(roundHalfEven(total));
        }

        // 2. income - spending + fx is the change, and fx is what it is made of.
        const { sqlite: db } = openDatabase(env.FINAGG_HOME, { nowIso: NOW });
        const stored = db
          .prepare(
            'SELECT date, currency, amount_cents AS cents, transfer_id FROM transactions WHERE removed = 0 AND pending = 0',
          )
          .all() as { date: string; currency: string; cents: number; transfer_id: number | null }[];
        db.close();
        for (const month of MONTHS.slice(1)) {
          const r = flow.rows.find((x) => x.month === month)!;
          const before = worth.rows.find((x) => x.month === MONTHS[MONTHS.indexOf(month) - 1])!;
          const after = worth.rows.find((x) => x.month === month)!;
          expect(r.incomeCents - r.spendingCents + r.fxCents!).toBe(after.netWorthCents - before.netWorthCents);
          // Revaluation of what each currency held at the last month end...
          let fx: Frac = [0n, 1n];
          for (const p of perCurrency.filter((x) => x.month === before.month)) {
            fx = fadd(
              fx,
              fsub(value(p.netWorthCents, p.currency, end(month)), value(p.netWorthCents, p.currency, end(before.month))),
            );
          }
          // ...each row's move from its day's rate to the month end's, and the transfers' sides whole.
          for (const row of stored.filter((x) => x.date.slice(0, 7) === month)) {
            fx = fadd(fx, fsub(value(row.cents, row.currency, end(month)), value(row.cents, row.currency, row.date)));
            if (row.transfer_id !== null) fx = fadd(fx, value(row.cents, row.currency, row.date));
          }
          // A transfer's side that arrived in the next month counts in its own month: rows are dated.
          // The figures are each rounded once: income, spending and the two month ends.
          expect(Math.abs(r.fxCents! - roundHalfEven(fx))).toBeLessThanOrEqual(2);
        }
        expect(flow.home).toBe(home);
      }),
      { numRuns: 12 },
    );
  }, 240_000);
});
