import type { Migration } from '../migrator';

/**
 * The last balance a statement stated for a manual account, and its date. The account's
 * balance is that plus the rows dated after it (or the sum of all rows when no statement
 * ever stated one), so a later file without balances keeps it right.
 */
export const statementBalance: Migration = {
  version: 3,
  name: 'statement balance of manual accounts',
  sql: `
ALTER TABLE accounts ADD COLUMN statement_balance_cents INTEGER;
ALTER TABLE accounts ADD COLUMN statement_balance_date TEXT;
`,
};
