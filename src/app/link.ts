import type { NormalizedAccount } from '../core/account';
import type { Account, Connection } from '../core/connection';
import { AppError } from '../core/errors';
import { NormalizeError, ProviderError } from '../providers/errors';
import type { OAuthCodeLink, RedirectConsentLink, SetupTokenLink } from '../providers/link-method';
import type { BankProvider } from '../providers/provider';
import { CLIENT_ID, REDIRECT_URI } from '../providers/sim/oauth-server';
import { listConnectionAccounts, upsertBankAccounts } from '../storage/accounts-repo';
import { findConnection, findLiveConnection } from '../storage/connections-repo';
import type { AppContext } from './context';
import { newPkce, newState } from './pkce';
import { budgetDay } from '../core/request-budget';
import { LinkMeter } from './request-budget';
import { sealStaticSecret, sealTokenSet, tokenSetFrom } from './tokens';
import { type ConsentOptions, institutionOf, parseInstitution, redirectConsent } from './consent/consent-link';
import type { Db } from '../storage/kysely';

export interface ConsentRequest {
  bankName: string;
  scopes: readonly string[];
  endpoint: string;
}

export interface LinkOptions {
  providerId: string;
  /** OAuth providers: asks the person to approve; true approves. */
  confirm: (consent: ConsentRequest) => Promise<boolean>;
  /** Setup-token providers: asks the person for the token (never from argv). */
  setupToken?: (request: { bankName: string; tokenPage: string }) => Promise<string>;
  /** Redirect-consent providers (Enable Banking): the application, the bank, the redirect. */
  consent?: ConsentOptions;
  /** Renews this connection's consent onto its accounts and history (`--relink`). */
  relink?: number;
}

export interface LinkResult {
  connection: Connection;
  accounts: Account[];
  /** True when an existing connection that needed relinking was repaired. */
  repaired: boolean;
  /** Bank accounts that could not be read, with the reason. */
  skippedAccounts: string[];
}

/** What a link method yields: the secret to seal, and how to call the bank with it now. */
interface Grant {
  /** The token to call the bank with during the link. */
  accessToken: string;
  seal(ctx: AppContext, connectionId: number): Promise<Buffer>;
  expiresAt: string | null;
  scopes: string;
  /** When a consent ends (redirect consent), and the bank it was given at. */
  consentExpiresAt?: string | null;
  institution?: string;
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
  if (provider.link.method === 'redirect_consent') return linkByConsent(ctx, provider, provider.link, options);
  if (options.relink !== undefined) {
    throw new AppError(
      'usage',
      `--relink is for banks linked by consent; ${provider.id} relinks with: finagg link ${provider.id}`,
    );
  }
  const existing = await findLiveConnection(ctx.db, provider.id);
  if (existing && existing.status !== 'needs_relink') {
    throw new AppError(
      'conflict',
      `${provider.name} is already linked (connection ${existing.id})`,
      `to link it again: finagg unlink ${provider.id}`,
    );
  }

  const grant =
    provider.link.method === 'oauth_code'
      ? await oauthGrant(ctx, provider, provider.link, options)
      : await setupTokenGrant(provider, provider.link, options);
  return saveLink(ctx, provider, grant, existing);
}

/**
 * A bank linked by consent through an aggregator (Enable Banking): one connection per bank,
 * so several banks link side by side. `relink` renews a connection's consent (ended, or
 * about to): the new session's accounts are the same finagg accounts (their ids are the
 * account numbers), so history, edits and budgets stay.
 */
async function linkByConsent(
  ctx: AppContext,
  provider: BankProvider,
  link: RedirectConsentLink,
  options: LinkOptions,
): Promise<LinkResult> {
  let renew: { id: number; bank: { name: string; country: string } | undefined } | undefined;
  if (options.relink !== undefined) {
    const row = await consentConnection(ctx.db, options.relink);
    if (!row || row.provider !== provider.id || row.status === 'revoked') {
      throw new AppError('not_found', `no ${provider.name} connection ${options.relink} to relink`, 'see finagg connections');
    }
    renew = { id: row.id, bank: parseInstitution(row.institution) };
  }
  const consent = await redirectConsent(ctx, provider.name, link, options.consent ?? {}, renew?.bank).catch((error: unknown) => {
    throw linkFailure(provider, error);
  });
  const institution = institutionOf(consent.grant.bank);
  let existing: Connection | undefined;
  if (renew) existing = await findConnection(ctx.db, renew.id);
  else {
    const same = await ctx.db
      .selectFrom('connections')
      .select(['id', 'status'])
      .where('provider', '=', provider.id)
      .where('institution', '=', institution)
      .where('status', '<>', 'revoked')
      .executeTakeFirst();
    if (same && same.status !== 'needs_relink') {
      // The new session is not kept: ended at once, so no consent is left open unused.
      await link.end(consent.app, consent.grant.secret).catch(() => undefined);
      throw new AppError(
        'conflict',
        `${consent.grant.bank.name} is already linked (connection ${same.id})`,
        `to renew its consent: finagg link ${provider.id} --relink ${same.id}`,
      );
    }
    if (same) existing = await findConnection(ctx.db, same.id);
  }
  const secret = consent.grant.secret;
  return saveLink(
    ctx,
    provider,
    {
      accessToken: secret,
      seal: (c, id) => sealStaticSecret(c, id, secret),
      expiresAt: null,
      scopes: '',
      consentExpiresAt: consent.grant.consentExpiresAt,
      institution,
    },
    existing,
  );
}

async function consentConnection(db: Db, id: number) {
  return db.selectFrom('connections').select(['id', 'provider', 'status', 'institution']).where('id', '=', id).executeTakeFirst();
}

/** The accounts of a new grant, and the connection that holds it (a new one, or the one repaired). */
async function saveLink(
  ctx: AppContext,
  provider: BankProvider,
  grant: Grant,
  existing: Connection | undefined,
): Promise<LinkResult> {
  const now = ctx.clock.nowMs();
  const nowIso = new Date(now).toISOString();
  // Requests made while linking count against the provider's daily budget; the
  // connection row does not exist yet, so they are counted here and stored with it.
  const meter = new LinkMeter(provider);
  const rawAccounts = await provider.fetchAccounts(grant.accessToken, meter).catch((error: unknown) => {
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
        .values({
          provider: provider.id,
          status: 'active',
          scopes: grant.scopes,
          // One live connection per bank (migration 020): the bank is known before the row.
          institution: grant.institution ?? null,
          created_at: nowIso,
          updated_at: nowIso,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      id = inserted.id;
    }
    const sealed = await grant.seal(ctx, id);
    await trx
      .updateTable('connections')
      .set({
        status: 'active',
        token_sealed: sealed,
        token_expires_at: grant.expiresAt,
        scopes: grant.scopes,
        last_error: null,
        notice: null,
        failure_count: 0,
        next_attempt_at: null,
        // A new grant is a new access URL at the provider, with a budget of its own.
        requests_day: budgetDay(now),
        requests_used: meter.used,
        ...(grant.institution !== undefined
          ? { consent_expires_at: grant.consentExpiresAt ?? null, institution: grant.institution }
          : {}),
        updated_at: nowIso,
      })
      .where('id', '=', id)
      .execute();
    if (existing && grant.institution !== undefined) {
      // A new consent is a new session: the old one's paging keys mean nothing to it, and
      // the bank counts the day's reads per consent.
      await trx
        .updateTable('accounts')
        .set({ sync_cursor: null, sync_fetch_state: null, syncs_day: null, syncs_used: 0 })
        .where('connection_id', '=', id)
        .execute();
    }
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

async function oauthGrant(ctx: AppContext, provider: BankProvider, link: OAuthCodeLink, options: LinkOptions): Promise<Grant> {
  const pkce = newPkce(ctx.random);
  const state = newState(ctx.random);
  const approved = await options.confirm({
    bankName: provider.name,
    scopes: link.scopes,
    endpoint: link.authorization.authorizeEndpoint,
  });
  const redirect = await link.authorization
    .authorize(
      {
        response_type: 'code',
        client_id: CLIENT_ID,
        redirect_uri: REDIRECT_URI,
        scope: link.scopes.join(' '),
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
  const response = await link.authorization
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
  const tokens = tokenSetFrom(response, ctx.clock.nowMs());
  return {
    accessToken: tokens.access_token,
    seal: (c, id) => sealTokenSet(c, id, tokens),
    expiresAt: new Date(tokens.expires_at).toISOString(),
    scopes: tokens.scope,
  };
}

/**
 * A setup token is checked for its form before any request, then claimed with one
 * request. A claim the provider refuses may mean someone else claimed it first: the
 * person is told to disable it (the SimpleFIN protocol requires saying so).
 */
async function setupTokenGrant(provider: BankProvider, link: SetupTokenLink, options: LinkOptions): Promise<Grant> {
  if (!options.setupToken) {
    throw new AppError('usage', `linking ${provider.name} needs a setup token`, `make one at ${link.tokenPage}`);
  }
  const token = (await options.setupToken({ bankName: provider.name, tokenPage: link.tokenPage })).trim();
  link.checkToken(token);
  const secret = await link.claim(token).catch((error: unknown) => {
    if (error instanceof ProviderError && error.kind === 'invalid_grant') {
      return Promise.reject(
        new AppError(
          'provider_error',
          `${provider.name} refused the setup token: it is wrong or was claimed already`,
          `if you did not claim it yourself, it may be compromised: disable it at ${link.tokenPage} and make a new one`,
        ),
      );
    }
    return Promise.reject(linkFailure(provider, error));
  });
  return { accessToken: secret, seal: (c, id) => sealStaticSecret(c, id, secret), expiresAt: null, scopes: '' };
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

const CERTIFICATE_HINT =
  'finagg talks only to servers whose certificate verifies; for a test server, give its CA in NODE_EXTRA_CA_CERTS';

/** A bank's typed failure during a link (or a look at its list of banks), as one line for the person. */
export function linkFailure(provider: BankProvider, error: unknown): unknown {
  if (!(error instanceof ProviderError)) return error;
  switch (error.kind) {
    case 'invalid_credentials':
      return new AppError(
        'provider_error',
        `${provider.name} did not accept the login`,
        'check your credentials at the bank and try again',
      );
    case 'login_required':
      return new AppError(
        'provider_error',
        `${provider.name} refused the access it just granted`,
        'make a new token and try again',
      );
    case 'payment_required':
      return new AppError('provider_error', `${provider.name}: ${error.message}`);
    case 'budget_exhausted':
      return new AppError('provider_error', `${provider.name}: ${error.message}`);
    case 'untrusted_certificate':
      return new AppError('provider_error', `${provider.name}: ${error.message}`, CERTIFICATE_HINT);
    case 'application_refused':
      return new AppError(
        'provider_error',
        `${provider.name} refused your application: ${error.message}`,
        'check --app-id and --key-file: the key must be the one made for that application',
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
