import { describe, expect, it } from 'vitest';
import { SIM_BANK_IDS } from '../../../src/providers/sim/banks';
import { isBusinessDay } from '../../../src/providers/sim/business-days';
import { civilFromDay, daysInMonth, isoDate, weekday } from '../../../src/providers/sim/calendar';
import { stateAt, type SimEvent } from '../../../src/providers/sim/event';
import { CARD_LIMIT, CES_2023_MONTHLY } from '../../../src/providers/sim/household';
import { recurringStreams, transferPairs } from '../../../src/providers/sim/truth';
import { SimWorld } from '../../../src/providers/sim/world';

/**
 * The simulated banks as one household (household.ts): its money per month against the
 * Consumer Expenditure Survey, balances over ten years, its volume, its calendar, and the
 * moves between its own accounts. Over several seeds, so no property holds by luck.
 */
const NOW = Date.parse('2026-11-23T12:00:00Z');
const SEEDS = [1, 7, 42, 2026];
const DAY_MS = 86_400_000;

interface Book {
  world: SimWorld;
  events: SimEvent[];
}

/** Every event of every account over `days` before NOW, posted by NOW or not. */
function books(seed: number, days: number, daily = 2): Map<string, Book> {
  const out = new Map<string, Book>();
  for (const bank of SIM_BANK_IDS) {
    const world = new SimWorld(bank, seed, { historyDays: days, daily });
    const { firstDay, today } = world.window(NOW);
    for (const account of world.accounts) {
      const events: SimEvent[] = [];
      world.scan(account, firstDay, today, (e) => void events.push(e));
      out.set(account.key, { world, events });
    }
  }
  return out;
}

const month = (e: SimEvent) => isoDate(civilFromDay(e.day)).slice(0, 7);
const ownMoves = (e: SimEvent) => e.pair !== null;

/** Spending of the US accounts by CES line and month: money out that is not a move between own accounts. */
function spendingByMonth(book: Map<string, Book>): Map<string, Map<string, number>> {
  const line: Record<string, string> = {
    groceries: 'groceries',
    dining: 'dining',
    home: 'housing',
    utilities: 'housing',
    gas: 'gas',
    health: 'health',
    entertainment: 'entertainment',
    subscriptions: 'entertainment',
  };
  const out = new Map<string, Map<string, number>>();
  for (const { events } of book.values()) {
    for (const e of events) {
      if (e.account.currency !== 'USD' || e.amountCents >= 0 || ownMoves(e) || e.cancelMs !== Infinity) continue;
      // Planted anomalies (a spike, a huge purchase) are the exception on purpose.
      if (e.planted !== null && e.recurring === null) continue;
      const m = out.get(month(e)) ?? new Map<string, number>();
      const key = line[e.category];
      if (key) m.set(key, (m.get(key) ?? 0) - e.postedCents);
      m.set('total', (m.get('total') ?? 0) - e.postedCents);
      out.set(month(e), m);
    }
  }
  return out;
}

describe('the simulated household', () => {
  it.each(SEEDS)('spends like the CES 2023 average household, per category and month (seed %i)', (seed) => {
    const byMonth = spendingByMonth(books(seed, 3 * 365));
    // Whole months only.
    const months = [...byMonth.keys()].sort().slice(1, -1);
    expect(months.length).toBeGreaterThanOrEqual(34);
    const lines = ['groceries', 'dining', 'housing', 'gas', 'health', 'entertainment', 'total'] as const;
    const ces: Record<(typeof lines)[number], number> = { ...CES_2023_MONTHLY };
    for (const key of lines) {
      const values = months.map((m) => byMonth.get(m)?.get(key) ?? 0);
      const average = values.reduce((a, b) => a + b, 0) / values.length;
      expect(average, `${key} a month on average`).toBeGreaterThan(0.5 * ces[key]);
      expect(average, `${key} a month on average`).toBeLessThan(2 * ces[key]);
      // Month by month too: housing and the total every month; groceries, a few trips a
      // week, in nearly every month (a month of a handful of trips is a real month).
      const inRange = values.filter((v) => v > 0.5 * ces[key] && v < 2 * ces[key]).length;
      if (key === 'housing' || key === 'total') expect(inRange, `${key} months in range`).toBe(values.length);
      if (key === 'groceries') expect(inRange, `${key} months in range`).toBeGreaterThanOrEqual(0.85 * values.length);
    }
  });

  it.each(SEEDS)('keeps plausible balances over ten years, and they add up (seed %i)', (seed) => {
    for (const bank of SIM_BANK_IDS) {
      const world = new SimWorld(bank, seed, { historyDays: 3650, daily: 2 });
      const { firstDay, today } = world.window(NOW);
      const start = world.dayStartMs(firstDay);
      for (const account of world.accounts) {
        const opening = world.balanceAt(account, start);
        const posted: SimEvent[] = [];
        world.scan(account, firstDay - 6, today, (e) => {
          if (stateAt(e, NOW) === 'posted' && e.settleMs > start) posted.push(e);
        });
        posted.sort((a, b) => a.settleMs - b.settleMs);
        let balance = opening;
        let low = opening;
        let high = opening;
        for (const e of posted) {
          balance += e.postedCents;
          low = Math.min(low, balance);
          high = Math.max(high, balance);
        }
        // The balance the bank reports is the opening plus every posting since.
        expect(world.balanceAt(account, NOW), account.key).toBe(balance);
        if (account.type === 'checking') expect(low, `${account.key} lowest`).toBeGreaterThan(-500_00);
        if (account.type === 'credit') {
          const limit = account.bank === 'banka' ? CARD_LIMIT.lenaVisa : CARD_LIMIT.danielMastercard;
          expect(low, `${account.key} most owed`).toBeGreaterThan(-limit);
          expect(high, `${account.key} never in credit by much`).toBeLessThan(100_00);
        }
        if (account.type === 'savings') {
          expect(low, `${account.key} lowest`).toBeGreaterThan(0);
          expect(balance, `${account.key} grows over ten years`).toBeGreaterThan(opening);
        }
      }
    }
  });

  it('makes about 2 to 6 transactions a day across its accounts by default', () => {
    for (const seed of SEEDS) {
      const book = books(seed, 365);
      const count = [...book.values()].reduce((s, b) => s + b.events.length, 0);
      expect(count / 365).toBeGreaterThan(2);
      expect(count / 365).toBeLessThan(6);
    }
  });

  it('scales everyday purchases with FINAGG_SIM_DAILY, and only them, at the same money', () => {
    const everyday = (e: SimEvent) => e.recurring === null && e.pair === null && e.planted === null;
    const small = books(3, 365, 2);
    const large = books(3, 365, 40);
    const count = (b: Map<string, Book>, keep: (e: SimEvent) => boolean) =>
      [...b.values()].reduce((s, x) => s + x.events.filter(keep).length, 0);
    const ratio = count(large, everyday) / count(small, everyday);
    expect(ratio).toBeGreaterThan(17);
    expect(ratio).toBeLessThan(23);
    expect(count(large, (e) => !everyday(e) && e.planted === null)).toBe(count(small, (e) => !everyday(e) && e.planted === null));
    const spent = (b: Map<string, Book>) =>
      [...spendingByMonth(b).values()].reduce((s, m) => s + (m.get('groceries') ?? 0) + (m.get('dining') ?? 0), 0);
    expect(spent(large) / spent(small)).toBeGreaterThan(0.85);
    expect(spent(large) / spent(small)).toBeLessThan(1.15);
  });

  it('is paid on business days: Lena semi-monthly, Daniel every other Friday', () => {
    for (const seed of SEEDS) {
      const streams = recurringStreams({ seed, historyDays: 730, daily: 2, nowMs: NOW });
      const lena = streams.find((s) => s.id === 'banka-checking/payroll');
      const daniel = streams.find((s) => s.id === 'bankb-checking/payroll');
      expect(lena?.cadence).toBe('semi-monthly');
      expect(daniel?.cadence).toBe('biweekly');
      expect(lena!.events.length).toBeGreaterThanOrEqual(47);
      for (const e of [...lena!.events, ...daniel!.events])
        expect(isBusinessDay(e.day, 'us'), isoDate(civilFromDay(e.day))).toBe(true);
      for (const e of lena!.events) {
        const { year, month: m, day } = civilFromDay(e.day);
        const nominal = day <= 15 ? 15 : daysInMonth(year, m);
        // The nominal day, or the last business day before it (a weekend, a holiday).
        expect(day).toBeLessThanOrEqual(nominal);
        expect(nominal - day).toBeLessThanOrEqual(4);
      }
      const gaps = daniel!.events.slice(1).map((e, i) => e.day - daniel!.events[i]!.day);
      expect(gaps.every((g) => g >= 10 && g <= 18)).toBe(true);
      expect(daniel!.events.filter((e) => weekday(e.day) === 5).length).toBeGreaterThan(daniel!.events.length * 0.9);
    }
  });

  it('pays rent on the 1st, bills monthly with varying utilities, subscriptions on fixed days, yearly charges once a year', () => {
    for (const seed of SEEDS) {
      const streams = recurringStreams({ seed, historyDays: 730, daily: 2, nowMs: NOW });
      const get = (id: string) => streams.find((s) => s.id === id)!;
      const rent = get('banka-checking/rent');
      expect(rent.events.length).toBeGreaterThanOrEqual(24);
      expect(rent.events.every((e) => civilFromDay(e.day).day === 1)).toBe(true);
      const power = get('banka-checking/power');
      expect(new Set(power.events.map((e) => e.amountCents)).size).toBeGreaterThan(power.events.length / 2);
      expect(get('banka-checking/water').cadence).toBe('quarterly');
      expect(get('banka-checking/renters-insurance').events.length).toBe(2);
      expect(get('banka-checking/renters-insurance').cadence).toBe('annually');
      const netflix = get('banka-credit/netflix');
      expect(netflix.events.every((e) => civilFromDay(e.day).day === 7)).toBe(true);
      // Over two years some flat price goes up and stays up (a planted raise).
      const raised = streams.filter((s) => s.events.some((e) => e.planted?.type === 'price_increase'));
      expect(raised.length).toBeGreaterThan(0);
      // One streaming service is cancelled and the next one starts (the rotation of bills.ts).
      const streaming = streams.filter((s) => /^banka-credit\/(hulu|max|disney-plus|paramount-plus|peacock)-/.test(s.id));
      expect(streaming.length).toBeGreaterThanOrEqual(2);
      const ended = streaming.filter((s) => s.events.at(-1)!.day < NOW / DAY_MS - 40);
      expect(ended.length).toBeGreaterThanOrEqual(1);
      // A bill is paid late once in each twelve months, ten days on, with the biller's fee.
      const lateOnes = ['internet', 'power', 'phone'].flatMap((key) => {
        const events = get(`banka-checking/${key}`).events;
        const days = events.map((e) => civilFromDay(e.day).day);
        const usual = days.slice().sort((a, b) => a - b)[Math.floor(days.length / 2)]!;
        return events.filter((_, i) => Math.abs(days[i]! - usual) >= 8);
      });
      const lateDates = lateOnes.map((e) => isoDate(civilFromDay(e.day)));
      expect(lateOnes.length, lateDates.join(' ')).toBeGreaterThanOrEqual(1);
      // Two years touch three blocks of twelve months.
      expect(lateOnes.length, lateDates.join(' ')).toBeLessThanOrEqual(3);
    }
  });

  it('moves money between its own accounts: card statements, sweeps to savings and back', () => {
    for (const seed of SEEDS) {
      const options = { seed, historyDays: 730, daily: 2, nowMs: NOW };
      const pairs = transferPairs(options);
      const cards = pairs.filter((p) => p.kind === 'card-payment');
      // Two cards, 24 months each (the first and last may fall outside the window).
      expect(cards.length).toBeGreaterThanOrEqual(44);
      for (const p of [...pairs]) {
        expect(p.out.amountCents).toBe(-p.in.amountCents);
        expect(p.out.account.key).not.toBe(p.in.account.key);
        expect(p.out.account.currency).toBe(p.in.account.currency);
        // The same day, or the next business day at the other bank (a weekend and a holiday between).
        expect(p.in.day - p.out.day).toBeGreaterThanOrEqual(-4);
        expect(p.in.day - p.out.day).toBeLessThanOrEqual(4);
        expect(p.out.descriptor).not.toBe(p.in.descriptor);
      }
      for (const p of cards) {
        // Paid from checking a few days after the statement, the card shows it a day later.
        expect(p.out.account.type).toBe('checking');
        expect(p.in.day - p.out.day).toBe(1);
        expect(p.in.amountCents).toBeGreaterThan(0);
      }
      const bySweep = (key: string) => pairs.filter((p) => p.id.startsWith(`sweep:${key}:`));
      expect(bySweep('savings-sweep').length).toBeGreaterThanOrEqual(23);
      expect(bySweep('share').length).toBeGreaterThanOrEqual(23);
      expect(bySweep('tagesgeld-sweep').length).toBeGreaterThanOrEqual(23);
      // Money comes back from the Tagesgeld after a stay in Berlin.
      expect(bySweep('tagesgeld-sweep').some((p) => p.out.account.type === 'savings')).toBe(true);
    }
  });

  it('pays each card its statement balance: what posted to it between two statements', () => {
    const world = new SimWorld('banka', 42, { historyDays: 400, daily: 2 });
    const card = world.accounts.find((a) => a.type === 'credit')!;
    const pairs = transferPairs({ seed: 42, historyDays: 400, daily: 2, nowMs: NOW }).filter(
      (p) => p.in.account.key === card.key,
    );
    const [previous, current] = pairs.slice(-2);
    const events: SimEvent[] = [];
    world.scan(card, previous!.in.day - 40, current!.in.day, (e) => void events.push(e));
    // Statement days are the 10th: the cycle ends at the midnight after it.
    const closeEnd = (p: typeof previous) => {
      const { year, month: m } = civilFromDay(p!.in.day);
      return world.dayStartMs(world.dayOf(Date.UTC(year, m - 1, 11, 12)));
    };
    const charges = events
      .filter((e) => e.pair === null && e.settleMs > closeEnd(previous) && e.settleMs < closeEnd(current))
      .reduce((s, e) => s + e.postedCents, 0);
    expect(current!.in.amountCents).toBe(-charges);
  });

  it('sends money out of the household too: Zelle, Venmo, cash, the Dauerauftrag to Lena’s mother', () => {
    const book = books(42, 365);
    const all = [...book.values()].flatMap((b) => b.events);
    const names = new Set(all.filter((e) => e.amountCents < 0 && e.pair === null).map((e) => e.merchant));
    for (const name of ['Zelle', 'Venmo', 'ATM', 'Ingrid Berg', 'Geldautomat']) expect(names.has(name), name).toBe(true);
  });

  it('is the same world for the same seed, another for another seed', () => {
    const a = books(5, 60);
    const b = books(5, 60);
    const c = books(6, 60);
    const text = (m: Map<string, Book>) => JSON.stringify([...m.values()].map((x) => x.events));
    expect(text(a)).toBe(text(b));
    expect(text(a)).not.toBe(text(c));
  });
});
