import { describe, expect, it } from 'vitest';
import { contentKey } from '../../../src/core/content-hash';
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
});
