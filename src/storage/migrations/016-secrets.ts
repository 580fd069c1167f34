import type { Migration } from '../migrator';

/**
 * Secrets of the alert channels (the SMTP password, the push token): sealed with the
 * data key like bank tokens, in a table of their own so that the settings table, which
 * `config list` prints, never holds one.
 */
export const secrets: Migration = {
  version: 16,
  name: 'sealed secrets of the alert channels',
  sql: `
CREATE TABLE secrets (
  key        TEXT PRIMARY KEY,
  sealed     BLOB NOT NULL,
  updated_at TEXT NOT NULL
);
`,
};
