import type { Migration } from '../migrator';

/**
 * A consent that ends (PSD2, through Enable Banking): when it ends and which bank it was
 * given at, on the connection, so that `connections` shows it, alerts warn before it and
 * a relink asks the same bank. And a count of each account's syncs a day: a bank may
 * refuse more than four reads a day per account without the person present.
 */
export const consent: Migration = {
  version: 17,
  name: 'consent end and per-account daily syncs',
  sql: `
ALTER TABLE connections ADD COLUMN consent_expires_at TEXT;
ALTER TABLE connections ADD COLUMN institution TEXT;
ALTER TABLE accounts ADD COLUMN syncs_day TEXT;
ALTER TABLE accounts ADD COLUMN syncs_used INTEGER NOT NULL DEFAULT 0;
`,
};
