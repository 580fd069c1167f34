import { describe, expect, it } from 'vitest';
import { SIM_BANK_IDS } from '../../../src/providers/sim/banks';
import { civilFromDay } from '../../../src/providers/sim/calendar';
import { PLANTED_TYPES, stateAt, type SimEvent } from '../../../src/providers/sim/event';
import { plantedAnomalies, type PlantedAnomaly } from '../../../src/providers/sim/planted';
import { raisable as raisableRule } from '../../../src/providers/sim/price-raises';
import { buildHousehold } from '../../../src/providers/sim/profiles';
import { SimWorld } from '../../../src/providers/sim/world';

const NOW = Date.parse('2026-11-23T18:00:00Z');
const config = { historyDays: 365, daily: 8 };
const truth = (seed: number, historyDays = config.historyDays) =>
  SIM_BANK_IDS.flatMap((bank) => plantedAnomalies({ seed, historyDays, daily: config.daily, nowMs: NOW, bank }));

function plantedEvents(world: SimWorld, days: number): SimEvent[] {
  const found: SimEvent[] = [];
  const today = world.dayOf(NOW);
  for (const account of world.accounts) world.scan(account, today - days + 1, today, (e) => void (e.planted && found.push(e)));
  return found;
}

/** A fixed-price monthly charge (only those get planted raises). */
function raisable(e: SimEvent): boolean {
  const profile = buildHousehold(1, config.daily).find((p) => p.account.key === e.account.key);
  const rule = profile?.rules.find((r) => r.key === e.recurring);
  return rule !== undefined && raisableRule(rule);
}

/** A bill paid ten days after its usual day (recurring.ts), with a fee on top. */
function late(e: SimEvent): boolean {
  const profile = buildHousehold(1, config.daily).find((p) => p.account.key === e.account.key);
  const rule = profile?.rules.find((r) => r.key === e.recurring);
  if (rule?.schedule.kind !== 'monthly' || !rule.canBeLate) return false;
  return Math.abs(civilFromDay(e.day).day - rule.schedule.day) >= 8;
}

describe('planted anomalies', () => {
  it('come at a handful a quarter for the household, every type, none on savings', () => {
    const seeds = [1, 2, 3, 4];
    const planted: PlantedAnomaly[] = seeds.flatMap((seed) => truth(seed)).filter((a) => !a.natural);
    const perQuarter = planted.length / seeds.length / (config.historyDays / 91);
    expect(perQuarter).toBeGreaterThan(2);
    expect(perQuarter).toBeLessThan(9);
    // The four US checking and credit accounts of every seed have some.
    expect(new Set(planted.map((a) => a.bankAccountRef)).size).toBeGreaterThanOrEqual(16);
    expect(new Set(planted.map((a) => a.type))).toEqual(new Set(PLANTED_TYPES));
    const savings = SIM_BANK_IDS.flatMap((bank) =>
      new SimWorld(bank, 1, config).accounts.filter((a) => a.type === 'savings').map((a) => a.providerAccountId),
    );
    expect(planted.filter((a) => savings.includes(a.bankAccountRef))).toEqual([]);
  });

  it('come after the ordinary events of their day, and always post with their amount', () => {
    for (const bank of SIM_BANK_IDS) {
      const world = new SimWorld(bank, 7, config);
      const events = plantedEvents(world, bank === 'bankc' ? 3650 : 730);
      expect(events.length).toBeGreaterThan(bank === 'bankc' ? 2 : 10);
      for (const e of events) {
        expect(e.cancelMs).toBe(Infinity);
        expect(e.postedCents).toBe(e.amountCents);
        if (e.recurring !== null) continue; // a raised price is the day's recurring charge itself
        const day = world.eventsOn(e.account, e.day);
        expect(day.slice(e.seq).every((later) => later.planted !== null)).toBe(true);
        expect(world.dayOf(e.authMs)).toBe(e.day);
        expect(stateAt(e, e.settleMs)).toBe('posted');
      }
    }
  });

  it('are the same whatever the history length: planting goes by the calendar', () => {
    const key = (a: PlantedAnomaly) => `${a.type}|${a.bankAccountRef}|${a.date}|${a.amountCents}|${a.description}`;
    const short = [5, 6].flatMap((seed) => truth(seed).filter((a) => !a.natural && !a.tooEarly));
    const long = new Set(
      [5, 6].flatMap((seed) =>
        truth(seed, 730)
          .filter((a) => !a.natural)
          .map(key),
      ),
    );
    expect(short.length).toBeGreaterThan(15);
    for (const a of short) expect(long.has(key(a)), key(a)).toBe(true);
  });

  it('name shops never paid before, at most once per account in ten years', () => {
    for (const bank of SIM_BANK_IDS) {
      const world = new SimWorld(bank, 9, config);
      const newShops = plantedEvents(world, 3650).filter((e) => e.planted?.type === 'new_merchant');
      // About one a month a year on each account that buys (BankC's only in Berlin).
      expect(newShops.length).toBeGreaterThan(bank === 'bankc' ? 0 : 10);
      for (const account of world.accounts) {
        const names = newShops.filter((e) => e.account === account).map((e) => e.merchant);
        expect(new Set(names).size).toBe(names.length);
        const ordinary = new Set<string>();
        world.scan(
          account,
          world.dayOf(NOW) - 364,
          world.dayOf(NOW),
          (e) => void (e.planted === null && ordinary.add(e.merchant)),
        );
        expect(names.filter((n) => ordinary.has(n))).toEqual([]);
      }
    }
  });

  it('raise a steady price by more than 5% and more than a dollar, and keep it', () => {
    const raises = [1, 2, 3].flatMap((seed) => truth(seed)).filter((a) => a.type === 'price_increase' && !a.natural);
    expect(raises.length).toBeGreaterThan(5);
    for (const a of raises) {
      const was = -(a.related[0] as { amountCents: number }).amountCents;
      expect(-a.amountCents).toBeGreaterThan(was * 1.05);
      expect(-a.amountCents - was).toBeGreaterThan(100);
    }
    // A raised price stays: fixed-price charges never come down.
    for (const bank of SIM_BANK_IDS) {
      const world = new SimWorld(bank, 1, config);
      for (const account of world.accounts) {
        const last = new Map<string, number>();
        world.scan(account, world.dayOf(NOW) - 729, world.dayOf(NOW), (e) => {
          if (e.recurring === null || !['subscriptions', 'utilities', 'health'].includes(e.category)) return;
          // Only flat prices: the power and water bills vary, the health plan follows prices;
          // a bill paid late (ten days on) carries the biller's fee once.
          if (late(e)) return;
          if (raisable(e)) expect(e.amountCents).toBeLessThanOrEqual(last.get(e.recurring) ?? 0);
          last.set(e.recurring, e.amountCents);
        });
      }
    }
  });

  it('lists natural look-alikes too: same-day twins are natural duplicate charges', () => {
    const items = truth(1);
    const naturalDuplicates = items.filter((a) => a.type === 'duplicate_charge' && a.natural);
    expect(naturalDuplicates.some((a) => a.related[0]?.date === a.date && a.related[0]?.description === a.description)).toBe(
      true,
    );
    // A planted anomaly is never listed again as a natural one of its type.
    const spikes = items.filter((a) => a.type === 'category_spike').map((a) => `${a.bankAccountRef}|${a.period}|${a.category}`);
    expect(new Set(spikes).size).toBe(spikes.length);
  });
});
