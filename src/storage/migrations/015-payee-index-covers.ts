import type { Migration } from '../migrator';

/**
 * The payee index holds what a stream's candidate query reads (the amount's direction,
 * the date, the pairing), so keeping streams up to date after a sync reads each touched
 * payee from the index alone: a daily coffee with 80,000 rows took 150 ms of row lookups
 * at a million rows, and a day's sync touches dozens of such payees.
 */
export const payeeIndexCovers: Migration = {
  version: 15,
  name: 'payee index covers the stream candidates',
  sql: `
DROP INDEX transactions_payee;
CREATE INDEX transactions_payee ON transactions (account_id, payee_key, amount_cents > 0, date, transfer_id)
  WHERE removed = 0 AND pending = 0;
`,
};
