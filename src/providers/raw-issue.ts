import type * as z from '../validation/zod';

/**
 * One line naming the field of a raw record that does not fit its schema, with the value
 * found: `txn_date: not a real date (got "2024-13-45T10:00:00-05:00")`.
 */
export function rawIssue(error: z.core.$ZodError, raw: unknown): string {
  const issue = error.issues[0];
  if (!issue) return 'record does not match the schema';
  const field = issue.path.length === 0 ? 'record' : issue.path.map(String).join('.');
  const value = valueAt(raw, issue.path);
  if (value === undefined && issue.path.length > 0) return `${field}: missing`;
  return `${field}: ${issue.message} (got ${show(value)})`;
}

function valueAt(raw: unknown, path: readonly PropertyKey[]): unknown {
  let value = raw;
  for (const key of path) {
    if (typeof value !== 'object' || value === null || typeof key === 'symbol') return undefined;
    value = Reflect.get(value, key);
  }
  return value;
}

function show(value: unknown): string {
  let text: string;
  try {
    text = JSON.stringify(value) ?? String(value);
  } catch {
    // Not JSON (a BigInt, a cycle): the reason must still be written, not thrown.
    text = typeof value === 'bigint' ? `${value}n` : Object.prototype.toString.call(value);
  }
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

/** A string field of a raw record that may not fit its schema (for quarantine ids). */
export function rawStringField(raw: unknown, key: string): string | undefined {
  if (typeof raw !== 'object' || raw === null) return undefined;
  const value: unknown = Reflect.get(raw, key);
  return typeof value === 'string' && value !== '' ? value : undefined;
}
