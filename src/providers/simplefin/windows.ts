/**
 * SimpleFIN windows: one `GET /accounts` covers at most `maxDays` (the Bridge caps longer
 * ranges at 90 days and says so). Windows are half-open `[start, end)` in epoch seconds,
 * like the protocol's `start-date`/`end-date`, and a sync walks them oldest first.
 */

export const DAY_SECONDS = 86_400;

export interface Window {
  start: number;
  end: number;
}

/** The window that starts at `start`, cut at `until` (the end of the sync). */
export function windowFrom(start: number, until: number, maxDays: number): Window {
  return { start, end: Math.min(start + maxDays * DAY_SECONDS, until) };
}

/**
 * The i-th window back from `until` (0 is the newest). Windows found this way, read
 * oldest first, are the same as stepping forward from the oldest one's start, so a sync
 * resumed from a cursor asks for the same windows.
 */
export function windowBack(i: number, until: number, maxDays: number): Window {
  const span = maxDays * DAY_SECONDS;
  return { start: until - (i + 1) * span, end: until - i * span };
}

/** Epoch seconds of a `YYYY-MM-DD` day's start (UTC). */
export const dayStart = (date: string): number => Date.parse(`${date}T00:00:00Z`) / 1000;

/** The UTC day of epoch seconds. */
export const dayOf = (seconds: number): string => new Date(seconds * 1000).toISOString().slice(0, 10);

/** The adapter's cursor: the start of the next window to read, or done. */
const CURSOR = /^simplefin:1:(\d{1,12})$/;
export const DONE = 'simplefin:1:done';
export const cursorAt = (start: number): string => `simplefin:1:${start}`;

export function readCursor(cursor: string | null): number | undefined {
  const match = cursor === null ? null : CURSOR.exec(cursor);
  return match ? Number(match[1]) : undefined;
}
