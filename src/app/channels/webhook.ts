import type { Clock } from '../../core/clock';
import { webhookHost } from '../../core/settings';
import { VERSION } from '../../version';
import { type ChannelOutcome, delivered, failed } from './outcome';

export interface WebhookTuning {
  /** Per POST; a server that accepts the connection and never answers costs this much. */
  timeoutMs: number;
  /** POSTs within one delivery call before the failure is recorded. */
  tries: number;
  /** Wait before the second try; doubles before each further one. */
  retryDelayMs: number;
}

export interface WebhookOptions extends WebhookTuning {
  /** Sleeps between tries: a fixed clock in tests makes them instant. */
  clock: Clock;
}

export const WEBHOOK_DEFAULTS: WebhookTuning = { timeoutMs: 5_000, tries: 3, retryDelayMs: 500 };

type Try = { ok: true } | { ok: false; error: string; retry: boolean };

/** One HTTP POST a channel makes: the webhook's JSON, ntfy's message. */
export interface HttpPost {
  url: string;
  body: string;
  /** Besides the user agent; an Authorization header here never reaches an error or a log. */
  headers: Record<string, string>;
}

/** POSTs the alert document as JSON; any 2xx is success. */
export function postWebhook(url: string, document: unknown, options: WebhookOptions): Promise<ChannelOutcome> {
  return postWithRetries({ url, body: JSON.stringify(document), headers: { 'content-type': 'application/json' } }, options);
}

/**
 * A POST, with what every HTTP channel needs: any 2xx is success; a passing blip (a
 * restart, a 502 from a proxy) is retried a few times at once with short backoff; what
 * still fails is recorded and retried by a later call. Errors name the host only: the
 * path or query of a webhook URL, or an ntfy topic, often is its secret.
 */
export async function postWithRetries(post: HttpPost, options: WebhookOptions): Promise<ChannelOutcome> {
  const host = webhookHost(post.url);
  let error = 'not tried';
  for (let attempt = 1; attempt <= options.tries; attempt++) {
    if (attempt > 1) await options.clock.sleep(options.retryDelayMs * 2 ** (attempt - 2));
    const result = await postOnce(post, host, options.timeoutMs);
    if (result.ok) return delivered;
    error = result.error;
    if (!result.retry) break;
  }
  return failed(error);
}

async function postOnce(post: HttpPost, host: string, timeoutMs: number): Promise<Try> {
  try {
    const response = await fetch(post.url, {
      method: 'POST',
      headers: { ...post.headers, 'user-agent': `finagg/${VERSION}` },
      body: post.body,
      // A redirect would turn the POST into a GET on many servers: report it instead.
      redirect: 'manual',
      signal: AbortSignal.timeout(timeoutMs),
    });
    await response.body?.cancel().catch(() => undefined); // free the connection; the answer is not read
    if (response.status >= 200 && response.status < 300) return { ok: true };
    // 4xx other than these will not change by asking again within a second.
    const retry = response.status >= 500 || response.status === 408 || response.status === 429;
    const refused = response.status === 401 || response.status === 403 ? ' (the token was refused)' : '';
    return { ok: false, error: `HTTP ${response.status} from ${host}${refused}`, retry };
  } catch (error) {
    return { ok: false, error: `${describeFetchError(error, timeoutMs)} (${host})`, retry: true };
  }
}

/**
 * A failed request in a few words, from error names and codes only: the messages of
 * fetch errors may quote the whole URL.
 */
function describeFetchError(error: unknown, timeoutMs: number): string {
  const name = error instanceof Error ? error.name : '';
  if (name === 'TimeoutError' || name === 'AbortError') return `no answer within ${timeoutMs / 1000} s`;
  const cause = error instanceof Error ? (error.cause as { code?: unknown } | undefined) : undefined;
  const code = typeof cause?.code === 'string' ? cause.code : undefined;
  switch (code) {
    case 'ECONNREFUSED':
      return 'connection refused';
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return 'host not found';
    case 'ECONNRESET':
    case 'UND_ERR_SOCKET':
      return 'connection closed by the server';
    case 'UND_ERR_CONNECT_TIMEOUT':
    case 'ETIMEDOUT':
      return 'could not connect in time';
    case undefined:
      return 'request failed';
    default:
      return /CERT|SSL|TLS/.test(code) ? `TLS error ${code}` : `request failed: ${code}`;
  }
}
