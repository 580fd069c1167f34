// POST /admin/<action>: the state controls over HTTP, for a person trying finagg by hand
// against a running server. Each answers one line of JSON.
import * as z from '../../validation/zod';
import type { ErrorEntry } from './account-set';
import type { PostOptions } from './bank';

export interface AdminControls {
  /** The planted pending charge posts under a new id with a tip (see PostOptions for a lagging Bridge). */
  postPending(options?: PostOptions): { pendingId: string; postedId: string };
  /** The remaining pending charge disappears without a posting of its own. */
  withdrawPending(): string;
  revokeAll(): void;
  setPaymentRequired(on: boolean): void;
  setSlow(ms: number): void;
  failNext(count: number, status?: number): void;
  addError(entry: ErrorEntry): void;
  clearErrors(): void;
  /** Adds the three-decimal USD row to checking and returns its id. */
  addMalformedTransaction(): string;
}

export interface AdminAnswer {
  readonly status: number;
  readonly body: Readonly<Record<string, unknown>>;
}

const errorEntrySchema = z.object({
  code: z.string().check(z.minLength(1)),
  msg: z.string(),
  conn_id: z.optional(z.string()),
  account_id: z.optional(z.string()),
});

export const adminActions = [
  'post-pending',
  'withdraw-pending',
  'revoke',
  'payment-required',
  'slow',
  'fail-next',
  'error',
  'clear-errors',
  'malformed',
] as const;

export function runAdminAction(action: string, body: string, controls: AdminControls): AdminAnswer {
  const text = body.trim();
  switch (action) {
    case 'post-pending':
    case 'withdraw-pending': {
      // Body `lagging` posts it while the pending record stays listed; `no-payee` without a payee.
      try {
        if (action === 'withdraw-pending') return ok({ withdrawnId: controls.withdrawPending() });
        return ok(controls.postPending({ keepPending: /lagging/.test(text), noPayee: /no-payee/.test(text) }));
      } catch (error) {
        return { status: 409, body: { ok: false, error: error instanceof Error ? error.message : String(error) } };
      }
    }
    case 'revoke':
      controls.revokeAll();
      return ok({});
    case 'payment-required':
      if (text !== 'on' && text !== 'off') return bad('body must be on or off');
      controls.setPaymentRequired(text === 'on');
      return ok({ paymentRequired: text === 'on' });
    case 'slow': {
      const ms = wholeNumber(text);
      if (ms === undefined) return bad('body must be a delay in milliseconds');
      controls.setSlow(ms);
      return ok({ slowMs: ms });
    }
    case 'fail-next': {
      // "3" fails the next three requests with 500; "3 503" with 503.
      const [countText = '', statusText] = text.split(/\s+/);
      const count = wholeNumber(countText);
      const status = statusText === undefined ? 500 : wholeNumber(statusText);
      if (count === undefined || status === undefined || status < 400 || status > 599) {
        return bad('body must be a count, optionally followed by a status 400-599');
      }
      controls.failNext(count, status);
      return ok({ count, status });
    }
    case 'error': {
      const parsed = errorEntrySchema.safeParse(parseJson(text));
      if (!parsed.success) return bad('body must be JSON {"code":"...","msg":"...","conn_id"?,"account_id"?}');
      controls.addError(parsed.data);
      return ok({});
    }
    case 'clear-errors':
      controls.clearErrors();
      return ok({});
    case 'malformed':
      return ok({ id: controls.addMalformedTransaction() });
    default:
      return { status: 404, body: { ok: false, error: `unknown action; one of ${adminActions.join(', ')}` } };
  }
}

function ok(fields: Readonly<Record<string, unknown>>): AdminAnswer {
  return { status: 200, body: { ok: true, ...fields } };
}

function bad(error: string): AdminAnswer {
  return { status: 400, body: { ok: false, error } };
}

function wholeNumber(text: string): number | undefined {
  return /^\d{1,9}$/.test(text) ? Number(text) : undefined;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
