import type { Migration } from '../migrator';

/**
 * The schema for the whole of finagg. Later changes come as new migrations; a landed
 * migration is never edited.
 *
 * Choices that matter for speed at a million transactions:
 * - Integer primary keys everywhere (rowid tables, the cheapest to insert and join).
 * - The dedupe content hash is the first 64 bits of the SHA-256, stored as an INTEGER:
 *   a unique index on 8-byte integers is a quarter of the size of one on 64-character
 *   hex text and stays in the page cache (a collision within one account needs ~4e9
 *   rows per account to become likely).
 * - Partial indexes leave removed rows out of the query indexes.
 */
export const initial: Migration = {
  version: 1,
  name: 'initial schema',
  sql: `
CREATE TABLE connections (
  id               INTEGER PRIMARY KEY,
  provider         TEXT    NOT NULL,
  status           TEXT    NOT NULL DEFAULT 'active'
                   CHECK (status IN ('active', 'needs_relink', 'error', 'revoked')),
  -- AES-256-GCM sealed token set; associated data binds it to this row's id.
  token_sealed     BLOB,
  token_expires_at TEXT,
  scopes           TEXT    NOT NULL DEFAULT '',
  created_at       TEXT    NOT NULL,
  updated_at       TEXT    NOT NULL,
  last_synced_at   TEXT,
  last_error       TEXT,
  -- Backoff state of the daemon for this connection.
  failure_count    INTEGER NOT NULL DEFAULT 0,
  next_attempt_at  TEXT
);
-- One live connection per bank; revoked ones stay as history.
CREATE UNIQUE INDEX connections_live_provider ON connections (provider) WHERE status <> 'revoked';

CREATE TABLE accounts (
  id                  INTEGER PRIMARY KEY,
  connection_id       INTEGER REFERENCES connections (id) ON DELETE SET NULL,
  provider            TEXT    NOT NULL,            -- a bank id, or 'manual'
  provider_account_id TEXT,                        -- the bank's own id
  name                TEXT    NOT NULL,
  type                TEXT    NOT NULL
                      CHECK (type IN ('checking', 'savings', 'credit', 'loan', 'investment')),
  currency            TEXT    NOT NULL,
  balance_cents       INTEGER NOT NULL DEFAULT 0,
  balance_at          TEXT,
  -- Opaque sync position of the bank (a cursor, a page, a date), and the last day
  -- fully synced, from which the next window overlaps back.
  sync_cursor         TEXT,
  synced_through      TEXT,
  last_synced_at      TEXT,
  -- Remembered CSV column mapping for statement imports (JSON).
  import_mapping      TEXT,
  closed              INTEGER NOT NULL DEFAULT 0 CHECK (closed IN (0, 1)),
  created_at          TEXT    NOT NULL,
  updated_at          TEXT    NOT NULL
);
-- Relinking a bank finds its old accounts again, so history is never split.
CREATE UNIQUE INDEX accounts_provider_ref ON accounts (provider, provider_account_id)
  WHERE provider_account_id IS NOT NULL;
CREATE INDEX accounts_connection ON accounts (connection_id);

CREATE TABLE categories (
  name       TEXT PRIMARY KEY,
  builtin    INTEGER NOT NULL DEFAULT 0 CHECK (builtin IN (0, 1)),
  created_at TEXT    NOT NULL
) WITHOUT ROWID;

CREATE TABLE rules (
  id              INTEGER PRIMARY KEY,
  match           TEXT    NOT NULL CHECK (length(match) > 0),
  is_regex        INTEGER NOT NULL DEFAULT 0 CHECK (is_regex IN (0, 1)),
  field           TEXT    NOT NULL DEFAULT 'description' CHECK (field IN ('description', 'merchant')),
  min_cents       INTEGER,
  max_cents       INTEGER,
  account_id      INTEGER REFERENCES accounts (id) ON DELETE CASCADE,
  category        TEXT    NOT NULL,
  rename_merchant TEXT,
  priority        INTEGER NOT NULL DEFAULT 0,
  created_at      TEXT    NOT NULL,
  CHECK (min_cents IS NULL OR max_cents IS NULL OR min_cents <= max_cents)
);

CREATE TABLE sync_runs (
  id            INTEGER PRIMARY KEY,
  account_id    INTEGER REFERENCES accounts (id) ON DELETE CASCADE,
  connection_id INTEGER REFERENCES connections (id) ON DELETE SET NULL,
  trigger       TEXT    NOT NULL CHECK (trigger IN ('manual', 'daemon', 'import')),
  status        TEXT    NOT NULL
                CHECK (status IN ('running', 'success', 'partial', 'failed', 'skipped')),
  started_at    TEXT    NOT NULL,
  finished_at   TEXT,
  duration_ms   INTEGER,
  fetched       INTEGER NOT NULL DEFAULT 0,
  inserted      INTEGER NOT NULL DEFAULT 0,
  updated       INTEGER NOT NULL DEFAULT 0,
  removed       INTEGER NOT NULL DEFAULT 0,
  deduplicated  INTEGER NOT NULL DEFAULT 0,
  rejected      INTEGER NOT NULL DEFAULT 0,
  error         TEXT
);
CREATE INDEX sync_runs_account ON sync_runs (account_id, id);

CREATE TABLE transactions (
  id              INTEGER PRIMARY KEY,
  account_id      INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  provider_txn_id TEXT,
  -- The bank's id of the pending record this posted one replaced, when it says so.
  pending_txn_id  TEXT,
  content_hash    INTEGER NOT NULL,
  occurrence      INTEGER NOT NULL DEFAULT 0,
  date            TEXT    NOT NULL,                -- YYYY-MM-DD
  amount_cents    INTEGER NOT NULL,                -- negative is money out
  currency        TEXT    NOT NULL,
  description     TEXT    NOT NULL,
  merchant        TEXT,
  merchant_source TEXT    NOT NULL DEFAULT 'provider'
                  CHECK (merchant_source IN ('provider', 'builtin', 'rule', 'user')),
  category        TEXT    NOT NULL DEFAULT 'uncategorized',
  category_source TEXT    NOT NULL DEFAULT 'none'
                  CHECK (category_source IN ('user', 'rule', 'builtin', 'provider', 'none')),
  rule_id         INTEGER REFERENCES rules (id) ON DELETE SET NULL,
  provider_category TEXT,
  pending         INTEGER NOT NULL DEFAULT 0 CHECK (pending IN (0, 1)),
  note            TEXT,
  removed         INTEGER NOT NULL DEFAULT 0 CHECK (removed IN (0, 1)),
  removed_at      TEXT,
  sync_run_id     INTEGER REFERENCES sync_runs (id) ON DELETE SET NULL,
  created_at      TEXT    NOT NULL,
  updated_at      TEXT    NOT NULL
);
-- Dedupe, strongest first: the bank's id, then the content hash.
CREATE UNIQUE INDEX transactions_provider_id ON transactions (account_id, provider_txn_id)
  WHERE provider_txn_id IS NOT NULL;
CREATE UNIQUE INDEX transactions_content ON transactions (account_id, content_hash);
-- The queries of 'finagg tx': newest first overall, by account, by category.
CREATE INDEX transactions_date ON transactions (date, id) WHERE removed = 0;
CREATE INDEX transactions_account_date ON transactions (account_id, date) WHERE removed = 0;
CREATE INDEX transactions_category_date ON transactions (category, date) WHERE removed = 0;
-- Pending rows waiting for their posted record.
CREATE INDEX transactions_pending ON transactions (account_id, date) WHERE pending = 1 AND removed = 0;

CREATE TABLE quarantine (
  id          INTEGER PRIMARY KEY,
  account_id  INTEGER REFERENCES accounts (id) ON DELETE CASCADE,
  sync_run_id INTEGER REFERENCES sync_runs (id) ON DELETE SET NULL,
  provider    TEXT    NOT NULL,
  raw         TEXT    NOT NULL,
  reason      TEXT    NOT NULL,
  created_at  TEXT    NOT NULL
);
CREATE INDEX quarantine_account ON quarantine (account_id, id);

CREATE TABLE budgets (
  id           INTEGER PRIMARY KEY,
  category     TEXT    NOT NULL UNIQUE,
  amount_cents INTEGER NOT NULL CHECK (amount_cents > 0),
  currency     TEXT    NOT NULL DEFAULT 'USD',
  period       TEXT    NOT NULL CHECK (period IN ('weekly', 'monthly')),
  alert_at     TEXT    NOT NULL DEFAULT '80,100',  -- thresholds in percent
  rollover     INTEGER NOT NULL DEFAULT 0 CHECK (rollover IN (0, 1)),
  created_at   TEXT    NOT NULL,
  updated_at   TEXT    NOT NULL
);

CREATE TABLE alerts (
  id              INTEGER PRIMARY KEY,
  type            TEXT    NOT NULL,               -- budget_threshold, needs_relink, ...
  budget_id       INTEGER REFERENCES budgets (id) ON DELETE SET NULL,
  connection_id   INTEGER REFERENCES connections (id) ON DELETE SET NULL,
  category        TEXT,
  threshold       INTEGER,
  percent         REAL,
  period_start    TEXT,
  message         TEXT    NOT NULL,
  created_at      TEXT    NOT NULL,
  acknowledged_at TEXT
);
CREATE INDEX alerts_unacknowledged ON alerts (id) WHERE acknowledged_at IS NULL;

-- Once per budget, period and threshold: the mark outlives the alert it raised.
CREATE TABLE budget_alert_marks (
  budget_id    INTEGER NOT NULL REFERENCES budgets (id) ON DELETE CASCADE,
  period_start TEXT    NOT NULL,
  threshold    INTEGER NOT NULL,
  alert_id     INTEGER REFERENCES alerts (id) ON DELETE SET NULL,
  created_at   TEXT    NOT NULL,
  PRIMARY KEY (budget_id, period_start, threshold)
) WITHOUT ROWID;

-- The outbox: one row per alert and channel, delivered at least once.
CREATE TABLE alert_deliveries (
  alert_id        INTEGER NOT NULL REFERENCES alerts (id) ON DELETE CASCADE,
  channel         TEXT    NOT NULL,               -- terminal, desktop, webhook, command
  attempts        INTEGER NOT NULL DEFAULT 0,
  delivered_at    TEXT,
  last_error      TEXT,
  next_attempt_at TEXT,
  PRIMARY KEY (alert_id, channel)
) WITHOUT ROWID;
CREATE INDEX alert_deliveries_pending ON alert_deliveries (channel, alert_id) WHERE delivered_at IS NULL;

CREATE TABLE anomalies (
  id             INTEGER PRIMARY KEY,
  transaction_id INTEGER NOT NULL REFERENCES transactions (id) ON DELETE CASCADE,
  account_id     INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  type           TEXT    NOT NULL CHECK (type IN
                 ('unusual_amount', 'new_merchant', 'duplicate_charge', 'price_increase', 'category_spike')),
  severity       TEXT    NOT NULL CHECK (severity IN ('low', 'medium', 'high')),
  score          REAL    NOT NULL,
  description    TEXT    NOT NULL,
  detected_at    TEXT    NOT NULL,
  dismissed_at   TEXT,
  UNIQUE (transaction_id, type)
);
CREATE INDEX anomalies_account ON anomalies (account_id, detected_at);

CREATE TABLE audit_log (
  id             INTEGER PRIMARY KEY,
  transaction_id INTEGER REFERENCES transactions (id) ON DELETE CASCADE,
  field          TEXT NOT NULL,
  old_value      TEXT,
  new_value      TEXT,
  source         TEXT NOT NULL CHECK (source IN ('user', 'rule', 'sync')),
  reason         TEXT,
  at             TEXT NOT NULL
);
CREATE INDEX audit_log_transaction ON audit_log (transaction_id, id);

CREATE TABLE settings (
  key        TEXT PRIMARY KEY,
  value      TEXT NOT NULL,                        -- JSON
  updated_at TEXT NOT NULL
) WITHOUT ROWID;

-- What the running daemon says about itself; one row.
CREATE TABLE daemon_state (
  id           INTEGER PRIMARY KEY CHECK (id = 1),
  pid          INTEGER,
  started_at   TEXT,
  heartbeat_at TEXT,
  last_run_at  TEXT,
  next_run_at  TEXT
);

INSERT INTO categories (name, builtin, created_at) VALUES
  ('income', 1, '1970-01-01T00:00:00.000Z'), ('groceries', 1, '1970-01-01T00:00:00.000Z'),
  ('dining', 1, '1970-01-01T00:00:00.000Z'), ('gas', 1, '1970-01-01T00:00:00.000Z'),
  ('transport', 1, '1970-01-01T00:00:00.000Z'), ('shopping', 1, '1970-01-01T00:00:00.000Z'),
  ('subscriptions', 1, '1970-01-01T00:00:00.000Z'), ('utilities', 1, '1970-01-01T00:00:00.000Z'),
  ('housing', 1, '1970-01-01T00:00:00.000Z'), ('health', 1, '1970-01-01T00:00:00.000Z'),
  ('entertainment', 1, '1970-01-01T00:00:00.000Z'), ('travel', 1, '1970-01-01T00:00:00.000Z'),
  ('transfer', 1, '1970-01-01T00:00:00.000Z'), ('fees', 1, '1970-01-01T00:00:00.000Z'),
  ('uncategorized', 1, '1970-01-01T00:00:00.000Z');
`,
};
