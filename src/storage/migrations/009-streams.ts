import type { Migration } from '../migrator';

/**
 * Recurring streams found in the history (core/recurring): what finagg last concluded
 * about each, by a key that stays while the stream goes on (account, direction, payee,
 * cadence, first date), and whether the person ignores it. The rows behind a stream are
 * kept as a JSON array: a stream is read whole, never searched by row. `stream_state`
 * says which state of the data they were found in, so reading them again costs nothing
 * until a sync, an import or an edit changes it.
 */
export const streams: Migration = {
  version: 9,
  name: 'recurring streams',
  sql: `
CREATE TABLE streams (
  id                INTEGER PRIMARY KEY,
  key               TEXT    NOT NULL UNIQUE,
  account_id        INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  merchant          TEXT    NOT NULL,
  kind              TEXT    NOT NULL CHECK (kind IN ('income', 'bill', 'subscription', 'transfer')),
  cadence           TEXT    NOT NULL
                    CHECK (cadence IN ('weekly', 'biweekly', 'semimonthly', 'monthly', 'quarterly', 'annually')),
  currency          TEXT    NOT NULL,
  amount_cents      INTEGER NOT NULL,
  amount_min_cents  INTEGER NOT NULL,
  amount_max_cents  INTEGER NOT NULL,
  first_date        TEXT    NOT NULL,
  last_date         TEXT    NOT NULL,
  last_amount_cents INTEGER NOT NULL,
  next_date         TEXT    NOT NULL,
  status            TEXT    NOT NULL CHECK (status IN ('early', 'mature', 'ended')),
  transaction_ids   TEXT    NOT NULL,
  ignored_at        TEXT,
  detected_at       TEXT    NOT NULL,
  updated_at        TEXT    NOT NULL
);
CREATE INDEX streams_account ON streams (account_id, next_date);
-- What the stored streams were found from (see streams-repo.ts dataVersion).
CREATE TABLE stream_state (
  id      INTEGER PRIMARY KEY CHECK (id = 1),
  version TEXT    NOT NULL
);
INSERT INTO stream_state (id, version) VALUES (1, '');
-- One alert per mark (a stream's late date, a dip of an account): written with its alert.
CREATE TABLE alert_marks (
  key        TEXT    PRIMARY KEY,
  alert_id   INTEGER REFERENCES alerts (id) ON DELETE SET NULL,
  created_at TEXT    NOT NULL
);
`,
};
