import { describe, expect, it } from 'vitest';
import { systemTimeZone } from '../../../src/app/context';
import { localDate, localDateTime } from '../../../src/core/dates';

describe('local dates and times', () => {
  it('agrees between the UTC shortcut and ICU for every UTC name', () => {
    const moment = Date.parse('2026-12-31T23:59:30Z');
    for (const zone of ['UTC', 'Etc/UTC', 'GMT', 'Zulu']) expect(localDateTime(moment, zone)).toBe('2026-12-31 23:59');
    // Europe/London is on UTC in winter but is not UTC: it goes through ICU.
    expect(localDateTime(moment, 'Europe/London')).toBe('2026-12-31 23:59');
    expect(localDateTime(Date.parse('2026-07-01T23:30:00Z'), 'Europe/London')).toBe('2026-07-02 00:30');
  });

  it('writes midnight as 00 and follows daylight saving', () => {
    expect(localDateTime(Date.parse('2026-03-08T08:00:00Z'), 'America/Los_Angeles')).toBe('2026-03-08 00:00');
    expect(localDateTime(Date.parse('2026-03-08T10:00:00Z'), 'America/Los_Angeles')).toBe('2026-03-08 03:00');
    expect(localDate(Date.parse('2026-11-01T06:59:00Z'), 'America/Los_Angeles')).toBe('2026-10-31');
  });
});

describe('the system time zone', () => {
  const noLink = () => '';
  it('takes TZ first, with or without its leading colon', () => {
    expect(systemTimeZone('Asia/Tokyo', () => '/usr/share/zoneinfo/Europe/Berlin')).toBe('Asia/Tokyo');
    expect(systemTimeZone(':Europe/Paris', noLink)).toBe('Europe/Paris');
    expect(systemTimeZone('/usr/share/zoneinfo/America/New_York', noLink)).toBe('America/New_York');
  });

  it('reads the zone /etc/localtime links to when TZ is unset or empty', () => {
    expect(systemTimeZone(undefined, () => '/usr/share/zoneinfo/Europe/Berlin')).toBe('Europe/Berlin');
    expect(systemTimeZone('', () => '/var/db/timezone/zoneinfo/America/Chicago')).toBe('America/Chicago');
    expect(systemTimeZone(undefined, () => '../usr/share/zoneinfo/Etc/UTC')).toBe('Etc/UTC');
  });

  it('falls back to UTC for a name ICU does not know', () => {
    expect(systemTimeZone('Mars/Olympus_Mons', noLink)).toBe('UTC');
  });
});
