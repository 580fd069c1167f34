import { z } from 'zod';
import { invalidInput } from '../core/errors';
import { parseMoney } from '../core/money';
import { isValidDate } from '../core/dates';
import { showValue } from './render/quote';

/**
 * Command-line values arrive as text. Each command declares a zod schema over its
 * options; the schema gives both the validation and the TypeScript type. A failure
 * becomes one line naming the flag and the value, and exit 2.
 */
export function parseOptions<S extends z.ZodType>(schema: S, raw: Record<string, unknown>, command: string): z.output<S> {
  const result = schema.safeParse(raw);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  const key = String(issue.path[0] ?? '');
  const flag = key.startsWith('<') ? key : `--${key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
  throw invalidInput(`invalid ${flag} ${showValue(raw[key])}: ${issue.message}`, `see finagg ${command} --help`);
}

export function wholeNumber(min: number, max: number) {
  const range =
    max >= Number.MAX_SAFE_INTEGER ? `must be a whole number of at least ${min}` : `must be a whole number from ${min} to ${max}`;
  return z
    .string()
    .regex(/^[+-]?\d+$/, { error: range })
    .transform(Number)
    .pipe(z.number().int().min(min, { error: range }).max(max, { error: range }));
}

/** A decimal amount typed by a person, to cents. */
export function moneyText() {
  return z.string().transform((text, ctx) => {
    const cents = parseMoney(text);
    if (cents === undefined) {
      ctx.addIssue({ code: 'custom', message: 'must be an amount such as 12.50' });
      return z.NEVER;
    }
    return cents;
  });
}

export function dateText() {
  return z.string().refine(isValidDate, { error: 'must be a date as YYYY-MM-DD' });
}

export function oneOf<const T extends readonly [string, ...string[]]>(values: T) {
  return z.string().refine((v): v is T[number] => (values as readonly string[]).includes(v), {
    error: `must be one of ${values.join(', ')}`,
  }) as unknown as z.ZodType<T[number], string>;
}

/** A non-empty line of text without control characters. */
export function textValue(maxLength = 200) {
  return z
    .string()
    .min(1, { error: 'must not be empty' })
    .max(maxLength, { error: `must be at most ${maxLength} characters` })
    .refine((v) => !/[\u0000-\u001f\u007f]/.test(v), { error: 'must not contain control characters' });
}
