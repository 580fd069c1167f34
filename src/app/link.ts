import type { NormalizedAccount } from '../core/account';
import type { Account, Connection } from '../core/connection';
import { AppError } from '../core/errors';
import { NormalizeError, ProviderError } from '../providers/errors';
import type { BankProvider } from '../providers/provider';
import { CLIENT_ID, REDIRECT_URI } from '../providers/sim/oauth-server';
import { listConnectionAccounts, upsertBankAccounts } from '../storage/accounts-repo';
import { findConnection, findLiveConnection } from '../storage/connections-repo';
import type { AppContext } from './context';
import { newPkce, newState } from './pkce';
import { sealTokenSet, tokenSetFrom } from './tokens';

export interface ConsentRequest {
  bankName: string;
  scopes: readonly string[];
  endpoint: string;
}

export interface LinkOptions {
  providerId: string;
  /** Asks the person to approve; true approves. */
  confirm: (consent: ConsentRequest) => Promise<boolean>;
}

export interface LinkResult {
  connection: Connection;
  accounts: Account[];
  /** True when an existing connection that needed relinking was repaired. */
  repaired: boolean;
  /** Bank accounts that could not be read, with the reason. */
  skippedAccounts: string[];
}

export function findProvider(ctx: AppContext, id: string): BankProvider {
  const provider = ctx.providers.get(id.toLowerCase());
  if (!provider) {
    throw new AppError('not_found', `no bank ${JSON.stringify(id)}`, `banks: ${[...ctx.providers.keys()].join(', ')}`);
  }
  return provider;
}

/**
 * The OAuth authorization-code flow with PKCE, then the connection and its accounts.
 * Linking a bank that is linked already is refused, unless its connection needs
 * relinking: then the same connection is repaired, keeping its accounts and history.
 */
export async function linkBank(ctx: AppContext, options: LinkOptions): Promise<LinkResult> {
  const provider = findProvider(ctx, options.providerId);
  const existing = await findLiveConnection(ctx.db, provider.id);
  if (existing && existing.status !== 'needs_relink') {
    throw new AppError(
      'conflict',
      `${provider.name} is already linked (connection ${existing.id})`,
      `to link it again: finagg unlink ${provider.id}`,
    );
  }

  const pkce = newPkce(ctx.random);
  const state = newState(ctx.random);
  const scope = provider.scopes.join(' ');
  const approved = await options.confirm({
    bankName: provider.name,
    scopes: provider.scopes,
    endpoint: provider.authorization.authorizeEndpoint,
  });
  const redirect = await provider.authorization
    .authorize(
      {
        response_type: 'code',
        client_id: CLIENT_ID,
        redirect_uri: REDIRECT_URI,
        scope,
        state,
        code_challenge: pkce.challenge,
        code_challenge_method: 'S256',
      },
      approved ? 'approve' : 'deny',
    )
    .catch((error: unknown) => {
      throw linkFailure(provider, error);
    });
  const code = readRedirect(provider, redirect, state);
  const response = await provider.authorization
    .token({
      grant_type: 'authorization_code',
      code,
      redirect_uri: REDIRECT_URI,
      client_id: CLIENT_ID,
      code_verifier: pkce.verifier,
    })
    .catch((error: unknown) => {
      throw linkFailure(provider, error);
    });

  const now = ctx.clock.nowMs();
  const nowIso = new Date(now).toISOString();
  const tokens = tokenSetFrom(response, now);
  const rawAccounts = await provider.fetchAccounts(tokens.access_token).catch((error: unknown) => {
    throw linkFailure(provider, error);
  });
  const accounts: NormalizedAccount[] = [];
  const skippedAccounts: string[] = [];
  for (const raw of rawAccounts) {
    try {
      accounts.push(provider.normalizeAccount(raw));
    } catch (error) {
      if (!(error instanceof NormalizeError)) throw error;
      skippedAccounts.push(error.message);
      ctx.log.log('warn', 'link.account_rejected', { provider: provider.id, reason: error.message });
    }
  }

  // The key first: creating it may ask the keychain, which must not happen inside the
  // write transaction below.
  await ctx.keyStore.getOrCreateKey();
  const connectionId = await ctx.db.transaction().execute(async (trx) => {
    let id: number;
    if (existing) {
      id = existing.id;
    } else {
      const inserted = await trx
        .insertInto('connections')
        .values({ provider: provider.id, status: 'active', scopes: tokens.scope, created_at: nowIso, updated_at: nowIso })
        .returning('id')
        .executeTakeFirstOrThrow();
      id = inserted.id;
    }
    const sealed = await sealTokenSet(ctx, id, tokens);
    await trx
      .updateTable('connections')
      .set({
        status: 'active',
        token_sealed: sealed,
        token_expires_at: new Date(tokens.expires_at).toISOString(),
        scopes: tokens.scope,
        last_error: null,
        failure_count: 0,
        next_attempt_at: null,
        updated_at: nowIso,
      })
      .where('id', '=', id)
      .execute();
    await upsertBankAccounts(trx, id, provider.id, accounts, nowIso);
    return id;
  });
  ctx.log.log('info', existing ? 'link.repaired' : 'link.created', { provider: provider.id, connection_id: connectionId });
  const connection = await findConnection(ctx.db, connectionId);
  return {
    connection: connection!,
    accounts: await listConnectionAccounts(ctx.db, connectionId),
    repaired: existing !== undefined,
    skippedAccounts,
  };
}

/** The code from the bank's redirect, after checking that it answers our own request. */
function readRedirect(provider: BankProvider, redirect: string, state: string): string {
  const url = new URL(redirect);
  if (`${url.origin}${url.pathname}` !== REDIRECT_URI) {
    throw new AppError('security', `${provider.name} redirected to an unexpected address`, 'nothing was linked');
  }
  // A mismatched state means this redirect answers someone else's request (CSRF).
  if (url.searchParams.get('state') !== state) {
    throw new AppError(
      'security',
      `${provider.name} answered with a state that does not match the request`,
      'nothing was linked; try again',
    );
  }
  const error = url.searchParams.get('error');
  if (error === 'access_denied') throw new AppError('provider_error', 'consent was declined; nothing was linked');
  if (error) throw new AppError('provider_error', `${provider.name} refused the request (${error})`);
  const code = url.searchParams.get('code');
  if (!code) throw new AppError('provider_error', `${provider.name} sent no authorization code`);
  return code;
}

function linkFailure(provider: BankProvider, error: unknown): unknown {
  if (!(error instanceof ProviderError)) return error;
  switch (error.kind) {
    case 'invalid_credentials':
      return new AppError(
        'provider_error',
        `${provider.name} did not accept the login`,
        'check your credentials at the bank and try again',
      );
    case 'rate_limited':
    case 'institution_down':
    case 'timeout':
      return new AppError(
        'provider_error',
        `${provider.name} is not answering (${error.kind.replace('_', ' ')})`,
        'try again later',
      );
    default:
      return new AppError('provider_error', `${provider.name} refused the link: ${error.message}`);
  }
}
