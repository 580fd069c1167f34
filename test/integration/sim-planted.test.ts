import { afterAll, describe, expect, it } from 'vitest';
import { fitsSimLine } from '../helpers/sim-categories';
import { SIM_BANK_IDS } from '../../src/providers/sim/banks';
import { civilFromDay, isoDate } from '../../src/providers/sim/calendar';
import { stateAt, type PlantedType } from '../../src/providers/sim/event';
import { plantedAnomalies, type PlantedAnomaly, type TxnRef } from '../../src/providers/sim/planted';
import { SimWorld } from '../../src/providers/sim/world';
import { openDatabase } from '../../src/storage/open-database';
import { freshHome, runCli } from '../helpers/cli';

const NOW = Date.parse('2026-11-23T18:00:00Z');
const HISTORY_DAYS = 365;
const DAILY = 8;
const SEEDS = [3, 17, 101];
const iso = (ms: number) => new Date(ms).toISOString();

interface Row {
  ref: string;
  currency: string;
  date: string;
  amount_cents: number;
  description: string;
  merchant: string | null;
  category: string;
}

/** Links the three banks and syncs once at NOW; the posted, live rows that sync stored. */
async function syncedRows(seed: number): Promise<Row[]> {
  const home = freshHome();
  const env = {
    FINAGG_SEED: String(seed),
    FINAGG_KEYSTORE: 'file',
    FINAGG_SIM_HISTORY_DAYS: String(HISTORY_DAYS),
    FINAGG_SIM_DAILY: String(DAILY),
    FINAGG_HOME: home,
    FINAGG_NOW: iso(NOW),
  };
  for (const bank of SIM_BANK_IDS) expect((await runCli(['link', bank, '--yes', '--no-sync'], env)).code).toBe(0);
  expect((await runCli(['sync', '--json'], env)).code).toBe(0);
  const { sqlite } = openDatabase(home, { nowIso: iso(NOW) });
  const rows = sqlite
    .prepare(
      `SELECT a.provider_account_id AS ref, t.currency, t.date, t.amount_cents, t.description, t.merchant, t.category
         FROM transactions t JOIN accounts a ON a.id = t.account_id
        WHERE t.pending = 0 AND t.removed = 0 ORDER BY t.id`,
    )
    .all() as Row[];
  sqlite.close();
  return rows;
}

const key = (ref: string, t: TxnRef) => `${ref}|${t.date}|${t.amountCents}|${t.description}`;
const rowKey = (r: Row) => key(r.ref, { date: r.date, amountCents: r.amount_cents, description: r.description });

/** How many posted events of the window share each content key: usually one, two for a double swipe. */
function simMultiplicity(seed: number): Map<string, number> {
  const counts = new Map<string, number>();
  for (const bank of SIM_BANK_IDS) {
    const world = new SimWorld(bank, seed, { historyDays: HISTORY_DAYS, daily: DAILY });
    const { firstDay, today } = world.window(NOW);
    for (const account of world.accounts) {
      world.scan(account, firstDay, today, (e) => {
        if (stateAt(e, NOW) !== 'posted') return;
        const k = key(account.providerAccountId, {
          date: isoDate(civilFromDay(e.day)),
          amountCents: e.postedCents,
          description: e.descriptor,
        });
        counts.set(k, (counts.get(k) ?? 0) + 1);
      });
    }
  }
  return counts;
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return ((s[Math.floor((s.length - 1) / 2)] ?? 0) + (s[Math.ceil((s.length - 1) / 2)] ?? 0)) / 2;
}

const daysBetween = (a: string, b: string) => Math.round((Date.parse(b) - Date.parse(a)) / 86_400_000);
const plantedCount = new Map<PlantedType, number>();

describe('planted anomalies', () => {
  afterAll(() => {
    // Every type planted, and early enough to be seen, over the three seeds.
    expect(Object.fromEntries(plantedCount)).toEqual({
      unusual_amount: expect.any(Number),
      new_merchant: expect.any(Number),
      duplicate_charge: expect.any(Number),
      price_increase: expect.any(Number),
      category_spike: expect.any(Number),
    });
  });

  it.each(SEEDS)('match the rows that link and sync store (seed %i)', async (seed) => {
    const rows = await syncedRows(seed);
    const stored = new Map<string, Row[]>();
    for (const r of rows) stored.set(rowKey(r), [...(stored.get(rowKey(r)) ?? []), r]);
    const multiplicity = simMultiplicity(seed);
    const items: PlantedAnomaly[] = SIM_BANK_IDS.flatMap((bank) =>
      plantedAnomalies({ seed, historyDays: HISTORY_DAYS, daily: DAILY, nowMs: NOW, bank }),
    );
    const matches = (item: PlantedAnomaly, t: TxnRef): Row[] => {
      const found = stored.get(key(item.bankAccountRef, t)) ?? [];
      // One stored row per posted event: exactly one, or two for identical charges of one day.
      expect(found.length, `${item.type} ${key(item.bankAccountRef, t)}`).toBe(multiplicity.get(key(item.bankAccountRef, t)));
      expect(found.length).toBeGreaterThan(0);
      return found;
    };
    const accountRows = (ref: string) => rows.filter((r) => r.ref === ref);
    const unusual = new Set(items.filter((i) => i.type === 'unusual_amount').map((i) => key(i.bankAccountRef, i)));

    for (const item of items) {
      const [row] = matches(item, item);
      for (const related of item.related) matches(item, related);
      if (item.natural || item.tooEarly) continue;
      plantedCount.set(item.type, (plantedCount.get(item.type) ?? 0) + 1);
      // finagg files what the simulation spends under the simulation's own spending line (a shop
      // it has never heard of may stay uncategorized).
      if (item.type !== 'new_merchant')
        expect(fitsSimLine(row!.category, item.category), `${row!.category} for ${item.category}`).toBe(true);
      const mine = accountRows(item.bankAccountRef);
      const atMerchant = (r: Row) => (r.merchant ?? r.description) === (row!.merchant ?? row!.description) && r.amount_cents < 0;
      switch (item.type) {
        case 'unusual_amount': {
          // Far above every ordinary charge there in the 90 days before (other anomalies aside).
          const usual = mine.filter(
            (r) => atMerchant(r) && r.date < item.date && daysBetween(r.date, item.date) <= 90 && !unusual.has(rowKey(r)),
          );
          expect(usual.length).toBeGreaterThanOrEqual(3);
          expect(-item.amountCents).toBeGreaterThan(3.5 * Math.max(...usual.map((r) => -r.amount_cents)));
          break;
        }
        case 'new_merchant':
          expect(mine.filter((r) => atMerchant(r) && r.date < item.date)).toEqual([]);
          expect(['income', 'transfer']).not.toContain(row!.category);
          break;
        case 'duplicate_charge': {
          const [first] = item.related;
          expect(first!.amountCents).toBe(item.amountCents);
          expect(daysBetween(first!.date, item.date)).toBeLessThanOrEqual(1);
          expect(stored.get(key(item.bankAccountRef, first!))!.some(atMerchant)).toBe(true);
          break;
        }
        case 'price_increase': {
          const before = mine.filter((r) => atMerchant(r) && r.date < item.date);
          const steady = before.slice(-3).map((r) => r.amount_cents);
          expect(steady).toHaveLength(3);
          expect(new Set(steady).size).toBe(1);
          const was = -steady[0]!;
          expect(-item.amountCents).toBeGreaterThan(was * 1.05);
          expect(-item.amountCents - was).toBeGreaterThan(100);
          break;
        }
        case 'category_spike': {
          // The planted purchases carry one stored category; the month runs far above the
          // household's median month there (every account of the currency: a spike is the household's).
          const categories = new Set(item.related.map((t) => stored.get(key(item.bankAccountRef, t))![0]!.category));
          expect(categories.size).toBe(1);
          const [category] = [...categories];
          const byMonth = new Map<string, number>();
          for (const r of rows.filter((other) => other.currency === row!.currency)) {
            if (r.category === category && r.amount_cents < 0)
              byMonth.set(r.date.slice(0, 7), (byMonth.get(r.date.slice(0, 7)) ?? 0) - r.amount_cents);
          }
          // Whole months of the window only: the first and the current one are partial.
          const months = [...byMonth.keys()].sort().slice(1, -1);
          const usual = median(months.filter((m) => m !== item.period).map((m) => byMonth.get(m)!));
          expect(byMonth.get(item.period!)!).toBeGreaterThan(2.5 * usual);
          break;
        }
      }
    }
  });
});
