import type { Connection, ConnectionStatus } from '../core/connection';
import type { Db } from './kysely';
import type { ConnectionsTable } from './schema';

type ConnectionRow = Pick<
  ConnectionsTable,
  'provider' | 'status' | 'created_at' | 'last_synced_at' | 'last_error' | 'notice' | 'consent_expires_at' | 'institution'
> & {
  id: number;
};

const COLUMNS = [
  'id',
  'provider',
  'status',
  'created_at',
  'last_synced_at',
  'last_error',
  'notice',
  'consent_expires_at',
  'institution',
] as const;

export function connectionRowToConnection(row: ConnectionRow): Connection {
  return {
    id: row.id,
    provider: row.provider,
    status: row.status,
    createdAt: row.created_at,
    lastSyncedAt: row.last_synced_at,
    lastError: row.last_error,
    notice: row.notice,
    consentExpiresAt: row.consent_expires_at,
    institution: row.institution,
  };
}

export async function listConnections(db: Db, options: { includeRevoked: boolean }): Promise<Connection[]> {
  let query = db.selectFrom('connections').select(COLUMNS).orderBy('id');
  if (!options.includeRevoked) query = query.where('status', '<>', 'revoked');
  return (await query.execute()).map(connectionRowToConnection);
}

/** The live (not revoked) connection of a bank, if any. */
export async function findLiveConnection(db: Db, provider: string): Promise<Connection | undefined> {
  const row = await db
    .selectFrom('connections')
    .select(COLUMNS)
    .where('provider', '=', provider)
    .where('status', '<>', 'revoked')
    .executeTakeFirst();
  return row && connectionRowToConnection(row);
}

export async function findConnection(db: Db, id: number): Promise<Connection | undefined> {
  const row = await db.selectFrom('connections').select(COLUMNS).where('id', '=', id).executeTakeFirst();
  return row && connectionRowToConnection(row);
}

export async function readSealedToken(db: Db, id: number): Promise<Buffer | null> {
  const row = await db.selectFrom('connections').select('token_sealed').where('id', '=', id).executeTakeFirst();
  return row?.token_sealed ?? null;
}

export async function setConnectionStatus(
  db: Db,
  id: number,
  status: ConnectionStatus,
  lastError: string | null,
  nowIso: string,
): Promise<void> {
  await db.updateTable('connections').set({ status, last_error: lastError, updated_at: nowIso }).where('id', '=', id).execute();
}
