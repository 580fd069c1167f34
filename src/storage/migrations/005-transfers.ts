import type { Migration } from '../migrator';

/**
 * Transfers between the person's own accounts: a pair of rows, one out and one in, each
 * row in at most one pair (the unique indexes), and the pair's id on both rows so that
 * spending and budgets leave them out with a column test. `transfer_lock` is the
 * person's word: 1 means this row is not a transfer (automatic pairing leaves it alone).
 * The index finds a row's counterparts by amount and date, so pairing a sync's new rows
 * costs what they are, not the history. `transfer_state` says how far pairing has gone
 * (rows above `paired_through`, or changed after `paired_at`, are still to look at): a
 * home upgraded with years of rows gets its pairs at its next sync.
 */
export const transfers: Migration = {
  version: 5,
  name: 'transfers between own accounts',
  sql: `
CREATE TABLE transfers (
  id                 INTEGER PRIMARY KEY,
  out_transaction_id INTEGER NOT NULL REFERENCES transactions (id) ON DELETE CASCADE,
  in_transaction_id  INTEGER NOT NULL REFERENCES transactions (id) ON DELETE CASCADE,
  confidence         REAL    NOT NULL,
  source             TEXT    NOT NULL CHECK (source IN ('auto', 'user')),
  reasons            TEXT    NOT NULL,
  created_at         TEXT    NOT NULL
);
CREATE UNIQUE INDEX transfers_out ON transfers (out_transaction_id);
CREATE UNIQUE INDEX transfers_in ON transfers (in_transaction_id);
ALTER TABLE transactions ADD COLUMN transfer_id INTEGER REFERENCES transfers (id) ON DELETE SET NULL;
ALTER TABLE transactions ADD COLUMN transfer_lock INTEGER NOT NULL DEFAULT 0 CHECK (transfer_lock IN (0, 1));
CREATE INDEX transactions_amount_date ON transactions (amount_cents, date) WHERE removed = 0 AND pending = 0;
CREATE TABLE transfer_state (
  id             INTEGER PRIMARY KEY CHECK (id = 1),
  paired_through INTEGER NOT NULL,
  paired_at      TEXT    NOT NULL
);
INSERT INTO transfer_state (id, paired_through, paired_at) VALUES (1, 0, '');
`,
};
