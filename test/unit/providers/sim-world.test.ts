import { describe, expect, it } from 'vitest';
import { stateAt, type SimEvent } from '../../../src/providers/sim/event';
import { SimWorld } from '../../../src/providers/sim/world';
import { BERLIN_NOW, NOW } from './support';

const config = { historyDays: 365, daily: 4 };

describe('the simulated world', () => {
  it('has seven accounts: BankA three, BankB two with a card, BankC two in EUR', () => {
    const accounts = (['banka', 'bankb', 'bankc'] as const).map((bank) => new SimWorld(bank, 1, config).accounts);
    expect(accounts.map((list) => list.map((a) => `${a.type}/${a.currency}`))).toEqual([
      ['checking/USD', 'savings/USD', 'credit/USD'],
      ['checking/USD', 'credit/USD'],
      ['checking/EUR', 'savings/EUR'],
    ]);
  });

  it('counts a day without generating it, exactly', () => {
    const world = new SimWorld('banka', 5, { historyDays: 60, daily: 40 });
    const { firstDay, today } = world.window(NOW);
    for (const account of world.accounts) {
      for (let day = firstDay; day <= today; day++)
        expect(world.eventCount(account, day)).toBe(world.eventsOn(account, day).length);
    }
  });

  it('generates a day the same whatever the history length or the clock', () => {
    const short = new SimWorld('bankc', 9, { historyDays: 10, daily: 4 });
    const long = new SimWorld('bankc', 9, { historyDays: 3650, daily: 4 });
    const account = short.accounts[0];
    const day = short.dayOf(NOW) - 3;
    if (!account) throw new Error('no account');
    expect(JSON.stringify(long.eventsOn(account, day))).toBe(JSON.stringify(short.eventsOn(account, day)));
  });

  it('keeps a day in time order, within its bank-local day', () => {
    const world = new SimWorld('bankb', 3, config);
    for (const account of world.accounts) {
      const day = world.dayOf(NOW) - 10;
      const events = world.eventsOn(account, day);
      for (let i = 0; i < events.length; i++) {
        const event = events[i] as SimEvent;
        expect(event.seq).toBe(i);
        expect(world.dayOf(event.authMs)).toBe(day);
        if (i > 0) expect(event.authMs).toBeGreaterThanOrEqual((events[i - 1] as SimEvent).authMs);
      }
    }
  });

  it('makes FINAGG_SIM_DAILY everyday purchases a day across the household between stays in Berlin', () => {
    let everyday = 0;
    // September to November: the household is at home.
    const days = 80;
    const home = Date.parse('2026-11-20T12:00:00Z');
    for (const bank of ['banka', 'bankb', 'bankc'] as const) {
      const world = new SimWorld(bank, 11, { historyDays: days, daily: 20 });
      const { firstDay, today } = world.window(home);
      for (const account of world.accounts) {
        for (let day = firstDay; day <= today; day++) {
          everyday += world
            .eventsOn(account, day)
            .filter((e) => e.recurring === null && e.pair === null && e.planted === null).length;
        }
      }
    }
    expect(everyday / days).toBeGreaterThan(20 * 0.9);
    expect(everyday / days).toBeLessThan(20 * 1.1);
  });

  it('now and then has two identical purchases on the same day', () => {
    const world = new SimWorld('banka', 42, { historyDays: 365, daily: 20 });
    const { firstDay, today } = world.window(NOW);
    const twins: SimEvent[] = [];
    for (const account of world.accounts) {
      world.scan(account, firstDay, today, (event) => {
        if (event.twinOf !== null) twins.push(event);
      });
    }
    expect(twins.length).toBeGreaterThan(3);
    for (const twin of twins) {
      const first = world.eventsOn(twin.account, twin.day)[twin.twinOf ?? -1];
      expect(first).toMatchObject({ amountCents: twin.amountCents, descriptor: twin.descriptor, merchant: twin.merchant });
      expect(first?.id).not.toBe(twin.id);
    }
  });

  it('has pay on the 1st and 15th, rent monthly, subscriptions at fixed prices until a planted raise', () => {
    const world = new SimWorld('banka', 42, config);
    const { firstDay, today } = world.window(NOW);
    const byRule = new Map<string, SimEvent[]>();
    for (const account of world.accounts) {
      world.scan(account, firstDay, today, (event) => {
        if (event.recurring) byRule.set(event.recurring, [...(byRule.get(event.recurring) ?? []), event]);
      });
    }
    const payroll = byRule.get('payroll') ?? [];
    expect(payroll.length).toBeGreaterThanOrEqual(23);
    expect(payroll.every((e) => e.category === 'income' && e.amountCents > 0)).toBe(true);
    const netflix = byRule.get('netflix') ?? [];
    expect(netflix[0]?.amountCents).toBe(-1549);
    // The price changes only where a price increase is planted, and then goes up.
    netflix.slice(1).forEach((e, i) => {
      const before = (netflix[i] as SimEvent).amountCents;
      if (e.planted?.type === 'price_increase') expect(e.amountCents).toBeLessThan(before);
      else expect(e.amountCents).toBe(before);
    });
    expect((byRule.get('rent') ?? []).length).toBeGreaterThanOrEqual(11);
  });

  it('shows both sides of every move between own accounts with the same amount, once each', () => {
    const sides = new Map<string, SimEvent[]>();
    for (const bank of ['banka', 'bankb', 'bankc'] as const) {
      const world = new SimWorld(bank, 42, config);
      const { firstDay, today } = world.window(NOW);
      for (const account of world.accounts) {
        world.scan(account, firstDay, today, (e) => {
          if (e.pair !== null && e.channel !== 'interest') sides.set(e.pair, [...(sides.get(e.pair) ?? []), e]);
        });
      }
    }
    // Card payments of two cards, three sweeps, for about twelve months each.
    expect(sides.size).toBeGreaterThanOrEqual(5 * 11);
    const complete = [...sides.values()].filter((list) => list.length === 2);
    expect(complete.length).toBeGreaterThanOrEqual(sides.size - 5);
    for (const [a, b] of complete) {
      expect(a!.amountCents + b!.amountCents).toBe(0);
      expect(a!.account.key).not.toBe(b!.account.key);
    }
    expect([...sides.values()].every((list) => list.length <= 2)).toBe(true);
  });

  it('sums a day’s postings without making its events, to the cent', () => {
    for (const bank of ['banka', 'bankb', 'bankc'] as const) {
      for (const seed of [1, 42]) {
        const world = new SimWorld(bank, seed, { historyDays: 60, daily: 30 });
        const { firstDay, today } = world.window(BERLIN_NOW);
        for (const account of world.accounts) {
          for (let day = firstDay; day <= today; day++) {
            const light: [number, number][] = [];
            world.ledger.postingsOn(account, day, (settleMs, cents) => void light.push([settleMs, cents]));
            const full = world
              .eventsOn(account, day)
              .filter((e) => e.pair === null)
              .map((e) => [e.settleMs, e.postedCents]);
            expect(light).toEqual(full);
          }
        }
      }
    }
  });

  it('finds the ground truth of an event by its id', () => {
    const world = new SimWorld('bankc', 42, config);
    const account = world.accounts[0];
    if (!account) throw new Error('no account');
    const event = world.eventsOn(account, world.dayOf(NOW) - 2)[1];
    expect(event && world.findEvent(event.id)).toEqual(event);
    expect(world.findEvent('bankc-checking/x/1')).toBeUndefined();
  });

  it('moves events from pending to posted as time passes', () => {
    const world = new SimWorld('banka', 42, config);
    const account = world.accounts[2];
    if (!account) throw new Error('no account');
    const card = world.eventsOn(account, world.dayOf(NOW) - 1).find((e) => e.channel === 'card');
    if (!card) throw new Error('no card purchase');
    expect(stateAt(card, card.authMs - 1)).toBe('invisible');
    expect(stateAt(card, card.authMs)).toBe('pending');
    expect(stateAt(card, card.settleMs)).toBe('posted');
    const days = (card.settleMs - card.authMs) / 86_400_000;
    expect(days).toBeGreaterThan(0);
    expect(days).toBeLessThan(6);
  });

  it('gives plausible balances fixed by seed and clock', () => {
    const world = new SimWorld('banka', 42, config);
    const again = new SimWorld('banka', 42, config);
    const [checking, savings, credit] = world.accounts;
    if (!checking || !savings || !credit) throw new Error('accounts missing');
    expect(world.balanceAt(checking, NOW)).toBe(again.balanceAt(checking, NOW));
    expect(world.balanceAt(checking, NOW)).toBeGreaterThan(0);
    expect(world.balanceAt(savings, NOW)).toBeGreaterThan(0);
    expect(world.balanceAt(credit, NOW)).toBeLessThan(0);
  });
});
