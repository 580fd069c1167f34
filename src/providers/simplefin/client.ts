import { ProviderError } from '../errors';
import { type AccessUrl, originOf, parseAccessUrl } from './access-url';
import { HttpsFailure, httpsRequest } from './https';
import { accountSetSchema, type SimpleFinAccountSet as AccountSet } from './schema';

/**
 * The two requests of the SimpleFIN protocol that finagg makes: claiming a setup token,
 * and `GET /accounts`. HTTP statuses become ProviderError kinds here, so the sync decides
 * what to do from the kind (DESIGN.md); no message carries a credential or a claim code.
 */

const PROVIDER = 'simplefin';
/** An account set of years of transactions is a few MB; more is not a SimpleFIN answer. */
const MAX_ANSWER_BYTES = 64 * 1024 * 1024;

export interface AccountsQuery {
  /** Epoch seconds, inclusive. */
  startDate?: number;
  /** Epoch seconds, exclusive. */
  endDate?: number;
  /** Only these accounts (`account=` repeated); all when absent. */
  accountIds?: readonly string[];
  balancesOnly?: boolean;
}

/** Claims a setup token's URL with one POST: the access URL, as text (a secret). */
export async function claimAccessUrl(claimUrl: URL, timeoutMs: number): Promise<string> {
  const answer = await send(() => httpsRequest({ method: 'POST', url: claimUrl, timeoutMs, maxBytes: 64 * 1024 }));
  if (answer.status === 403) {
    throw new ProviderError(PROVIDER, 'invalid_grant', `${originOf(claimUrl)} refused the claim (403)`);
  }
  failOnStatus(answer.status, originOf(claimUrl));
  const text = answer.body.trim();
  if (!parseAccessUrl(text)) {
    throw new ProviderError(
      PROVIDER,
      'invalid_request',
      `${originOf(claimUrl)} answered the claim with something that is not an https access URL`,
    );
  }
  return text;
}

/** `GET /accounts` with pending transactions, in protocol version 2 where the server has it. */
/** The server refused the query itself (400): a server of protocol 1 that knows no `version`, say. */
export class QueryRefused extends ProviderError {}

export async function fetchAccountSet(
  access: AccessUrl,
  query: AccountsQuery,
  timeoutMs: number,
  options: { version: boolean } = { version: true },
): Promise<AccountSet> {
  const url = new URL(`${access.root.pathname}/accounts`, access.root);
  const params = url.searchParams;
  if (query.balancesOnly) params.set('balances-only', '1');
  else params.set('pending', '1');
  if (query.startDate !== undefined) params.set('start-date', String(query.startDate));
  if (query.endDate !== undefined) params.set('end-date', String(query.endDate));
  for (const id of query.accountIds ?? []) params.append('account', id);
  // Protocol 2 has errlist (codes per connection and account); servers without it ignore it or refuse (400).
  if (options.version) params.set('version', '2');
  const answer = await send(() =>
    httpsRequest({ method: 'GET', url, authorization: access.authorization, timeoutMs, maxBytes: MAX_ANSWER_BYTES }),
  );
  const origin = originOf(access.root);
  if (answer.status === 403) {
    throw new ProviderError(PROVIDER, 'login_required', `${origin} refused the access URL (403): access was revoked or disabled`);
  }
  if (answer.status === 402) {
    throw new ProviderError(
      PROVIDER,
      'payment_required',
      `${origin} asks for payment (402): the SimpleFIN Bridge subscription has lapsed`,
    );
  }
  if (answer.status === 400) throw new QueryRefused(PROVIDER, 'invalid_request', `${origin} refused the request (400)`);
  failOnStatus(answer.status, origin);
  let json: unknown;
  try {
    json = JSON.parse(answer.body);
  } catch {
    throw new ProviderError(PROVIDER, 'institution_down', `${origin} answered with something that is not JSON`);
  }
  const parsed = accountSetSchema.safeParse(json);
  if (!parsed.success) {
    throw new ProviderError(PROVIDER, 'institution_down', `${origin} answered with something that is not an account set`);
  }
  return parsed.data;
}

async function send<T>(request: () => Promise<T>): Promise<T> {
  try {
    return await request();
  } catch (error) {
    if (!(error instanceof HttpsFailure)) throw error;
    switch (error.kind) {
      case 'timeout':
        throw new ProviderError(PROVIDER, 'timeout', error.message);
      case 'network':
        throw new ProviderError(PROVIDER, 'institution_down', error.message);
      case 'certificate':
        throw new ProviderError(PROVIDER, 'untrusted_certificate', error.message);
      default:
        // A refused scheme or an answer too large will not pass by trying again.
        throw new ProviderError(PROVIDER, 'invalid_request', error.message);
    }
  }
}

function failOnStatus(status: number, origin: string): void {
  if (status === 200) return;
  if (status === 429) throw new ProviderError(PROVIDER, 'rate_limited', `${origin} says too many requests (429)`);
  if (status >= 500) throw new ProviderError(PROVIDER, 'institution_down', `${origin} failed (${status})`);
  throw new ProviderError(PROVIDER, 'invalid_request', `${origin} answered ${status}`);
}
