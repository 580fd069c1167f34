import type { Migration } from '../migrator';

/**
 * What lets a sync find again only the streams of the rows it touched
 * (app/recurring.ts):
 * - `transactions.payee_key`: who was paid, as recurring detection groups rows
 *   (core/recurring/detect.ts payeeKey), with an index so one payee's rows of an account
 *   are read alone. The sync writes it with each new row; rows stored before this
 *   migration get theirs at the next full detection.
 * - `stream_dirty`: rows changed since the streams were found, with the account and
 *   payee they had then (and for a paired row the other account, which is its payee),
 *   written by triggers so no writer (sync, rules, edits, pairing) can forget it. New rows need no mark: they lie above the stored row watermark.
 * - `streams.price_change`: a steady charge's latest step up (JSON), which a listing
 *   shows with the price_increase anomaly of that row.
 */
/** The other account of the pair OLD was in (a pair is dissolved after its rows are freed). */
const otherAccount = `(SELECT q.account_id FROM transfers p
    JOIN transactions q ON q.id = CASE WHEN p.out_transaction_id = OLD.id THEN p.in_transaction_id ELSE p.out_transaction_id END
    WHERE p.id = OLD.transfer_id)`;

export const streamGroups: Migration = {
  version: 10,
  name: 'stream groups',
  sql: `
ALTER TABLE transactions ADD COLUMN payee_key TEXT;
CREATE INDEX transactions_payee ON transactions (account_id, payee_key) WHERE removed = 0 AND pending = 0;
CREATE TABLE stream_dirty (
  transaction_id INTEGER PRIMARY KEY,
  account_id     INTEGER NOT NULL,
  payee_key      TEXT,
  other_account  INTEGER
);
CREATE TRIGGER transactions_stream_changed
AFTER UPDATE OF merchant, description, amount_cents, currency, date, pending, removed, transfer_id, category, account_id
ON transactions
WHEN OLD.merchant IS NOT NEW.merchant OR OLD.description IS NOT NEW.description
  OR OLD.amount_cents IS NOT NEW.amount_cents OR OLD.currency IS NOT NEW.currency OR OLD.date IS NOT NEW.date
  OR OLD.pending IS NOT NEW.pending OR OLD.removed IS NOT NEW.removed OR OLD.transfer_id IS NOT NEW.transfer_id
  OR OLD.category IS NOT NEW.category OR OLD.account_id IS NOT NEW.account_id
BEGIN
  INSERT OR IGNORE INTO stream_dirty (transaction_id, account_id, payee_key, other_account)
  VALUES (OLD.id, OLD.account_id, OLD.payee_key, ${otherAccount});
END;
CREATE TRIGGER transactions_stream_deleted AFTER DELETE ON transactions
BEGIN
  INSERT OR IGNORE INTO stream_dirty (transaction_id, account_id, payee_key, other_account)
  VALUES (OLD.id, OLD.account_id, OLD.payee_key, ${otherAccount});
END;
ALTER TABLE streams ADD COLUMN price_change TEXT;
-- The old version string names no row watermark: the next detection is a full one.
UPDATE stream_state SET version = '';
`,
};
