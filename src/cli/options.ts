import * as z from '../validation/zod';
import { invalidInput } from '../core/errors';
import { parseMoney } from '../core/money';
import { isValidDate } from '../core/dates';
import { showValue } from './render/quote';

/**
 * Command-line values arrive as text. Each command declares a zod schema over its
 * options; the schema gives both the validation and the TypeScript type. A failure
 * becomes one line naming the flag and the value, and exit 2.
 */
export function parseOptions<S extends z.ZodMiniType>(schema: S, raw: Record<string, unknown>, command: string): z.output<S> {
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
  return z.pipe(
    z.pipe(z.string().check(z.regex(/^[+-]?\d+$/, { error: range })), z.transform(Number)),
    z.number().check(z.int(), z.gte(min, { error: range }), z.lte(max, { error: range })),
  );
}

/** A decimal amount typed by a person, to cents. */
export function moneyText() {
  return z.pipe(
    z.string(),
    z.transform((text: string, ctx) => {
      const cents = parseMoney(text);
      if (cents === undefined) {
        ctx.issues.push({ code: 'custom', message: 'must be an amount such as 12.50', input: text });
        return z.NEVER;
      }
      return cents;
    }),
  );
}

export function dateText() {
  return z.string().check(z.refine(isValidDate, { error: 'must be a date as YYYY-MM-DD' }));
}

export function oneOf<const T extends readonly [string, ...string[]]>(values: T) {
  return z
    .string()
    .check(
      z.refine((v: string) => (values as readonly string[]).includes(v), { error: `must be one of ${values.join(', ')}` }),
    ) as unknown as z.ZodMiniType<T[number], string>;
}

/** A currency as typed: three letters, stored in upper case (the app checks it names a currency). */
export function currencyCode() {
  return z.pipe(
    z.string(),
    z.transform((text: string, ctx) => {
      const code = text.trim().toUpperCase();
      if (!/^[A-Z][A-Z0-9]{2,9}$/.test(code)) {
        ctx.issues.push({ code: 'custom', message: 'must be a currency code such as USD or EUR', input: text });
        return z.NEVER;
      }
      return code;
    }),
  );
}

/** A non-empty line of text without control characters. */
export function textValue(maxLength = 200) {
  return z.string().check(
    z.minLength(1, { error: 'must not be empty' }),
    z.maxLength(maxLength, { error: `must be at most ${maxLength} characters` }),
    z.refine((v: string) => !/[\u0000-\u001f\u007f]/.test(v), { error: 'must not contain control characters' }),
  );
}

/** An amount that bounds a size, in or out: never negative. */
export function sizeText() {
  return z.pipe(
    moneyText(),
    z.number().check(z.gte(0, { error: 'must not be negative: it bounds the size of an amount, in or out' })),
  );
}

/** A category name as typed; stored in lower case (words are joined by hyphens: home-improvement). */
export function categoryText() {
  return z.pipe(
    z.string(),
    z.transform((text: string, ctx) => {
      const name = text.trim().toLowerCase();
      if (!/^[a-z][a-z0-9_-]{0,39}$/.test(name)) {
        ctx.issues.push({
          code: 'custom',
          message: 'must be a name such as groceries or pet-care (letters, digits, - or _; at most 40)',
          input: text,
        });
        return z.NEVER;
      }
      return name;
    }),
  );
}
