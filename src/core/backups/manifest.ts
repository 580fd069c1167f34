/**
 * What a backup says about itself, beside the database and the data key in its archive:
 * enough for a restore to refuse a backup it cannot use before touching anything, and for
 * a person who opened it with `age -d | tar x` to see what it is.
 */
export interface BackupManifest {
  format: 'finagg-backup';
  format_version: 1;
  finagg_version: string;
  schema_version: number;
  created_at: string;
  /** Rows per table at the moment of the copy. */
  rows: Record<string, number>;
}

/** The archive's members, in the order they are written (the manifest first: `tar t` shows it at once). */
export const ARCHIVE_MEMBERS = {
  manifest: 'finagg-backup/manifest.json',
  dataKey: 'finagg-backup/data-key',
  database: 'finagg-backup/finagg.db',
} as const;

export function makeManifest(fields: Omit<BackupManifest, 'format' | 'format_version'>): BackupManifest {
  return { format: 'finagg-backup', format_version: 1, ...fields };
}

/** The manifest of an archive's text, or why it is not one this finagg reads. */
export function parseManifest(text: string): BackupManifest | { error: string } {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { error: 'its manifest is not JSON' };
  }
  const m = value as Partial<BackupManifest> | null;
  if (typeof m !== 'object' || m === null || m.format !== 'finagg-backup') return { error: 'it is not a finagg backup' };
  if (m.format_version !== 1) return { error: `its format version ${String(m.format_version)} is newer than this finagg reads` };
  if (typeof m.finagg_version !== 'string' || typeof m.created_at !== 'string' || Number.isNaN(Date.parse(m.created_at)))
    return { error: 'its manifest lacks the version or time it was made' };
  if (!Number.isInteger(m.schema_version) || (m.schema_version as number) < 1)
    return { error: 'its manifest lacks a schema version' };
  const rows = m.rows;
  if (typeof rows !== 'object' || rows === null || !Object.values(rows).every((n) => Number.isInteger(n) && n >= 0))
    return { error: 'its manifest lacks the row counts' };
  return m as BackupManifest;
}

/** An age recipient of the X25519 kind (`age1` and 58 bech32 characters): the recovery key's public half. */
export const AGE_RECIPIENT = /^age1[02-9ac-hj-np-z]{58}$/;
/** An age identity of the same kind: the recovery key itself. Never shown back in an error. */
export const AGE_IDENTITY = /^AGE-SECRET-KEY-1[02-9AC-HJ-NP-Z]{58}$/;
