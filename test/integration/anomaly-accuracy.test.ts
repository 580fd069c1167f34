import { expect, it } from 'vitest';
import { SIM_BANKS, type SimBankId } from '../../src/providers/sim/banks';
import { plantedAnomalies, type PlantedAnomaly } from '../../src/providers/sim/planted';
import { addDays } from '../../src/core/dates';
import { openDatabase } from '../../src/storage/open-database';
import { freshHome, runCli } from '../helpers/cli';
import { fitsSimLine } from '../helpers/sim-categories';

/**
 * The detectors against the simulated banks' ground truth, over several seeds: recall per
 * planted type, precision over everything flagged (a flag on a natural anomaly, such as
 * two equal coffees, is right), the flags without ground truth a month, and the naive
 * "z > 2 within a category" rule beside them. A category spike is the household's: it
 * matches by currency and month, whichever account's row carried it, and finagg's category
 * fits the simulation's spending line (a spike in entertainment is one in movies).
 */
const SEEDS = [3, 7, 11];
const BANKS: SimBankId[] = ['banka', 'bankb', 'bankc'];
const NOW = '2026-11-23T18:00:00Z';
const SIM = { FINAGG_SIM_HISTORY_DAYS: '365', FINAGG_SIM_DAILY: '8' };
const TYPES = ['unusual_amount', 'new_merchant', 'duplicate_charge', 'price_increase', 'category_spike'] as const;

interface Row {
  id: number;
  provider: string;
  ref: string;
  currency: string;
  date: string;
  amount_cents: number;
  description: string;
  category: string;
  account_id: number;
}

const rowKey = (bank: string, ref: string, t: { date: string; amountCents: number; description: string }) =>
  `${bank}|${ref}|${t.date}|${t.amountCents}|${t.description}`;

it('finds the planted anomalies (recall >= 0.9 per type) and is right when it speaks (precision >= 0.9)', async () => {
  const found: Record<string, number> = {};
  const planted: Record<string, number> = {};
  let flagged = 0;
  let right = 0;
  const naive = { flagged: 0, right: 0, spending: 0, unusualFound: 0, unusual: 0 };
  const wrong: string[] = [];
  const missed: string[] = [];

  for (const seed of SEEDS) {
    const home = freshHome();
    const env = { ...SIM, FINAGG_HOME: home, FINAGG_NOW: NOW, FINAGG_SEED: String(seed), FINAGG_KEYSTORE: 'file' };
    for (const bank of BANKS) expect((await runCli(['link', bank, '--yes', '--no-sync'], env)).code).toBe(0);
    expect((await runCli(['sync'], env)).code).toBe(0);
    const r = await runCli(['anomalies', '--days', '400', '--recompute', '--json'], env);
    expect(r.code, r.stderr).toBe(0);
    const findings = JSON.parse(r.stdout) as { transaction_id: number; type: string }[];

    const { sqlite } = openDatabase(home, { nowIso: NOW });
    const rows = sqlite
      .prepare(
        `SELECT t.id, a.provider, a.provider_account_id AS ref, t.currency, t.date, t.amount_cents, t.description, t.category, t.account_id
         FROM transactions t JOIN accounts a ON a.id = t.account_id WHERE t.removed = 0 ORDER BY t.date, t.id`,
      )
      .all() as Row[];
    sqlite.close();
    const byId = new Map(rows.map((row) => [row.id, row]));

    const truth = BANKS.flatMap((bank) =>
      plantedAnomalies({ seed, historyDays: 365, daily: 8, nowMs: Date.parse(NOW), bank }).map((p) => ({ ...p, bank })),
    );
    const truthKeys = new Set(truth.map((p) => `${p.type}|${rowKey(p.bank, p.bankAccountRef, p)}`));
    const spikeOf = (p: PlantedAnomaly & { bank: SimBankId }) => `${SIM_BANKS[p.bank].currency}|${p.period}`;
    const spikes = truth.filter((p) => p.type === 'category_spike');
    const isSpike = (p: PlantedAnomaly & { bank: SimBankId }, flag: { month: string; category: string }) =>
      spikeOf(p) === flag.month && fitsSimLine(flag.category, p.category);
    const anyTruth = new Set(truth.map((p) => rowKey(p.bank, p.bankAccountRef, p)));

    const flaggedKeys = new Set<string>();
    const flaggedSpikes: { month: string; category: string }[] = [];
    for (const f of findings) {
      const row = byId.get(f.transaction_id)!;
      const key = rowKey(row.provider, row.ref, { date: row.date, amountCents: row.amount_cents, description: row.description });
      flaggedKeys.add(`${f.type}|${key}`);
      const spike = { month: `${row.currency}|${row.date.slice(0, 7)}`, category: row.category };
      if (f.type === 'category_spike') flaggedSpikes.push(spike);
      flagged++;
      const ok = f.type === 'category_spike' ? spikes.some((p) => isSpike(p, spike)) : truthKeys.has(`${f.type}|${key}`);
      if (ok) right++;
      else wrong.push(`seed ${seed} ${f.type}: ${row.date} ${row.amount_cents} ${row.description} (${row.category})`);
    }
    for (const p of truth.filter((t) => !t.natural && !t.tooEarly)) {
      planted[p.type] = (planted[p.type] ?? 0) + 1;
      const hit =
        p.type === 'category_spike'
          ? flaggedSpikes.some((flag) => isSpike(p, flag))
          : flaggedKeys.has(`${p.type}|${rowKey(p.bank, p.bankAccountRef, p)}`);
      if (hit) found[p.type] = (found[p.type] ?? 0) + 1;
      else
        missed.push(
          `seed ${seed} ${p.type}: ${p.date} ${p.amountCents} ${p.description} (${p.category}${p.period ? ` ${p.period}` : ''})`,
        );
    }

    // The naive rule: z > 2 against the same account's category over the 90 days before.
    const unusualKeys = new Set(
      truth
        .filter((p: PlantedAnomaly) => p.type === 'unusual_amount' && !p.natural && !p.tooEarly)
        .map((p) => rowKey((p as PlantedAnomaly & { bank: string }).bank, p.bankAccountRef, p)),
    );
    const byCategory = new Map<string, Row[]>();
    for (const row of rows) {
      if (row.amount_cents >= 0 || row.category === 'income' || row.category === 'transfer') continue;
      naive.spending++;
      const group = byCategory.get(`${row.account_id}|${row.category}`) ?? [];
      const from = addDays(row.date, -90);
      const sample = group.filter((g) => g.date >= from && g.date < row.date).map((g) => -g.amount_cents);
      group.push(row);
      byCategory.set(`${row.account_id}|${row.category}`, group);
      if (sample.length < 2) continue;
      const mean = sample.reduce((a, b) => a + b, 0) / sample.length;
      const sd = Math.sqrt(sample.reduce((a, b) => a + (b - mean) ** 2, 0) / sample.length);
      const key = rowKey(row.provider, row.ref, { date: row.date, amountCents: row.amount_cents, description: row.description });
      if (sd > 0 && (-row.amount_cents - mean) / sd > 2) {
        naive.flagged++;
        if (anyTruth.has(key)) naive.right++;
        if (unusualKeys.has(key)) naive.unusualFound++;
      }
    }
    naive.unusual += unusualKeys.size;
  }

  const recall = Object.fromEntries(TYPES.map((t) => [t, (found[t] ?? 0) / (planted[t] ?? 0)]));
  const precision = right / flagged;
  const months = (SEEDS.length * 365) / 30.44;
  const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
  console.log(
    [
      `anomalies over seeds ${SEEDS.join(', ')} (365 days, 3 banks each):`,
      ...TYPES.map((t) => `  recall ${t.padEnd(16)} ${found[t] ?? 0}/${planted[t] ?? 0} = ${pct(recall[t]!)}`),
      `  precision ${right}/${flagged} = ${pct(precision)}`,
      `  flags without ground truth ${wrong.length} over ${months.toFixed(0)} household months = ${(wrong.length / months).toFixed(2)} a month`,
      `naive z > 2 within a category: flagged ${naive.flagged} of ${naive.spending} purchases (${pct(naive.flagged / naive.spending)}), precision ${pct(naive.right / Math.max(1, naive.flagged))}, recall of unusual amounts ${naive.unusualFound}/${naive.unusual} = ${pct(naive.unusualFound / Math.max(1, naive.unusual))}`,
      ...(missed.length > 0 ? [`  planted and not found (${missed.length}):`, ...missed.map((m) => `    ${m}`)] : []),
      ...(wrong.length > 0
        ? [`  flagged without ground truth (${wrong.length}):`, ...wrong.slice(0, 30).map((w) => `    ${w}`)]
        : []),
    ].join('\n'),
  );
  for (const t of TYPES) {
    expect(planted[t], `${t} planted`).toBeGreaterThan(0);
    expect(recall[t], `${t} recall`).toBeGreaterThanOrEqual(0.9);
  }
  expect(precision).toBeGreaterThanOrEqual(0.9);
  expect(wrong.length / months).toBeLessThanOrEqual(2);
}, 240_000);
