// POST /auth and the bank's consent page: an authorization waits at "the bank" until the person
// approves or declines it there; approval sends the browser back to the application's
// redirect URL with the request's state and a single-use code, which POST /sessions turns
// into a session within ten minutes.
import { randomBytes, randomUUID } from 'node:crypto';
import * as z from '../../validation/zod';
import { findAspsp, type Aspsp } from './aspsps';
import { ApiError, wrongParameters } from './errors';

export const codeLifetimeMs = 10 * 60_000;
/** How long a consent page waits for a decision. */
export const consentPageLifetimeMs = 60 * 60_000;

export type PsuType = 'personal' | 'business';

export interface Authorization {
  readonly id: string;
  readonly aspsp: Aspsp;
  readonly state: string;
  readonly redirectUrl: string;
  readonly psuType: PsuType;
  readonly validUntilMs: number;
  readonly balances: boolean;
  readonly transactions: boolean;
  readonly createdMs: number;
  decision: 'approve' | 'decline' | undefined;
}

const authBodySchema = z.object({
  access: z.object({
    valid_until: z.string(),
    balances: z.optional(z.boolean()),
    transactions: z.optional(z.boolean()),
  }),
  aspsp: z.object({ name: z.string(), country: z.string() }),
  state: z.string().check(z.minLength(1)),
  redirect_url: z.string(),
  psu_type: z.optional(z.enum(['personal', 'business'])),
  language: z.optional(z.string()),
});

const rfc3339 = /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/;

interface CodeEntry {
  readonly authorizationId: string;
  readonly issuedMs: number;
  used: boolean;
}

export class Authorizations {
  private readonly byId = new Map<string, Authorization>();
  private readonly codes = new Map<string, CodeEntry>();

  constructor(private readonly redirectUrls: readonly string[]) {}

  /** Checks a POST /auth body as the API does; throws ApiError 422 saying what is wrong. */
  start(body: unknown, nowMs: number): Authorization {
    const parsed = authBodySchema.safeParse(body);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw wrongParameters(`${issue?.path.join('.') || 'body'}: ${issue?.message ?? 'not valid'}`);
    }
    const request = parsed.data;
    const aspsp = findAspsp(request.aspsp.name, request.aspsp.country);
    if (!aspsp) {
      throw new ApiError(422, 'WRONG_ASPSP_PROVIDED', `no bank "${request.aspsp.name}" in ${request.aspsp.country}`);
    }
    if (!aspsp.served) {
      throw new ApiError(422, 'WRONG_ASPSP_PROVIDED', `this test server serves only its sandbox bank, not "${aspsp.name}"`);
    }
    if (!this.redirectUrls.includes(request.redirect_url)) {
      throw new ApiError(422, 'REDIRECT_URI_NOT_ALLOWED', 'redirect_url is not one registered with the application');
    }
    const psuType = request.psu_type ?? 'personal';
    if (!aspsp.psuTypes.includes(psuType)) throw wrongParameters(`${aspsp.name} does not serve psu_type ${psuType}`);
    const validUntilMs = rfc3339.test(request.access.valid_until) ? Date.parse(request.access.valid_until) : Number.NaN;
    if (!Number.isFinite(validUntilMs)) throw wrongParameters('access.valid_until must be an RFC 3339 time with an offset');
    if (validUntilMs <= nowMs) throw wrongParameters('access.valid_until is in the past');
    const longest = nowMs + aspsp.maximumConsentValidity * 1000;
    if (validUntilMs > longest) {
      throw wrongParameters(
        `access.valid_until is later than ${aspsp.name} allows: at most ${aspsp.maximumConsentValidity} seconds from now (${new Date(longest).toISOString()})`,
        { maximum_consent_validity: aspsp.maximumConsentValidity },
      );
    }
    // Neither named: everything, as the API grants by default.
    const named = request.access.balances !== undefined || request.access.transactions !== undefined;
    const authorization: Authorization = {
      id: randomUUID(),
      aspsp,
      state: request.state,
      redirectUrl: request.redirect_url,
      psuType,
      validUntilMs,
      balances: named ? request.access.balances === true : true,
      transactions: named ? request.access.transactions === true : true,
      createdMs: nowMs,
      decision: undefined,
    };
    this.byId.set(authorization.id, authorization);
    return authorization;
  }

  get(id: string): Authorization | undefined {
    return this.byId.get(id);
  }

  /** Whether the consent page still takes a decision. */
  isOpen(authorization: Authorization, nowMs: number): boolean {
    return authorization.decision === undefined && nowMs - authorization.createdMs < consentPageLifetimeMs;
  }

  /** The person's decision at the bank: the URL the browser is sent back to. */
  decide(authorization: Authorization, decision: 'approve' | 'decline', nowMs: number): string {
    authorization.decision = decision;
    const location = new URL(authorization.redirectUrl);
    location.searchParams.set('state', authorization.state);
    if (decision === 'decline') {
      location.searchParams.set('error', 'access_denied');
      location.searchParams.set('error_description', 'The account holder declined the consent at the bank');
      return location.href;
    }
    const code = randomBytes(24).toString('base64url');
    this.codes.set(code, { authorizationId: authorization.id, issuedMs: nowMs, used: false });
    location.searchParams.set('code', code);
    return location.href;
  }

  /** POST /sessions: a code works once, within ten minutes of its issue. */
  redeem(code: string, nowMs: number): Authorization {
    const entry = this.codes.get(code);
    const authorization = entry && this.byId.get(entry.authorizationId);
    if (!entry || !authorization) throw new ApiError(422, 'WRONG_AUTHORIZATION_CODE', 'the authorization code is not known');
    if (entry.used) throw new ApiError(422, 'ALREADY_AUTHORIZED', 'the authorization code has already been used');
    if (nowMs - entry.issuedMs > codeLifetimeMs) {
      throw new ApiError(422, 'EXPIRED_AUTHORIZATION_CODE', 'the authorization code has expired (codes last 10 minutes)');
    }
    entry.used = true;
    return authorization;
  }
}

// ---- the consent page "at the bank" ----

export interface ConsentAccount {
  readonly label: string;
  readonly iban: string;
}

export function consentPage(authorization: Authorization, accounts: readonly ConsentAccount[], appName: string): string {
  const asks = [
    'the list of your accounts',
    ...(authorization.balances ? ['their balances'] : []),
    ...(authorization.transactions ? ['their transactions (up to 2 years back)'] : []),
  ];
  const until = new Date(authorization.validUntilMs).toISOString().slice(0, 10);
  return page(
    `${authorization.aspsp.name}: consent`,
    `<h1>${escapeHtml(authorization.aspsp.name)}</h1>
<p><strong>${escapeHtml(appName)}</strong> asks for access to ${escapeHtml(asks.join(', '))}.</p>
<p>Valid until <strong>${until}</strong>.</p>
<ul>
${accounts.map((account) => `<li>${escapeHtml(account.label)} ${escapeHtml(account.iban)}</li>`).join('\n')}
</ul>
<form method="post" action="/consent/${encodeURIComponent(authorization.id)}">
<button type="submit" name="decision" value="approve">Approve</button>
<button type="submit" name="decision" value="decline">Decline</button>
</form>`,
  );
}

export function messagePage(title: string, text: string): string {
  return page(title, `<h1>${escapeHtml(title)}</h1>\n<p>${escapeHtml(text)}</p>`);
}

function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>${escapeHtml(title)}</title>
<style>body{font-family:sans-serif;max-width:36em;margin:3em auto;line-height:1.4}button{font-size:1.1em;margin-right:1em;padding:.4em 1.2em}</style>
</head>
<body>
${body}
</body>
</html>
`;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}
