/**
 * Checks by hand for the hot path of a sync. A bank's normalizer first asks whether a
 * raw record is plainly well formed (`wellFormed...Transaction` beside each schema); a
 * record that is not goes through the zod schema, which decides and words the reason.
 * The schema's generic walk cost 3 µs a record, a third of a million-row resync.
 *
 * A check accepts only what its schema accepts, never more, and then the record is what
 * the schema would return (test/unit/providers/raw-check.test.ts holds each to it).
 */

/** An object as z.object takes one: not null, not an array. */
export function rawObject(raw: unknown): Record<string, unknown> | undefined {
  return typeof raw === 'object' && raw !== null && !Array.isArray(raw) ? (raw as Record<string, unknown>) : undefined;
}

/** z.string().check(z.minLength(1)). */
export function filled(value: unknown): value is string {
  return typeof value === 'string' && value.length >= 1;
}

/** z.number(): finite. */
export function finite(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

/** The number the ASCII digits of `text` from `start` make (the caller has matched them as digits). */
export function digitsAt(text: string, start: number, count: number): number {
  let n = 0;
  for (let i = start; i < start + count; i++) n = n * 10 + text.charCodeAt(i) - 48;
  return n;
}

/** z.string().check(z.regex(pattern)), for a pattern without the g or y flag. */
export function matching(value: unknown, pattern: RegExp): value is string {
  return typeof value === 'string' && pattern.test(value);
}
