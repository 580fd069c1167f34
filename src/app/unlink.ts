import type { Connection } from '../core/connection';
import { AppError } from '../core/errors';
import { findConnection, findLiveConnection, listConnections } from '../storage/connections-repo';
import type { AppContext } from './context';
import { accessTokenFor, openTokenSet } from './tokens';
import { requireAppCredentials } from './consent/app-credentials';

export interface UnlinkResult {
  connection: Connection;
  /** Whether the bank confirmed the revocation (false when it could not be reached). */
  revokedAtBank: boolean;
  /** What the person must still do at the provider (SimpleFIN: disable the token at the Bridge). */
  revokeHint?: string;
  purged: boolean;
}

/**
 * Revokes the connection's tokens at the bank and deletes them here. History stays
 * unless `purge`: then the connection, its accounts and their transactions go.
 */
export async function unlinkBank(ctx: AppContext, ref: string, options: { purge: boolean }): Promise<UnlinkResult> {
  const connection = await resolveConnection(ctx, ref);
  const provider = ctx.providers.get(connection.provider);
  let revokedAtBank = false;
  if (provider?.link.method === 'oauth_code' && connection.status !== 'revoked') {
    try {
      const tokens = await openTokenSet(ctx, connection.id, provider.id);
      // Revoking the refresh token revokes the whole grant, access token included.
      if (tokens) await provider.link.authorization.revoke(tokens.refresh_token);
      revokedAtBank = tokens !== undefined;
    } catch (error) {
      // The token is deleted here whatever the bank says: a person who unlinks wants
      // no usable token left on this machine.
      ctx.log.log('warn', 'unlink.revoke_failed', { connection_id: connection.id, error: (error as Error).message });
    }
  }
  if (provider?.link.method === 'redirect_consent' && connection.status !== 'revoked') {
    try {
      // Deleting the session at the aggregator closes the consent at the bank, where it can.
      await provider.link.end(await requireAppCredentials(ctx), await accessTokenFor(ctx, connection.id, provider));
      revokedAtBank = true;
    } catch (error) {
      ctx.log.log('warn', 'unlink.revoke_failed', { connection_id: connection.id, error: (error as Error).message });
    }
  }
  const nowIso = new Date(ctx.clock.nowMs()).toISOString();
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .updateTable('connections')
      .set({ status: 'revoked', token_sealed: null, token_expires_at: null, updated_at: nowIso })
      .where('id', '=', connection.id)
      .execute();
    if (options.purge) {
      await trx.deleteFrom('accounts').where('connection_id', '=', connection.id).execute();
      await trx.deleteFrom('connections').where('id', '=', connection.id).execute();
    }
  });
  ctx.log.log('info', 'unlink', { connection_id: connection.id, provider: connection.provider, purge: options.purge });
  const revokeHint = provider?.link.method === 'setup_token' ? provider.link.revokeHint : undefined;
  return { connection: { ...connection, status: 'revoked' }, revokedAtBank, purged: options.purge, revokeHint };
}

/** A connection by id, or the live connection of a bank by the bank's id. */
async function resolveConnection(ctx: AppContext, ref: string): Promise<Connection> {
  if (!/^\d+$/.test(ref)) {
    // A provider that reaches many banks (Enable Banking) may hold several connections:
    // naming the provider then names none of them.
    const live = (await listConnections(ctx.db, { includeRevoked: false })).filter((c) => c.provider === ref.toLowerCase());
    if (live.length > 1) {
      const which = live.map((c) => `${c.id}${c.institution ? ` (${c.institution.replace(/^[A-Z]{2}:/, '')})` : ''}`).join(', ');
      throw new AppError('usage', `${ref} has ${live.length} connections: ${which}`, 'unlink one by its id: finagg unlink <id>');
    }
  }
  const found = /^\d+$/.test(ref)
    ? await findConnection(ctx.db, Number(ref))
    : await findLiveConnection(ctx.db, ref.toLowerCase());
  if (!found) throw new AppError('not_found', `no linked connection ${JSON.stringify(ref)}`, 'see finagg connections');
  return found;
}
