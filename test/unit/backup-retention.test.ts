import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_KEEP,
  backupName,
  backupTime,
  formatKeepPolicy,
  isoWeek,
  parseKeepPolicy,
  selectToKeep,
  type KeepPolicy,
} from '../../src/core/backups/retention';
import { addDays } from '../../src/core/dates';

/** The backup name for a UTC date (`YYYY-MM-DD`) and time (`HHMMSS`). */
const at = (date: string, time = '120000') => `finagg-${date.replace(/-/g, '')}-${time}.tar.age`;
/** One backup at noon on each day from `first` to `last`, oldest first. */
const daily = (first: string, last: string) => {
  const names: string[] = [];
  for (let d = first; d <= last; d = addDays(d, 1)) names.push(at(d));
  return names;
};
const policy = (daily: number, weekly: number, monthly: number): KeepPolicy => ({ daily, weekly, monthly });

describe('selectToKeep: one backup a day from 2025-10-01 to Monday 2026-11-23', () => {
  const names = daily('2025-10-01', '2026-11-23');
  // Worked out with a calendar: 2026-11-23 is a Monday, so the week it starts has only it.
  const sevenDays = ['2026-11-23', '2026-11-22', '2026-11-21', '2026-11-20', '2026-11-19', '2026-11-18', '2026-11-17'].map((d) =>
    at(d),
  );
  const fourWeeks = ['2026-11-23', '2026-11-22', '2026-11-15', '2026-11-08'].map((d) => at(d));
  const twelveMonths = [
    '2026-11-23',
    '2026-10-31',
    '2026-09-30',
    '2026-08-31',
    '2026-07-31',
    '2026-06-30',
    '2026-05-31',
    '2026-04-30',
    '2026-03-31',
    '2026-02-28',
    '2026-01-31',
    '2025-12-31',
  ].map((d) => at(d));

  it('has 419 backups to choose from', () => {
    expect(names).toHaveLength(419);
    expect(names[0]).toBe('finagg-20251001-120000.tar.age');
    expect(names.at(-1)).toBe('finagg-20261123-120000.tar.age');
  });

  it('7d keeps the seven newest days', () => {
    expect(selectToKeep(names, policy(7, 0, 0)).keep).toEqual(sevenDays);
  });

  it('4w keeps the newest backup of each of the four newest ISO weeks', () => {
    expect(selectToKeep(names, policy(0, 4, 0)).keep).toEqual(fourWeeks);
  });

  it('12m keeps the last day of each of the eleven months before this one, and today', () => {
    expect(selectToKeep(names, policy(0, 0, 12)).keep).toEqual(twelveMonths);
  });

  it('the default keeps exactly the union of the three, newest first, and removes the rest newest first', () => {
    const { keep, remove } = selectToKeep(names, DEFAULT_KEEP);
    expect(keep).toEqual([
      ...sevenDays,
      at('2026-11-15'),
      at('2026-11-08'),
      at('2026-10-31'),
      at('2026-09-30'),
      at('2026-08-31'),
      at('2026-07-31'),
      at('2026-06-30'),
      at('2026-05-31'),
      at('2026-04-30'),
      at('2026-03-31'),
      at('2026-02-28'),
      at('2026-01-31'),
      at('2025-12-31'),
    ]);
    expect(remove).toHaveLength(419 - 20);
    expect(remove[0]).toBe(at('2026-11-16'));
    expect(remove.at(-1)).toBe(at('2025-10-01'));
    expect(remove).toEqual([...names].reverse().filter((n) => !keep.includes(n)));
  });

  it('0 daily keeps no extra dailies: only the weekly and monthly ones', () => {
    const { keep } = selectToKeep(names, policy(0, 4, 12));
    expect(keep).toEqual([...new Set([...fourWeeks, ...twelveMonths])].sort().reverse());
    expect(keep).toHaveLength(15);
    for (const d of ['2026-11-21', '2026-11-20', '2026-11-19', '2026-11-18', '2026-11-17']) expect(keep).not.toContain(at(d));
  });

  it('does not depend on the order the folder lists them in', () => {
    const shuffled = names.map((n, i) => ({ n, k: (i * 7919) % 419 })).sort((a, b) => a.k - b.k);
    expect(shuffled.map((s) => s.n)).not.toEqual(names);
    expect(
      selectToKeep(
        shuffled.map((s) => s.n),
        DEFAULT_KEEP,
      ),
    ).toEqual(selectToKeep(names, DEFAULT_KEEP));
  });
});

describe('selectToKeep: what a person expects', () => {
  it('keeps only the newest of several backups on one day', () => {
    const names = daily('2026-03-01', '2026-03-10').flatMap((n) => [
      n.replace('120000', '010000'),
      n,
      n.replace('120000', '235959'),
    ]);
    const { keep, remove } = selectToKeep(names, policy(3, 0, 0));
    expect(keep).toEqual([at('2026-03-10', '235959'), at('2026-03-09', '235959'), at('2026-03-08', '235959')]);
    expect(remove).toContain(at('2026-03-10', '120000'));
    expect(remove).toContain(at('2026-03-10', '010000'));
    expect(remove).toHaveLength(30 - 3);
  });

  it('counts days that have a backup, not calendar days: a week away still leaves seven backups', () => {
    const names = [...daily('2026-06-01', '2026-06-10'), ...daily('2026-06-25', '2026-06-27')];
    expect(selectToKeep(names, policy(7, 0, 0)).keep).toEqual(
      ['2026-06-27', '2026-06-26', '2026-06-25', '2026-06-10', '2026-06-09', '2026-06-08', '2026-06-07'].map((d) => at(d)),
    );
  });

  it('always keeps the newest backup, even under 1m alone', () => {
    const names = [...daily('2026-01-01', '2026-02-03'), at('2026-02-03', '180000')];
    expect(selectToKeep(names, policy(0, 0, 1))).toEqual({
      keep: [at('2026-02-03', '180000')],
      remove: [at('2026-02-03'), ...daily('2026-01-01', '2026-02-02').reverse()],
    });
  });

  it('a policy of all zeros deletes nothing (as restic does with no policy)', () => {
    const names = daily('2026-01-01', '2026-01-20');
    expect(selectToKeep(names, policy(0, 0, 0))).toEqual({ keep: [...names].reverse(), remove: [] });
  });

  it('never puts a file that is not a backup in either list', () => {
    const strangers = [
      'notes.txt',
      'daily-2026-01-05.db',
      'finagg-20260105-120000.db',
      'finagg-20260105-120000.tar.age.tmp',
      'finagg-20260105-120000.tar.age.partial',
      'FINAGG-20260105-120000.TAR.AGE',
      'finagg-20260230-120000.tar.age',
      'finagg-20260105-240000.tar.age',
      'copy of finagg-20260105-120000.tar.age',
    ];
    const backups = daily('2026-01-01', '2026-01-10');
    const { keep, remove } = selectToKeep([...strangers, ...backups], policy(1, 0, 0));
    expect(keep).toEqual([at('2026-01-10')]);
    expect(remove).toEqual(backups.slice(0, -1).reverse());
    for (const s of strangers) {
      expect(remove).not.toContain(s);
      expect(keep).not.toContain(s);
    }
  });

  it('a name listed twice is kept, never both kept and removed', () => {
    const names = [at('2026-01-02'), at('2026-01-01'), at('2026-01-02')];
    expect(selectToKeep(names, policy(1, 0, 0))).toEqual({ keep: [at('2026-01-02')], remove: [at('2026-01-01')] });
  });

  it('the week across New Year is one week: Monday 2025-12-29 to Sunday 2026-01-04', () => {
    const names = daily('2025-12-22', '2026-01-11');
    // Counting weeks within the calendar year would make 29 to 31 December a week of its own and keep the 31st.
    expect(selectToKeep(names, policy(0, 3, 0)).keep).toEqual([at('2026-01-11'), at('2026-01-04'), at('2025-12-28')]);
  });
});

describe('isoWeek', () => {
  const week = (date: string) => isoWeek(Date.parse(`${date}T12:00:00Z`));

  it('puts the days around New Year in the week of their Thursday', () => {
    expect(week('2025-12-28')).toBe('2025-W52');
    expect(week('2025-12-29')).toBe('2026-W01');
    expect(week('2026-01-01')).toBe('2026-W01');
    expect(week('2026-01-04')).toBe('2026-W01');
    expect(week('2026-01-05')).toBe('2026-W02');
    expect(week('2024-12-31')).toBe('2025-W01');
    expect(week('2021-01-01')).toBe('2020-W53');
    expect(week('2021-01-04')).toBe('2021-W01');
    expect(week('2026-11-23')).toBe('2026-W48');
  });

  it('starts each week on a Monday at 00:00 UTC', () => {
    expect(isoWeek(Date.parse('2026-11-22T23:59:59Z'))).toBe('2026-W47');
    expect(isoWeek(Date.parse('2026-11-23T00:00:00Z'))).toBe('2026-W48');
  });

  it('from 1999 to 2031: seven days share a week, the next Monday starts another, and 4 January is always in week 1', () => {
    let monday = '1999-01-04'; // a Monday
    while (monday < '2031-12-31') {
      const w = week(monday);
      for (let i = 1; i < 7; i++) expect(week(addDays(monday, i))).toBe(w);
      expect(week(addDays(monday, 7))).not.toBe(w);
      if (monday.endsWith('-01-04') || (monday.slice(5) >= '12-29' && monday.slice(5) <= '12-31')) expect(w).toMatch(/-W01$/);
      monday = addDays(monday, 7);
    }
    for (let y = 1999; y <= 2031; y++) expect(week(`${y}-01-04`)).toBe(`${y}-W01`);
  });
});

describe('backupName and backupTime', () => {
  const noon = Date.UTC(2026, 10, 23, 12, 0, 0);

  it('names a moment in UTC, to the second', () => {
    expect(backupName(noon)).toBe('finagg-20261123-120000.tar.age');
    expect(backupName(noon + 999)).toBe('finagg-20261123-120000.tar.age');
    expect(backupName(Date.UTC(2026, 0, 2, 3, 4, 5))).toBe('finagg-20260102-030405.tar.age');
  });

  it('reads the moment back from a name', () => {
    expect(backupTime('finagg-20261123-120000.tar.age')).toBe(noon);
    expect(backupTime('finagg-20260102-030405.tar.age')).toBe(Date.UTC(2026, 0, 2, 3, 4, 5));
  });

  it('reads back every name it makes', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: Date.UTC(9999, 11, 31, 23, 59, 59, 999) }), (ms) => {
        expect(backupTime(backupName(ms))).toBe(ms - (ms % 1000));
      }),
    );
  });

  it('accepts 29 February only in leap years', () => {
    expect(backupTime('finagg-20280229-120000.tar.age')).toBe(Date.UTC(2028, 1, 29, 12));
    expect(backupTime('finagg-20000229-120000.tar.age')).toBe(Date.UTC(2000, 1, 29, 12));
    expect(backupTime('finagg-20260229-120000.tar.age')).toBeUndefined();
    expect(backupTime('finagg-21000229-120000.tar.age')).toBeUndefined();
  });

  it.each([
    ['month 13', 'finagg-20261323-120000.tar.age'],
    ['month 00', 'finagg-20260023-120000.tar.age'],
    ['day 00', 'finagg-20261100-120000.tar.age'],
    ['31 April', 'finagg-20260431-120000.tar.age'],
    ['hour 24', 'finagg-20261123-240000.tar.age'],
    ['minute 60', 'finagg-20261123-126000.tar.age'],
    ['second 60', 'finagg-20261123-120060.tar.age'],
    ['no seconds', 'finagg-20261123-1200.tar.age'],
    ['ISO separator', 'finagg-20261123T120000.tar.age'],
    ['upper case', 'FINAGG-20261123-120000.tar.age'],
    ['another extension', 'finagg-20261123-120000.tar'],
    ['a suffix', 'finagg-20261123-120000.tar.age.tmp'],
    ['a trailing newline', 'finagg-20261123-120000.tar.age\n'],
    ['a leading space', ' finagg-20261123-120000.tar.age'],
    ['non-ASCII digits', 'finagg-２０２６1123-120000.tar.age'],
    ['the old daily backup', 'daily-2026-11-23.db'],
    ['empty', ''],
  ])('rejects %s', (_, name) => {
    expect(backupTime(name)).toBeUndefined();
  });

  it('refuses a moment it could not read back', () => {
    expect(() => backupName(Number.NaN)).toThrow(RangeError);
    expect(() => backupName(Date.UTC(10000, 0, 1))).toThrow(RangeError);
  });
});

describe('parseKeepPolicy and formatKeepPolicy', () => {
  it('reads the setting in any order, with spaces around parts, missing parts 0', () => {
    expect(parseKeepPolicy('7d,4w,12m')).toEqual(DEFAULT_KEEP);
    expect(parseKeepPolicy(' 12m , 7d ')).toEqual({ daily: 7, weekly: 0, monthly: 12 });
    expect(parseKeepPolicy('4w')).toEqual({ daily: 0, weekly: 4, monthly: 0 });
    expect(parseKeepPolicy('0d,1000m')).toEqual({ daily: 0, weekly: 0, monthly: 1000 });
    expect(parseKeepPolicy('3D,2W')).toEqual({ daily: 3, weekly: 2, monthly: 0 });
  });

  it.each([
    ['7d,5x', '"5x" is not a count of d, w or m (as in 7d,4w,12m)'],
    ['7', '"7" is not a count of d, w or m (as in 7d,4w,12m)'],
    ['7d;4w', '"7d;4w" is not a count of d, w or m (as in 7d,4w,12m)'],
    ['7d,,4w', 'an empty part is not a count of d, w or m (as in 7d,4w,12m)'],
    ['7d,', 'an empty part is not a count of d, w or m (as in 7d,4w,12m)'],
    ['', 'no counts given (as in 7d,4w,12m)'],
    ['  ', 'no counts given (as in 7d,4w,12m)'],
    ['1001d', '"1001d": the count must be a whole number from 0 to 1000'],
    ['7d,-1w', '"-1w": the count must be a whole number from 0 to 1000'],
    ['1.5m', '"1.5m": the count must be a whole number from 0 to 1000'],
    ['d', '"d": the count must be a whole number from 0 to 1000'],
    ['7d,4w,3d', '"3d" repeats d: give each of d, w and m at most once'],
    ['0d,0w', '"0d,0w" keeps no backups: at least one count must be more than 0'],
  ])('%j is refused with one line naming the bad part', (text, error) => {
    expect(parseKeepPolicy(text)).toEqual({ error });
  });

  it('never throws, and every error is one line', () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        const result = parseKeepPolicy(text);
        if ('error' in result) expect(result.error).not.toMatch(/[\r\n]/);
        else expect(result.daily + result.weekly + result.monthly).toBeGreaterThan(0);
      }),
    );
    expect(parseKeepPolicy('7d,5\nx')).toEqual({ error: '"5\\nx" is not a count of d, w or m (as in 7d,4w,12m)' });
  });

  it('formats the setting back, zero parts left out', () => {
    expect(formatKeepPolicy(DEFAULT_KEEP)).toBe('7d,4w,12m');
    expect(formatKeepPolicy({ daily: 0, weekly: 4, monthly: 0 })).toBe('4w');
    expect(formatKeepPolicy({ daily: 7, weekly: 0, monthly: 12 })).toBe('7d,12m');
  });

  it('round-trips: parse(format(p)) is p, and format(parse(text)) is the tidy text', () => {
    const count = fc.integer({ min: 0, max: 1000 });
    fc.assert(
      fc.property(
        fc.record({ daily: count, weekly: count, monthly: count }).filter((p) => p.daily + p.weekly + p.monthly > 0),
        (p) => {
          expect(parseKeepPolicy(formatKeepPolicy(p))).toEqual(p);
        },
      ),
    );
    const parsed = parseKeepPolicy(' 12m , 7d ');
    expect('error' in parsed ? parsed.error : formatKeepPolicy(parsed)).toBe('7d,12m');
  });

  it('the default is frozen, so no caller can change it for the others', () => {
    expect(Object.isFrozen(DEFAULT_KEEP)).toBe(true);
  });
});
