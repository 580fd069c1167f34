// POST /admin/<action> with a JSON body: the state controls over HTTP, for a person trying
// finagg by hand against a running server. Session ids never come back from here; a control
// without a sessionId applies to every open session.
import * as z from '../../validation/zod';
import type { BookedPending, BookPendingOptions, NewPending, Renumbered } from './bank';

export interface SessionTarget {
  /** One session; default: every open session. */
  readonly sessionId?: string;
}

export interface AccountTarget {
  /** girokonto, tagesgeld or an IBAN; default: see each control. */
  readonly account?: string;
}

export interface EnableBankingControls {
  /** The planted pending restaurant charge books under a new entry_reference with a tip. Throws once it has booked. */
  bookPending(options?: BookPendingOptions): BookedPending;
  /** A new pending card charge dated today (default account: the Girokonto); returns its entry_reference. */
  addPending(input: NewPending): string;
  /** Renumbers the booked rows of a day (default: the planted purchases' day; account default: the Girokonto). */
  renumberDay(options?: AccountTarget & { readonly date?: string }): Renumbered[];
  /** Today's accesses of the account (default: every account) count as used: the next data request answers 429. */
  exhaustDailyLimit(options?: AccountTarget): void;
  /** Sets valid_until to now; returns how many sessions it ended. */
  expireSession(options?: SessionTarget): number;
  /** Marks sessions REVOKED; returns how many. */
  revokeSession(options?: SessionTarget): number;
  /** The next `count` API requests answer `status` (default 500 ASPSP_ERROR). */
  failNext(options: { readonly count: number; readonly status?: number }): void;
  /** Every API request waits `ms` before its answer; 0 ends it. */
  slow(options: { readonly ms: number }): void;
  /** The first `count` (default 1) records of the next transactions listing come malformed. */
  malformNext(options?: { readonly count?: number }): void;
  /** The bank stops listing the booked row with this entry_reference. */
  dropBooked(options: { readonly reference: string }): void;
  /** The planted pending charge's entry_reference, until bookPending. */
  plantedPendingReference(): string | undefined;
  /**
   * Moves the bank's clock forward (to try what happens as a consent nears its end, or on
   * the next day); returns the bank's time now (ISO). Run finagg with FINAGG_NOW at it.
   */
  advanceClock(options: { readonly days?: number; readonly hours?: number }): string;
}

export interface AdminAnswer {
  readonly status: number;
  readonly body: Readonly<Record<string, unknown>>;
}

export const adminActions = [
  'book-pending',
  'add-pending',
  'renumber-day',
  'exhaust-daily-limit',
  'expire-session',
  'revoke-session',
  'fail-next',
  'slow',
  'malform-next',
  'drop-booked',
  'planted-pending',
  'advance-clock',
] as const;

const count = z.number().check(z.int(), z.minimum(0), z.maximum(1_000_000));
const schemas = {
  'book-pending': z.strictObject({
    tipCents: z.optional(z.number().check(z.int(), z.minimum(0))),
    daysLater: z.optional(z.number().check(z.int(), z.minimum(0), z.maximum(30))),
  }),
  'add-pending': z.strictObject({
    account: z.optional(z.string()),
    amountCents: z.number().check(z.int()),
    creditor: z.string().check(z.minLength(1)),
    remittance: z.optional(z.string()),
  }),
  'renumber-day': z.strictObject({ account: z.optional(z.string()), date: z.optional(z.string()) }),
  'exhaust-daily-limit': z.strictObject({ account: z.optional(z.string()) }),
  session: z.strictObject({ sessionId: z.optional(z.string()) }),
  'fail-next': z.strictObject({ count, status: z.optional(z.number().check(z.int(), z.minimum(400), z.maximum(599))) }),
  slow: z.strictObject({ ms: count }),
  'malform-next': z.strictObject({ count: z.optional(count) }),
  'drop-booked': z.strictObject({ reference: z.string().check(z.minLength(1)) }),
  empty: z.strictObject({}),
  'advance-clock': z.strictObject({
    days: z.optional(z.number().check(z.minimum(0), z.maximum(3650))),
    hours: z.optional(z.number().check(z.minimum(0), z.maximum(87_600))),
  }),
};

export function runAdminAction(action: string, text: string, controls: EnableBankingControls): AdminAnswer {
  const json = text.trim() === '' ? {} : parseJson(text);
  if (json === undefined) return bad('the body must be JSON');
  try {
    switch (action) {
      case 'book-pending':
        return parsed(schemas['book-pending'], json, (options) => ok({ ...controls.bookPending(options) }));
      case 'add-pending':
        return parsed(schemas['add-pending'], json, (input) => ok({ reference: controls.addPending(input) }));
      case 'renumber-day':
        return parsed(schemas['renumber-day'], json, (options) => ok({ renumbered: controls.renumberDay(options) }));
      case 'exhaust-daily-limit':
        return parsed(schemas['exhaust-daily-limit'], json, (options) => {
          controls.exhaustDailyLimit(options);
          return ok({});
        });
      case 'expire-session':
        return parsed(schemas.session, json, (options) => ok({ sessions: controls.expireSession(options) }));
      case 'revoke-session':
        return parsed(schemas.session, json, (options) => ok({ sessions: controls.revokeSession(options) }));
      case 'fail-next':
        return parsed(schemas['fail-next'], json, (options) => {
          controls.failNext(options);
          return ok({ count: options.count, status: options.status ?? 500 });
        });
      case 'slow':
        return parsed(schemas.slow, json, (options) => {
          controls.slow(options);
          return ok({ ms: options.ms });
        });
      case 'malform-next':
        return parsed(schemas['malform-next'], json, (options) => {
          controls.malformNext(options);
          return ok({ count: options.count ?? 1 });
        });
      case 'drop-booked':
        return parsed(schemas['drop-booked'], json, (options) => {
          controls.dropBooked(options);
          return ok({});
        });
      case 'advance-clock':
        return parsed(schemas['advance-clock'], json, (options) => ok({ now: controls.advanceClock(options) }));
      case 'planted-pending':
        return parsed(schemas.empty, json, () => ok({ reference: controls.plantedPendingReference() ?? null }));
      default:
        return { status: 404, body: { ok: false, error: `unknown action; one of ${adminActions.join(', ')}` } };
    }
  } catch (error) {
    return { status: 409, body: { ok: false, error: error instanceof Error ? error.message : String(error) } };
  }
}

function parsed<T>(schema: z.ZodMiniType<T>, json: unknown, run: (value: T) => AdminAnswer): AdminAnswer {
  const result = schema.safeParse(json);
  if (!result.success) {
    const issue = result.error.issues[0];
    return bad(`${issue?.path.join('.') || 'body'}: ${issue?.message ?? 'not valid'}`);
  }
  return run(result.data);
}

function ok(fields: Readonly<Record<string, unknown>>): AdminAnswer {
  return { status: 200, body: { ok: true, ...fields } };
}

function bad(error: string): AdminAnswer {
  return { status: 400, body: { ok: false, error } };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
