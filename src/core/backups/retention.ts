/**
 * Which backups a target keeps: grandfather-father-son, the way restic's
 * `forget --keep-daily 7 --keep-weekly 4 --keep-monthly 12` decides it. Only decides: the
 * caller lists the target's folder and deletes what `remove` names.
 */
import { isValidDate, utcDate } from '../dates';
import { showValue } from '../show-value';

export interface KeepPolicy {
  daily: number;
  weekly: number;
  monthly: number;
}

/** A week of days, a month of weeks, a year of months. Frozen: every caller shares it. */
export const DEFAULT_KEEP: KeepPolicy = Object.freeze({ daily: 7, weekly: 4, monthly: 12 });

const MAX_COUNT = 1000;
const EXAMPLE = '(as in 7d,4w,12m)';
const UNITS = { d: 'daily', w: 'weekly', m: 'monthly' } as const;
type Unit = keyof typeof UNITS;

/**
 * The `backup.keep` setting: `7d,4w,12m`, parts in any order, a missing part is 0. The error
 * quotes the part at fault, on one line, so a person sees at once what to retype.
 */
export function parseKeepPolicy(text: string): KeepPolicy | { error: string } {
  if (text.trim() === '') return { error: `no counts given ${EXAMPLE}` };
  const policy: KeepPolicy = { daily: 0, weekly: 0, monthly: 0 };
  const seen = new Set<Unit>();
  for (const raw of text.split(',')) {
    const part = raw.trim();
    // A part that is only a bad number (`-1d`, `1.5d`, `1001d`) is told the range; anything else, the form.
    const match = /^([-+]?[\d.]*)\s*([dwm])$/i.exec(part);
    if (!match) return { error: `${part === '' ? 'an empty part' : showValue(part)} is not a count of d, w or m ${EXAMPLE}` };
    const count = match[1] ?? '';
    const unit = (match[2] ?? '').toLowerCase() as Unit;
    if (!/^\d+$/.test(count) || Number(count) > MAX_COUNT)
      return { error: `${showValue(part)}: the count must be a whole number from 0 to ${MAX_COUNT}` };
    if (seen.has(unit)) return { error: `${showValue(part)} repeats ${unit}: give each of d, w and m at most once` };
    seen.add(unit);
    policy[UNITS[unit]] = Number(count);
  }
  // A policy that keeps nothing is a typo, not a wish to lose every backup.
  if (policy.daily + policy.weekly + policy.monthly === 0)
    return { error: `${showValue(text.trim())} keeps no backups: at least one count must be more than 0` };
  return policy;
}

/** The setting's text for a policy, zero parts left out: what `finagg config get` shows back. */
export function formatKeepPolicy(p: KeepPolicy): string {
  const parts = (Object.keys(UNITS) as Unit[]).filter((u) => p[UNITS[u]] > 0).map((u) => `${p[UNITS[u]]}${u}`);
  // Not reachable from a parsed setting; spelled out rather than an empty string a person could not read.
  return parts.length > 0 ? parts.join(',') : '0d,0w,0m';
}

const NAME = /^finagg-(\d{4})(\d{2})(\d{2})-(\d{2})(\d{2})(\d{2})\.tar\.age$/;

/**
 * `finagg-YYYYMMDD-HHMMSS.tar.age` for a moment, in UTC so a name sorts and reads the same on
 * every machine. Throws a RangeError for a moment whose name `backupTime` would not read back
 * (outside the years 0100 to 9999): a backup retention cannot see would never be pruned.
 */
export function backupName(ms: number): string {
  const iso = new Date(ms).toISOString(); // RangeError for NaN and beyond the Date range
  const name = `finagg-${iso.slice(0, 10).replace(/-/g, '')}-${iso.slice(11, 19).replace(/:/g, '')}.tar.age`;
  if (backupTime(name) === undefined) throw new RangeError(`no backup name for the moment ${ms}`);
  return name;
}

/**
 * The moment (epoch ms) a backup's name records, or undefined for any other name: a target
 * folder may hold a person's own files, and retention must never count or delete those.
 */
export function backupTime(name: string): number | undefined {
  const match = NAME.exec(name);
  if (!match) return undefined;
  const [, y, mo, d, h, mi, s] = match;
  if (!isValidDate(`${y}-${mo}-${d}`) || Number(h) > 23 || Number(mi) > 59 || Number(s) > 59) return undefined;
  return Date.parse(`${y}-${mo}-${d}T${h}:${mi}:${s}Z`);
}

/** Whether a file is one of finagg's backups: the only files a target or the data dir's pruning touches. */
export function isBackupName(name: string): boolean {
  return backupTime(name) !== undefined;
}

const DAY_MS = 86_400_000;

/**
 * The ISO week of a moment (UTC), as `2026-W01`. Weeks start on Monday and belong to the year
 * of their Thursday, so the days around New Year that share a week also share a weekly backup
 * (Monday 29 December 2025 is in 2026-W01, with 1 January 2026).
 */
export function isoWeek(ms: number): string {
  const day = Math.floor(ms / DAY_MS);
  const weekday = (((day + 3) % 7) + 7) % 7; // Monday 0 to Sunday 6: 1 January 1970 was a Thursday
  const thursday = new Date((day - weekday + 3) * DAY_MS);
  const newYear = new Date(thursday);
  newYear.setUTCMonth(0, 1);
  const week = Math.floor((thursday.getTime() - newYear.getTime()) / DAY_MS / 7) + 1;
  return `${thursday.getUTCFullYear()}-W${String(week).padStart(2, '0')}`;
}

interface Backup {
  name: string;
  ms: number;
}

/** The periods a policy counts in; each names the period a moment falls in. */
const PERIODS: readonly { count: (p: KeepPolicy) => number; periodOf: (ms: number) => string }[] = [
  { count: (p) => p.daily, periodOf: (ms) => utcDate(ms) },
  { count: (p) => p.weekly, periodOf: isoWeek },
  { count: (p) => p.monthly, periodOf: (ms) => utcDate(ms).slice(0, 7) },
];

/**
 * The backups to keep and to delete under a policy, each newest first. Names that are not
 * backups are in neither list. The counts are of periods that have a backup, not of calendar
 * periods: after a month with the computer off, `7d` still keeps seven backups.
 */
export function selectToKeep(names: readonly string[], policy: KeepPolicy): { keep: string[]; remove: string[] } {
  const backups = newestFirst(names);
  // As restic does with no policy: deleting every backup is never what anyone meant.
  if (PERIODS.every((p) => !(p.count(policy) > 0))) return { keep: backups.map((b) => b.name), remove: [] };
  const kept = new Set<string>();
  for (const { count, periodOf } of PERIODS)
    for (const b of newestOfEachPeriod(backups, periodOf, count(policy))) kept.add(b.name);
  return {
    keep: backups.filter((b) => kept.has(b.name)).map((b) => b.name),
    remove: backups.filter((b) => !kept.has(b.name)).map((b) => b.name),
  };
}

/** The backups among `names`, each once (a name listed twice must not end up both kept and removed), newest first. */
function newestFirst(names: readonly string[]): Backup[] {
  const backups: Backup[] = [];
  for (const name of new Set(names)) {
    const ms = backupTime(name);
    if (ms !== undefined) backups.push({ name, ms });
  }
  return backups.sort((a, b) => b.ms - a.ms);
}

/**
 * The newest backup of each of the `count` newest periods that have one: the latest state of
 * each day (or week, or month) is the one a person would want back. A count that is not a
 * positive number keeps none.
 */
function newestOfEachPeriod(backups: readonly Backup[], periodOf: (ms: number) => string, count: number): Backup[] {
  const kept: Backup[] = [];
  let last: string | undefined;
  for (const b of backups) {
    if (!(kept.length < count)) break;
    const period = periodOf(b.ms);
    // Newest first, so a period's backups come together and the first one seen is its newest.
    if (period !== last) kept.push(b);
    last = period;
  }
  return kept;
}
