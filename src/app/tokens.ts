import * as z from '../validation/zod';
import { AppError } from '../core/errors';
import { ProviderError } from '../providers/errors';
import type { BankProvider } from '../providers/provider';
import { CLIENT_ID } from '../providers/sim/oauth-server';
import type { TokenResponse } from '../providers/sim/oauth-types';
import { openToken, sealToken } from '../security/vault';
import { readSealedToken, setConnectionStatus } from '../storage/connections-repo';
import type { AppContext } from './context';
import { withRefreshLock } from './refresh-lock';

/** What is sealed in `connections.token_sealed`. */
const TokenSet = z.object({
  access_token: z.string().check(z.minLength(1)),
  refresh_token: z.string().check(z.minLength(1)),
  expires_at: z.number().check(z.int()),
  scope: z.string(),
});
type TokenSet = z.infer<typeof TokenSet>;

/**
 * A long-lived secret that is never refreshed: SimpleFIN's access URL. Sealed as
 * `{"secret": ...}`; an OAuth token set has no `secret` key, so the two never mix up.
 */
const StaticSecret = z.object({ secret: z.string().check(z.minLength(1)) });
type StaticSecret = z.infer<typeof StaticSecret>;
type Credential = TokenSet | StaticSecret;

const isStatic = (credential: Credential): credential is StaticSecret => 'secret' in credential;

/** Refresh a little before expiry, so a token does not lapse mid-sync. */
const EXPIRY_MARGIN_MS = 60_000;

/** Binds a sealed token to its connection row: a ciphertext moved to another row does not open. */
export function tokenAssociatedData(connectionId: number): string {
  return `finagg:connection:${connectionId}`;
}

export function tokenSetFrom(response: TokenResponse, nowMs: number): TokenSet {
  return {
    access_token: response.access_token,
    refresh_token: response.refresh_token,
    expires_at: nowMs + response.expires_in * 1000,
    scope: response.scope,
  };
}

/** Seals a token set for a connection (the key is created on first use). */
export async function sealTokenSet(ctx: AppContext, connectionId: number, tokens: TokenSet): Promise<Buffer> {
  const key = await ctx.keyStore.getOrCreateKey();
  return sealToken(key, JSON.stringify(tokens), tokenAssociatedData(connectionId), ctx.random);
}

/** Seals a provider's long-lived secret for a connection (the key is created on first use). */
export async function sealStaticSecret(ctx: AppContext, connectionId: number, secret: string): Promise<Buffer> {
  const key = await ctx.keyStore.getOrCreateKey();
  return sealToken(key, JSON.stringify({ secret }), tokenAssociatedData(connectionId), ctx.random);
}

/** Opens the stored OAuth token set of a connection; undefined when it holds a static secret. */
export async function openTokenSet(ctx: AppContext, connectionId: number, provider: string): Promise<TokenSet | undefined> {
  const credential = await openCredential(ctx, connectionId, provider);
  return isStatic(credential) ? undefined : credential;
}

/** Opens the stored credential of a connection, or explains why it cannot be. */
async function openCredential(ctx: AppContext, connectionId: number, provider: string): Promise<Credential> {
  const sealed = await readSealedToken(ctx.db, connectionId);
  const relink = `relink the bank: finagg link ${provider}`;
  if (!sealed) throw new AppError('needs_relink', `connection ${connectionId} has no stored token`, relink);
  const key = await ctx.keyStore.getKey();
  if (!key) throw new AppError('security', 'the data key is missing, so stored bank tokens cannot be opened', relink);
  const unreadable = new AppError('security', `the stored token of connection ${connectionId} cannot be opened`, relink);
  let plaintext: string;
  try {
    plaintext = openToken(key, sealed, tokenAssociatedData(connectionId));
  } catch {
    throw unreadable; // tampered, moved from another connection, or sealed with another key
  }
  let json: unknown;
  try {
    json = JSON.parse(plaintext);
  } catch {
    throw unreadable;
  }
  const secret = StaticSecret.safeParse(json);
  if (secret.success) return secret.data;
  const parsed = TokenSet.safeParse(json);
  if (!parsed.success) throw unreadable;
  return parsed.data;
}

/**
 * A valid access token for a connection, refreshing it (and storing the rotated refresh
 * token) when it has expired. A refresh the bank refuses means the consent is gone:
 * the connection is marked `needs_relink`.
 *
 * The bank rotates refresh tokens and takes a reused one as theft, revoking the grant.
 * The daemon and a person's `finagg sync` may refresh at the same moment, so a refresh
 * happens under a lock file per connection, and reads the tokens again inside it: when
 * the other process has refreshed meanwhile, its new token is used.
 */
export async function accessTokenFor(
  ctx: AppContext,
  connectionId: number,
  provider: BankProvider,
  options: { forceRefresh?: boolean } = {},
): Promise<string> {
  const credential = await openCredential(ctx, connectionId, provider.id);
  if (isStatic(credential)) return credential.secret;
  const first = credential;
  if (!options.forceRefresh && first.expires_at - EXPIRY_MARGIN_MS > ctx.clock.nowMs()) return first.access_token;
  return withRefreshLock(ctx.home, connectionId, async () => {
    const reread = await openCredential(ctx, connectionId, provider.id);
    if (isStatic(reread)) return reread.secret;
    const tokens = reread;
    const refreshedMeanwhile = tokens.refresh_token !== first.refresh_token;
    const stillGood = !options.forceRefresh && tokens.expires_at - EXPIRY_MARGIN_MS > ctx.clock.nowMs();
    if (refreshedMeanwhile || stillGood) return tokens.access_token;
    return refresh(ctx, connectionId, provider, tokens);
  });
}

async function refresh(ctx: AppContext, connectionId: number, provider: BankProvider, tokens: TokenSet): Promise<string> {
  const now = ctx.clock.nowMs();
  if (provider.link.method !== 'oauth_code') {
    throw new AppError('needs_relink', `${provider.name} has no way to refresh its access`, `run: finagg link ${provider.id}`);
  }
  const { authorization } = provider.link;
  let response: TokenResponse;
  try {
    response = await authorization.token({
      grant_type: 'refresh_token',
      refresh_token: tokens.refresh_token,
      client_id: CLIENT_ID,
    });
  } catch (error) {
    if (error instanceof ProviderError && (error.kind === 'invalid_grant' || error.kind === 'login_required')) {
      await setConnectionStatus(
        ctx.db,
        connectionId,
        'needs_relink',
        'the bank asks you to log in again',
        new Date(now).toISOString(),
      );
      throw new AppError('needs_relink', `${provider.name} asks you to log in again`, `run: finagg link ${provider.id}`);
    }
    throw error;
  }
  const next = tokenSetFrom(response, now);
  const sealed = await sealTokenSet(ctx, connectionId, next);
  await ctx.db
    .updateTable('connections')
    .set({
      token_sealed: sealed,
      token_expires_at: new Date(next.expires_at).toISOString(),
      updated_at: new Date(now).toISOString(),
    })
    .where('id', '=', connectionId)
    .execute();
  ctx.log.log('info', 'token.refreshed', { connection_id: connectionId, provider: provider.id });
  return next.access_token;
}
