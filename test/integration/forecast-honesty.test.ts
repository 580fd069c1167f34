import { describe, expect, it } from 'vitest';
import { addDays } from '../../src/core/dates';
import { detectStreams } from '../../src/core/recurring/detect';
import { project, upcomingItems, weekdayRates } from '../../src/core/recurring/upcoming';
import { SIM_BANK_IDS } from '../../src/providers/sim/banks';
import { DEFAULT_DAILY } from '../../src/providers/sim/household';
import { ledgerFor } from '../../src/providers/sim/ledger';
import { SimWorld } from '../../src/providers/sim/world';
import { openDatabase } from '../../src/storage/open-database';
import { allCandidates } from '../../src/storage/stream-candidates-repo';
import { syncedHousehold } from '../helpers/cli';

/**
 * How honest the projection is: on dates through the simulated history, the 30-day low
 * of each checking account projected from what was known before the date (streams, the
 * weekday rate of everyday spending, the balance then) against the low that came, from
 * the simulated bank's own books. No target: the figure is printed for the note.
 */
const NOW = '2026-11-23T12:00:00Z';
const SEED = 3;
const DAYS = 730;
const HORIZON = 30;
const DAY_MS = 86_400_000;

describe('the balance projection', () => {
  it('is measured against what happened: the median error of the projected 30-day low of checking', async () => {
    const { home } = await syncedHousehold(SEED, DAYS, NOW);
    const ledger = ledgerFor(SEED, DEFAULT_DAILY);
    const sim = new Map(
      SIM_BANK_IDS.flatMap((bank) => new SimWorld(bank, SEED, { historyDays: DAYS, daily: DEFAULT_DAILY }).accounts).map((a) => [
        a.providerAccountId,
        a,
      ]),
    );
    const { sqlite } = openDatabase(home, { nowIso: NOW });
    const errors: number[] = [];
    try {
      const accounts = sqlite.prepare("SELECT id, provider_account_id, currency FROM accounts WHERE type = 'checking'").all() as {
        id: number;
        provider_account_id: string;
        currency: string;
      }[];
      const all = allCandidates(sqlite);
      const daily = sqlite
        .prepare(
          `SELECT account_id, date, amount_cents, id FROM transactions
           WHERE removed = 0 AND pending = 0 AND amount_cents < 0 AND transfer_id IS NULL`,
        )
        .all() as { account_id: number; date: string; amount_cents: number; id: number }[];
      for (let back = 60; back <= DAYS - 200; back += 30) {
        const today = addDays(NOW.slice(0, 10), -back);
        const streams = detectStreams(
          all.filter((r) => r.date < today),
          today,
        ).filter((s) => s.status !== 'ended');
        const inStreams = new Set(streams.flatMap((s) => s.transactionIds));
        const dates = new Map(all.map((r) => [r.id, r.date]));
        const items = upcomingItems(
          streams.map((s, i) => ({ ...s, id: i + 1, dates: s.transactionIds.map((id) => dates.get(id)!) })),
          today,
          HORIZON,
        );
        const from = addDays(today, -84);
        const to = addDays(today, -1);
        for (const a of accounts) {
          const account = sim.get(a.provider_account_id)!;
          const totals = new Map<string, number>();
          for (const r of daily)
            if (r.account_id === a.id && r.date >= from && r.date <= to && !inStreams.has(r.id))
              totals.set(r.date, (totals.get(r.date) ?? 0) + r.amount_cents);
          const startMs = Date.parse(`${today}T00:00:00Z`);
          const balance = ledger.balanceAt(account, startMs - 1);
          const projected = project({ id: a.id, balanceCents: balance }, items, weekdayRates(totals, from, to), today, HORIZON);
          let actual = balance;
          for (let d = 0; d <= HORIZON; d++) actual = Math.min(actual, ledger.balanceAt(account, startMs + (d + 1) * DAY_MS - 1));
          errors.push(Math.abs(projected.lowCents - actual));
        }
      }
    } finally {
      sqlite.close();
    }
    const sorted = [...errors].sort((x, y) => x - y);
    const median = sorted[sorted.length >> 1]!;
    const p90 = sorted[Math.floor(sorted.length * 0.9)]!;
    console.log(
      `projected 30-day low of checking vs what came, ${errors.length} projections over ${DAYS} days (seed ${SEED}): ` +
        `median error ${(median / 100).toFixed(2)}, 90th percentile ${(p90 / 100).toFixed(2)} (in the account's currency)`,
    );
    expect(errors.length).toBeGreaterThan(40);
  }, 120_000);
});
