import type { Migration } from '../migrator';

/**
 * A purchase split across categories (`tx split`): its parts, in the order given, each
 * with its category and amount in the transaction's currency and sign. The parts sum to
 * the transaction's amount (app/split-transaction.ts checks it); the transaction keeps
 * the category of its largest part, so a reader that knows one category per row still
 * reads the main one. Deleting the row deletes its parts.
 */
export const splits: Migration = {
  version: 13,
  name: 'splits',
  sql: `
    CREATE TABLE transaction_splits (
      transaction_id INTEGER NOT NULL REFERENCES transactions (id) ON DELETE CASCADE,
      position       INTEGER NOT NULL,
      category       TEXT    NOT NULL,
      amount_cents   INTEGER NOT NULL,
      PRIMARY KEY (transaction_id, position)
    ) WITHOUT ROWID;
    CREATE INDEX transaction_splits_category ON transaction_splits (category);
  `,
};
