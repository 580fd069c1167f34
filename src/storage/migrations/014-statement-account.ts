import type { Migration } from '../migrator';

/**
 * The bank's own number of the account whose statements a manual account holds (OFX
 * ACCTID, a CAMT IBAN, a QIF account name), remembered at its first import: a file with
 * several statements then puts each into its own account, and a statement of another
 * account is not put into this one by mistake.
 */
export const statementAccount: Migration = {
  version: 14,
  name: 'statement account of manual accounts',
  sql: `ALTER TABLE accounts ADD COLUMN statement_account TEXT;`,
};
