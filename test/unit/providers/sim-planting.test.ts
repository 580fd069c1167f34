import { describe, expect, it } from 'vitest';
import { SIM_BANK_IDS } from '../../../src/providers/sim/banks';
import { PLANTED_TYPES, stateAt, type SimEvent } from '../../../src/providers/sim/event';
import { plantedAnomalies, type PlantedAnomaly } from '../../../src/providers/sim/planted';
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

describe('planted anomalies', () => {
  it('come at a few per checking or credit account a quarter, every type, none on savings', () => {
    const planted: PlantedAnomaly[] = [1, 2, 3].flatMap((seed) => truth(seed)).filter((a) => !a.natural);
    const accounts = new Set(planted.map((a) => a.bankAccountRef));
    // Three seeds of three checking and two credit accounts.
    expect(accounts.size).toBe(15);
    const perQuarter = planted.length / accounts.size / (config.historyDays / 91);
    expect(perQuarter).toBeGreaterThan(2);
    expect(perQuarter).toBeLessThan(6);
    expect(new Set(planted.map((a) => a.type))).toEqual(new Set(PLANTED_TYPES));
    const savings = SIM_BANK_IDS.flatMap((bank) =>
      new SimWorld(bank, 1, config).accounts.filter((a) => a.type === 'savings').map((a) => a.providerAccountId),
    );
    expect(planted.filter((a) => savings.includes(a.bankAccountRef))).toEqual([]);
  });

  it('come after the ordinary events of their day, and always post with their amount', () => {
    for (const bank of SIM_BANK_IDS) {
      const world = new SimWorld(bank, 7, config);
      const events = plantedEvents(world, config.historyDays);
      expect(events.length).toBeGreaterThan(10);
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
    const short = truth(5).filter((a) => !a.natural && !a.tooEarly);
    const long = new Set(
      truth(5, 730)
        .filter((a) => !a.natural)
        .map(key),
    );
    expect(short.length).toBeGreaterThan(20);
    for (const a of short) expect(long.has(key(a)), key(a)).toBe(true);
  });

  it('name shops never paid before, at most once per account in ten years', () => {
    for (const bank of SIM_BANK_IDS) {
      const world = new SimWorld(bank, 9, config);
      const newShops = plantedEvents(world, 3650).filter((e) => e.planted?.type === 'new_merchant');
      expect(newShops.length).toBeGreaterThan(20);
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
          // BankA's power bill varies month to month; every other bill here has a fixed price.
          if (e.recurring !== 'power' || bank === 'bankc') expect(e.amountCents).toBeLessThanOrEqual(last.get(e.recurring) ?? 0);
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
