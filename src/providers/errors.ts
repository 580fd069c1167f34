/**
 * Typed failures of a bank. The sync decides from `kind` whether to retry, back off,
 * mark the connection for relinking, or quarantine a record; never from message text.
 */
export type ProviderErrorKind =
  | 'invalid_credentials' // the person could not log in at link time
  | 'access_denied' // the person declined consent
  | 'login_required' // consent expired or tokens revoked: relink
  | 'token_expired' // the access token is past its lifetime: refresh it
  | 'invalid_grant' // a bad, reused or expired code or refresh token
  | 'invalid_request' // the OAuth request itself is wrong (state, redirect, PKCE)
  | 'rate_limited' // retry after `retryAfterMs`
  | 'institution_down'
  | 'timeout'
  | 'payment_required' // the provider's subscription lapsed (SimpleFIN Bridge answers 402)
  | 'untrusted_certificate' // the server's TLS certificate does not verify: never retried, never bypassed
  | 'budget_exhausted' // finagg's own count of the provider's daily requests is spent (retry after `retryAfterMs`)
  | 'daily_limit' // the bank refused: its PSD2 limit of unattended accesses a day is used (a skipped run, not a failure)
  | 'application_refused'; // the aggregator refused the application itself (a JWT of a wrong key or app id)

export class ProviderError extends Error {
  readonly kind: ProviderErrorKind;
  readonly provider: string;
  readonly retryAfterMs: number | undefined;

  constructor(provider: string, kind: ProviderErrorKind, message: string, retryAfterMs?: number) {
    super(message);
    this.name = 'ProviderError';
    this.provider = provider;
    this.kind = kind;
    this.retryAfterMs = retryAfterMs;
  }

  /** Failures that may pass if the same request is made again later. */
  get transient(): boolean {
    return this.kind === 'rate_limited' || this.kind === 'institution_down' || this.kind === 'timeout';
  }
}

/** A raw record that does not match its bank's schema; it goes to quarantine. */
export class NormalizeError extends Error {
  readonly provider: string;
  readonly raw: unknown;

  constructor(provider: string, reason: string, raw: unknown) {
    super(reason);
    this.name = 'NormalizeError';
    this.provider = provider;
    this.raw = raw;
  }
}
