import type { Migration } from '../migrator';

/**
 * The transactions table, rebuilt smaller. Two timestamps written as ISO text were 48
 * bytes of every row; as milliseconds they are 12. The two sources (`provider`,
 * `builtin`) were 15 bytes; as small codes they are 0 to 2. A payee key (`TRADER JOE S`,
 * 11 bytes in the row and again in the payee index) is a number into `payees`: a home
 * has a few hundred payees and a million rows. The timestamps and sources keep their names, as
 * virtual generated columns that cost nothing on disk, so every query that reads them
 * reads the same text as before; only writers name the stored columns (see
 * storage/transaction-columns.ts, which holds the codes).
 *
 * One index goes: `transactions_category_date` (a category's rows by date) is served by
 * the cash-flow index, which starts with the date and holds the category. At a million
 * rows this is about 80 bytes a transaction.
 *
 * A table that other tables reference is rebuilt with foreign keys off (the migrator's
 * `foreignKeysOff`): dropping it with them on would delete what references it.
 */
export const compactTransactions: Migration = {
  version: 24,
  name: 'transactions stores timestamps as milliseconds and sources as codes',
  foreignKeysOff: true,
  sql: `
CREATE TABLE payees (
  id  INTEGER PRIMARY KEY,
  key TEXT NOT NULL UNIQUE
);
INSERT INTO payees (key) SELECT DISTINCT payee_key FROM transactions WHERE payee_key IS NOT NULL ORDER BY 1;

CREATE TABLE transactions_compact (
  id                INTEGER PRIMARY KEY,
  account_id        INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  provider_txn_id   TEXT,
  pending_txn_id    TEXT,
  content_hash      INTEGER NOT NULL,
  occurrence        INTEGER NOT NULL DEFAULT 0,
  date              TEXT    NOT NULL,
  amount_cents      INTEGER NOT NULL,
  currency          TEXT    NOT NULL,
  description       TEXT    NOT NULL,
  merchant          TEXT,
  -- provider 0, builtin 1, rule 2, user 3
  merchant_src      INTEGER NOT NULL DEFAULT 0 CHECK (merchant_src IN (0, 1, 2, 3)),
  category          TEXT    NOT NULL DEFAULT 'uncategorized',
  -- builtin 0, provider 1, rule 2, user 3, none 4
  category_src      INTEGER NOT NULL DEFAULT 4 CHECK (category_src IN (0, 1, 2, 3, 4)),
  rule_id           INTEGER REFERENCES rules (id) ON DELETE SET NULL,
  provider_category TEXT,
  pending           INTEGER NOT NULL DEFAULT 0 CHECK (pending IN (0, 1)),
  note              TEXT,
  memo              TEXT,
  removed           INTEGER NOT NULL DEFAULT 0 CHECK (removed IN (0, 1)),
  removed_at        TEXT,
  sync_run_id       INTEGER REFERENCES sync_runs (id) ON DELETE SET NULL,
  transfer_id       INTEGER REFERENCES transfers (id) ON DELETE SET NULL,
  transfer_lock     INTEGER NOT NULL DEFAULT 0 CHECK (transfer_lock IN (0, 1)),
  -- Who was paid, as recurring detection groups rows (payees.key).
  payee_id          INTEGER,
  -- Milliseconds since 1970 (UTC); text here is refused rather than stored.
  created_ms        INTEGER NOT NULL CHECK (typeof(created_ms) = 'integer'),
  updated_ms        INTEGER NOT NULL CHECK (typeof(updated_ms) = 'integer'),
  merchant_source   TEXT GENERATED ALWAYS AS (CASE merchant_src WHEN 0 THEN 'provider' WHEN 1 THEN 'builtin'
                      WHEN 2 THEN 'rule' ELSE 'user' END) VIRTUAL,
  category_source   TEXT GENERATED ALWAYS AS (CASE category_src WHEN 0 THEN 'builtin' WHEN 1 THEN 'provider'
                      WHEN 2 THEN 'rule' WHEN 3 THEN 'user' ELSE 'none' END) VIRTUAL,
  created_at        TEXT GENERATED ALWAYS AS (strftime('%Y-%m-%dT%H:%M:%fZ', created_ms / 1000.0, 'unixepoch')) VIRTUAL,
  updated_at        TEXT GENERATED ALWAYS AS (strftime('%Y-%m-%dT%H:%M:%fZ', updated_ms / 1000.0, 'unixepoch')) VIRTUAL
);

INSERT INTO transactions_compact (id, account_id, provider_txn_id, pending_txn_id, content_hash, occurrence, date,
  amount_cents, currency, description, merchant, merchant_src, category, category_src, rule_id, provider_category,
  pending, note, memo, removed, removed_at, sync_run_id, transfer_id, transfer_lock, payee_id, created_ms, updated_ms)
SELECT id, account_id, provider_txn_id, pending_txn_id, content_hash, occurrence, date,
  amount_cents, currency, description, merchant,
  CASE merchant_source WHEN 'provider' THEN 0 WHEN 'builtin' THEN 1 WHEN 'rule' THEN 2 ELSE 3 END,
  category,
  CASE category_source WHEN 'builtin' THEN 0 WHEN 'provider' THEN 1 WHEN 'rule' THEN 2 WHEN 'user' THEN 3 ELSE 4 END,
  rule_id, provider_category, pending, note, memo, removed, removed_at, sync_run_id, transfer_id, transfer_lock,
  (SELECT p.id FROM payees p WHERE p.key = transactions.payee_key),
  CAST(round((julianday(created_at) - 2440587.5) * 86400000) AS INTEGER),
  CAST(round((julianday(updated_at) - 2440587.5) * 86400000) AS INTEGER)
FROM transactions ORDER BY id;

DROP TABLE transactions;
ALTER TABLE transactions_compact RENAME TO transactions;

CREATE UNIQUE INDEX transactions_provider_id ON transactions (account_id, provider_txn_id)
  WHERE provider_txn_id IS NOT NULL;
CREATE INDEX transactions_account_date ON transactions (account_id, date) WHERE removed = 0;
CREATE INDEX transactions_pending ON transactions (account_id, date) WHERE pending = 1 AND removed = 0;
CREATE INDEX transactions_content ON transactions (account_id, content_hash);
CREATE INDEX transactions_amount_date ON transactions (amount_cents, date) WHERE removed = 0 AND pending = 0;
CREATE INDEX transactions_payee ON transactions (account_id, payee_id, amount_cents > 0, date, transfer_id)
  WHERE removed = 0 AND pending = 0;
CREATE INDEX transactions_flow ON transactions (date, category, currency, amount_cents, transfer_id, pending)
  WHERE removed = 0;

CREATE TRIGGER transactions_stream_changed
AFTER UPDATE OF merchant, description, amount_cents, currency, date, pending, removed, transfer_id, category, account_id
ON transactions
WHEN OLD.merchant IS NOT NEW.merchant OR OLD.description IS NOT NEW.description
  OR OLD.amount_cents IS NOT NEW.amount_cents OR OLD.currency IS NOT NEW.currency OR OLD.date IS NOT NEW.date
  OR OLD.pending IS NOT NEW.pending OR OLD.removed IS NOT NEW.removed OR OLD.transfer_id IS NOT NEW.transfer_id
  OR OLD.category IS NOT NEW.category OR OLD.account_id IS NOT NEW.account_id
BEGIN
  INSERT OR IGNORE INTO stream_dirty (transaction_id, account_id, payee_key, other_account)
  VALUES (OLD.id, OLD.account_id, (SELECT k.key FROM payees k WHERE k.id = OLD.payee_id), (SELECT q.account_id FROM transfers p
    JOIN transactions q ON q.id = CASE WHEN p.out_transaction_id = OLD.id THEN p.in_transaction_id ELSE p.out_transaction_id END
    WHERE p.id = OLD.transfer_id));
END;
CREATE TRIGGER transactions_stream_deleted AFTER DELETE ON transactions
BEGIN
  INSERT OR IGNORE INTO stream_dirty (transaction_id, account_id, payee_key, other_account)
  VALUES (OLD.id, OLD.account_id, (SELECT k.key FROM payees k WHERE k.id = OLD.payee_id), (SELECT q.account_id FROM transfers p
    JOIN transactions q ON q.id = CASE WHEN p.out_transaction_id = OLD.id THEN p.in_transaction_id ELSE p.out_transaction_id END
    WHERE p.id = OLD.transfer_id));
END;
`,
};
