import type { Clock } from '../../core/clock';
import { AppError } from '../../core/errors';
import type { AppCredentials } from '../link-method';
import { ProviderError, type ProviderErrorKind } from '../errors';
import { displayText } from '../../core/display-text';
import { HttpsFailure, httpsRequest } from '../simplefin/https';
import type { JwtSigner } from './jwt';
import { errorResponseSchema } from './schema';

/**
 * The HTTP layer of Enable Banking: one HTTPS request (certificates verified, a deadline,
 * a size cap) with the application's JWT, JSON in and out. Statuses and the API's error
 * codes become ProviderError kinds here, so the sync decides from the kind (retry, skip
 * the day, relink, fix the application) and never from text. No message carries the
 * JWT, the key, the session id or an account's uid.
 */

export const PROVIDER = 'enablebanking';
export const ENABLEBANKING_API = 'https://api.enablebanking.com';
const DEFAULT_TIMEOUT_MS = 30_000;
/** Two years of a busy account's transactions come in pages far below this. */
const MAX_ANSWER_BYTES = 32 * 1024 * 1024;
/** Server text is shown on one line. */
const MAX_MESSAGE = 200;
/** A Retry-After beyond a day is not a wait finagg plans for. */
const MAX_RETRY_AFTER_MS = 24 * 60 * 60 * 1000;

export interface ClientConfig {
  /** The API's root, without credentials or query; paths go under its path. */
  root: URL;
  timeoutMs: number;
}

/** Where the API is and how long to wait for it; AppError('invalid_input') names a bad variable. */
export function readConfig(env: NodeJS.ProcessEnv): ClientConfig {
  return { root: rootFrom(env), timeoutMs: timeoutFrom(env) };
}

function rootFrom(env: NodeJS.ProcessEnv): URL {
  const text = env.FINAGG_ENABLEBANKING_API?.trim() || ENABLEBANKING_API;
  let url: URL | undefined;
  try {
    url = new URL(text);
  } catch {
    url = undefined;
  }
  const refused = (why: string) =>
    new AppError(
      'invalid_input',
      `FINAGG_ENABLEBANKING_API: ${why}`,
      `leave it unset for ${ENABLEBANKING_API}, or give the https URL of a test server`,
    );
  // The URL is only quoted when it cannot hold credentials.
  if (!url) throw refused(`not a URL${text.includes('@') ? '' : ` (got ${JSON.stringify(text.slice(0, 60))})`}`);
  if (url.username !== '' || url.password !== '') throw refused('carries credentials; the API takes none in its URL');
  if (url.protocol !== 'https:')
    throw refused(`not https (got ${url.protocol.replace(/:$/, '')}); bank data goes over https only`);
  url.search = '';
  url.hash = '';
  return url;
}

function timeoutFrom(env: NodeJS.ProcessEnv): number {
  const text = env.FINAGG_ENABLEBANKING_TIMEOUT_MS;
  if (text === undefined || text === '') return DEFAULT_TIMEOUT_MS;
  const value = Number(text);
  if (!/^\d+$/.test(text) || value < 100 || value > 600_000) {
    throw new AppError(
      'invalid_input',
      `FINAGG_ENABLEBANKING_TIMEOUT_MS: not a whole number of milliseconds from 100 to 600000 (got ${JSON.stringify(text.slice(0, 20))})`,
    );
  }
  return value;
}

/** A refusal of the API, with its error code for the provider's own decisions (a shorter period, a session already ended). */
export class EnableBankingError extends ProviderError {
  constructor(
    kind: ProviderErrorKind,
    message: string,
    /** The HTTP status. */
    readonly status: number,
    /** The API's ErrorCode (`WRONG_TRANSACTIONS_PERIOD`), when it sent one. */
    readonly code: string | undefined,
    /** The server's message and detail, sanitized, for matching (never shown beyond `message`). */
    readonly serverText: string,
    retryAfterMs?: number,
  ) {
    super(PROVIDER, kind, message, retryAfterMs);
  }
}

export interface ApiRequest {
  method: 'GET' | 'POST' | 'DELETE';
  /** The path under the root, its variable segments already encoded. */
  path: string;
  query?: Readonly<Record<string, string | undefined>>;
  /** Sent as JSON. */
  body?: unknown;
  /** What is asked for, in messages: `the transactions`. */
  what: string;
  /** Values in the request that no message may show (a session id, an account uid). */
  hide?: readonly string[];
}

export interface EnableBankingApi {
  /** The answer's JSON (an empty answer is `{}`); throws ProviderError for anything else. */
  call(app: AppCredentials, request: ApiRequest): Promise<unknown>;
}

export function createApi(options: { env: NodeJS.ProcessEnv; clock: Pick<Clock, 'nowMs'>; signer: JwtSigner }): EnableBankingApi {
  // Read on the first request, not at start-up: a bad variable then fails the command that
  // uses Enable Banking, not every command that builds the list of providers.
  let config: ClientConfig | undefined;
  return {
    async call(app, request) {
      config ??= readConfig(options.env);
      const url = new URL(config.root.href);
      url.pathname = `${config.root.pathname.replace(/\/+$/, '')}${request.path}`;
      for (const [name, value] of Object.entries(request.query ?? {})) if (value !== undefined) url.searchParams.set(name, value);
      const origin = url.origin;
      let answer;
      try {
        answer = await httpsRequest({
          method: request.method,
          url,
          authorization: `Bearer ${options.signer.token(app)}`,
          json: request.body === undefined ? undefined : JSON.stringify(request.body),
          timeoutMs: config.timeoutMs,
          maxBytes: MAX_ANSWER_BYTES,
        });
      } catch (error) {
        throw failureError(error);
      }
      if (answer.status >= 200 && answer.status < 300) {
        if (answer.body.trim() === '') return {};
        try {
          return JSON.parse(answer.body) as unknown;
        } catch {
          throw new ProviderError(
            PROVIDER,
            'institution_down',
            `${origin} answered ${request.what} with something that is not JSON`,
          );
        }
      }
      const retryAfter = retryAfterMs(answer.headers['retry-after'], options.clock.nowMs());
      throw statusError(answer.status, answer.body, origin, request, retryAfter);
    },
  };
}

function failureError(error: unknown): unknown {
  if (!(error instanceof HttpsFailure)) return error;
  switch (error.kind) {
    case 'timeout':
      return new ProviderError(PROVIDER, 'timeout', error.message);
    case 'network':
      return new ProviderError(PROVIDER, 'institution_down', error.message);
    case 'certificate':
      return new ProviderError(PROVIDER, 'untrusted_certificate', error.message);
    default:
      // An answer too large will not pass by trying again.
      return new ProviderError(PROVIDER, 'invalid_request', error.message);
  }
}

/** The session codes, and what to tell the person of each. */
const SESSION_ENDED: Readonly<Record<string, string>> = {
  EXPIRED_SESSION: 'the consent has expired',
  REVOKED_SESSION: 'the consent was revoked at the bank',
  CLOSED_SESSION: 'the session was closed',
  SESSION_DOES_NOT_EXIST: 'the session does not exist (any more)',
  WRONG_SESSION_STATUS: 'the session is not authorized (any more)',
};

/** A code of a consent redirect that cannot be turned into a session. */
const CODE_REFUSED: ReadonlySet<string> = new Set([
  'EXPIRED_AUTHORIZATION_CODE',
  'WRONG_AUTHORIZATION_CODE',
  'ALREADY_AUTHORIZED',
]);

const ERROR_CODE = /^[A-Z][A-Z0-9_]{0,63}$/;

function statusError(
  status: number,
  body: string,
  origin: string,
  request: ApiRequest,
  retryAfter: number | undefined,
): ProviderError {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    json = undefined;
  }
  const parsed = errorResponseSchema.safeParse(json);
  const rawCode = parsed.success ? parsed.data.error : undefined;
  const code = rawCode != null && ERROR_CODE.test(rawCode) ? rawCode : undefined;
  const hide = request.hide ?? [];
  const said = parsed.success ? clean(parsed.data.message ?? '', hide, MAX_MESSAGE) : '';
  const detail = parsed.success && parsed.data.detail !== undefined ? safeJson(parsed.data.detail) : '';
  const serverText = clean(`${parsed.success ? (parsed.data.message ?? '') : ''} ${detail}`, hide, 500);
  const label = code === undefined ? `${status}` : `${status} ${code}`;
  const tail = said === '' ? '' : `: ${said}`;
  const make = (kind: ProviderErrorKind, message: string, after?: number) =>
    new EnableBankingError(kind, message, status, code, serverText, after);

  if (status === 429) {
    if (code === 'ASPSP_RATE_LIMIT_EXCEEDED')
      return make(
        'daily_limit',
        `the bank allows no more unattended access to this account today (${label}); the next day's sync reads it`,
      );
    return make('rate_limited', `${origin} says too many requests (${label})`, retryAfter);
  }
  const ended = code === undefined ? undefined : SESSION_ENDED[code];
  if (ended !== undefined && status >= 400 && status < 500) return make('login_required', `${ended} (${label})`);
  if (code !== undefined && CODE_REFUSED.has(code))
    return make(
      'invalid_grant',
      `${origin} refused the code of the consent (${label}): it was used already or is too old; start again`,
    );
  if (status === 401 || status === 403)
    return make(
      'application_refused',
      `${origin} refused the application: its application id or key was refused (${label})${tail}`,
    );
  if (status === 408 || status === 504 || code === 'ASPSP_TIMEOUT')
    return make('timeout', `${origin} or the bank did not answer ${request.what} in time (${label})`);
  if (status >= 500 || code === 'ASPSP_ERROR')
    return make('institution_down', `${origin} or the bank failed to give ${request.what} (${label})${tail}`);
  return make('invalid_request', `${origin} refused the request for ${request.what} (${label})${tail}`);
}

/** Server text for a terminal: secrets of the request masked, then sanitized and bounded. */
function clean(text: string, hide: readonly string[], max: number): string {
  let out = text;
  for (const secret of hide) if (secret.length >= 4) out = out.split(secret).join('…');
  out = out
    // A JWT (ours, echoed) or anything shaped like one.
    .replace(/eyJ[\w-]*\.[\w-]*\.?[\w-]*/g, '<token>')
    // Session ids and uids are UUIDs.
    .replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi, '<id>');
  return displayText(out, max);
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value) ?? '';
  } catch {
    return '';
  }
}

/** Retry-After in ms: seconds, or an HTTP date (against finagg's clock). */
export function retryAfterMs(header: string | string[] | undefined, nowMs: number): number | undefined {
  const text = (Array.isArray(header) ? header[0] : header)?.trim();
  if (!text) return undefined;
  let ms: number;
  if (/^\d+$/.test(text)) ms = Number(text) * 1000;
  else {
    const at = Date.parse(text);
    if (!Number.isFinite(at)) return undefined;
    ms = Math.max(0, at - nowMs);
  }
  return Math.min(ms, MAX_RETRY_AFTER_MS);
}
