import { describe, expect, it } from 'vitest';
import { contentKey, OccurrenceCounter } from '../../../src/core/content-hash';
import { carryFetchState, newFetchState, resumeFetchState } from '../../../src/core/fetch-state';

const coffee = (date: string) => ({ date, amountCents: -450, description: 'BALZAC COFFEE' });
const key = (date: string) => contentKey(1, 'bankc', coffee(date));

describe('the fetch state a cursor carries', () => {
  it('goes on counting the days of the last page where they stopped, and forgets the days before', () => {
    const state = newFetchState();
    for (const date of ['2026-08-01', '2026-08-01', '2026-08-02', '2026-08-02', '2026-08-02'])
      state.occurrences.next(key(date), date);
    state.pendingSent.add('p-1');
    const carried = carryFetchState(state, [coffee('2026-08-02')]);
    const resumed = resumeFetchState(carried);
    expect(resumed.occurrences.next(key('2026-08-02'), '2026-08-02')).toBe(3);
    expect(resumed.occurrences.next(key('2026-08-01'), '2026-08-01')).toBe(0);
    expect([...resumed.pendingSent]).toEqual(['p-1']);
  });

  it('starts afresh from nothing carried, or from what it cannot read', () => {
    expect(carryFetchState(newFetchState(), [coffee('2026-08-02')])).toBeNull();
    for (const text of [null, 'not json', '{"v":2}']) {
      const state = resumeFetchState(text);
      expect(state.occurrences.next(key('2026-08-02'), '2026-08-02')).toBe(0);
      expect(state.pendingSent.size).toBe(0);
    }
  });

  it('resumes a cursor saved with the content keys as text (before the counter hashed them)', () => {
    const carried = JSON.stringify({ v: 1, occurrences: [['2026-08-02', key('2026-08-02'), 2]], pendingSent: [] });
    const resumed = resumeFetchState(carried);
    expect(resumed.occurrences.next(key('2026-08-02'), '2026-08-02')).toBe(2);
  });
});

describe('the occurrence counter', () => {
  it('counts 200,000 distinct records of one day apart, and the second occurrence of each as 1', () => {
    const counter = new OccurrenceCounter();
    const keys: string[] = [];
    for (let cents = 1; cents <= 5000; cents++)
      for (let shop = 0; shop < 40; shop++)
        keys.push(contentKey(1, 'banka', { date: '2026-08-02', amountCents: -cents, description: `SHOP ${shop}` }));
    const first = keys.map((k) => counter.next(k, '2026-08-02'));
    const second = keys.map((k) => counter.next(k, '2026-08-02'));
    expect(first.filter((n) => n !== 0)).toEqual([]);
    expect(second.filter((n) => n !== 1)).toEqual([]);
    expect(counter.next(keys[0]!, '2026-08-03')).toBe(0);
  });
});
