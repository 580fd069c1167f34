import { describe, expect, it } from 'vitest';
import { isValidDate } from '../../../src/core/dates';

/** What isValidDate said when it asked a Date: the digits must come back as they went in. */
function byDate(text: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

const pad = (n: number, width: number) => String(n).padStart(width, '0');

describe('isValidDate, by arithmetic', () => {
  it('agrees with the calendar of Date on every month and day number of years at the edges', () => {
    const wrong: string[] = [];
    for (const y of [0, 1, 50, 99, 100, 1582, 1600, 1700, 1900, 2000, 2023, 2024, 2100, 2400, 9999])
      for (let m = 0; m < 100; m++)
        for (let d = 0; d < 100; d++) {
          const text = `${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}`;
          if (isValidDate(text) !== byDate(text)) wrong.push(text);
        }
    expect(wrong).toEqual([]);
  });

  it('takes nothing but YYYY-MM-DD in ASCII digits', () => {
    for (const text of ['', '2024-1-01', '2024-01-01\n', '2024-01-01T00:00', '٢٠٢٤-٠١-٠١', ' 2024-01-01', '2024/01/01'])
      expect(isValidDate(text)).toBe(false);
    expect(isValidDate('2024-02-29')).toBe(true);
    expect(isValidDate('2023-02-29')).toBe(false);
  });
});
