import type { Migration } from '../migrator';

/**
 * What finagg knows of each backup target (a folder or an rclone remote, as the person
 * wrote it): the last backup written there and read back, and the last failure. `doctor`
 * reads it without asking a remote, and it travels in the backup, so a restored home
 * knows where its backups are.
 */
export const backupTargets: Migration = {
  version: 25,
  name: 'backup targets',
  sql: `
CREATE TABLE backup_targets (
  target        TEXT PRIMARY KEY,
  last_name     TEXT,
  last_at       TEXT,
  last_bytes    INTEGER,
  last_error    TEXT,
  last_error_at TEXT
);
`,
};
