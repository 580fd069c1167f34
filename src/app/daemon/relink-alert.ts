import { alertChannels } from '../../core/alert-delivery';
import type { AppContext } from '../context';
import { getSettings } from '../settings';

/**
 * One alert per connection that needs the person to log in again: written once, while
 * the connection stays in that state (a relink changes `updated_at`, so a later loss of
 * consent alerts again).
 */
export async function alertNeedsRelink(
  ctx: AppContext,
  connection: { id: number; provider: string; updatedAt: string },
): Promise<boolean> {
  const existing = await ctx.db
    .selectFrom('alerts')
    .select('id')
    .where('type', '=', 'needs_relink')
    .where('connection_id', '=', connection.id)
    .where('created_at', '>=', connection.updatedAt)
    .executeTakeFirst();
  if (existing) return false;
  const channels = alertChannels(await getSettings(ctx));
  const nowIso = new Date(ctx.clock.nowMs()).toISOString();
  await ctx.db.transaction().execute(async (trx) => {
    const { id } = await trx
      .insertInto('alerts')
      .values({
        type: 'needs_relink',
        connection_id: connection.id,
        message: relinkText(
          connection.provider,
          connection.id,
          ctx.providers.get(connection.provider)?.link.method === 'redirect_consent',
        ),
        created_at: nowIso,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await trx
      .insertInto('alert_deliveries')
      .values(channels.map((channel) => ({ alert_id: id, channel, attempts: 0 })))
      .execute();
  });
  return true;
}

/** The alert of a connection that needs a new log-in; a consent bank's command names the connection. */
export function relinkText(provider: string, connectionId: number, byConsent: boolean): string {
  return `${provider} asks you to log in again; the daemon skips it until you run: finagg link ${provider}${byConsent ? ` --relink ${connectionId}` : ''}`;
}
