import { localDateTime } from '../core/dates';

/**
 * Text helpers for fixed-width cells. Panels lay text out in columns themselves, so a
 * row is exactly as wide as its panel and Ink never wraps it onto a second line.
 */

/** Cut to `width` with an ellipsis, then pad with spaces to exactly `width`. */
export function fit(text: string, width: number): string {
  if (width <= 0) return '';
  const clean = text.replace(/\s+/g, ' ');
  if (clean.length <= width) return clean.padEnd(width);
  return width === 1 ? '…' : `${clean.slice(0, width - 1)}…`;
}

/** Right-aligned in `width`, cut from the left when too long (amounts keep their end). */
export function fitRight(text: string, width: number): string {
  if (width <= 0) return '';
  return text.length <= width ? text.padStart(width) : text.slice(text.length - width);
}

/** An ISO time as `MM-DD HH:MM` on the person's clock; `never` when there is none. */
export function shortTime(iso: string | null, timeZone: string): string {
  if (iso === null) return 'never';
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return iso;
  return localDateTime(ms, timeZone).slice(5);
}

/** `YYYY-MM` to a three-letter month name. */
export function monthName(month: string): string {
  const names = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  return names[Number(month.slice(5, 7)) - 1] ?? month;
}
