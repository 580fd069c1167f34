import type { Migration } from '../migrator';

/**
 * What a real provider (SimpleFIN Bridge) brings that the simulated banks did not:
 * - a daily request budget per connection, counted here (`requests_day`, `requests_used`);
 * - the provider's notices about a connection, sanitized (`connections.notice`);
 * - an available balance and the time the bank's balance was true;
 * - a memo line on transactions;
 * - a note on a sync run (how far history went, what the provider said);
 * - custom currencies, resolved once from their URL to a short name.
 */
export const realProviders: Migration = {
  version: 4,
  name: 'request budgets, notices, available balances, memos, custom currencies',
  sql: `
ALTER TABLE connections ADD COLUMN requests_day TEXT;
ALTER TABLE connections ADD COLUMN requests_used INTEGER NOT NULL DEFAULT 0;
ALTER TABLE connections ADD COLUMN notice TEXT;
ALTER TABLE accounts ADD COLUMN available_balance_cents INTEGER;
ALTER TABLE accounts ADD COLUMN balance_date TEXT;
ALTER TABLE transactions ADD COLUMN memo TEXT;
ALTER TABLE sync_runs ADD COLUMN note TEXT;
CREATE TABLE custom_currencies (
  url         TEXT PRIMARY KEY,
  abbr        TEXT NOT NULL,
  name        TEXT NOT NULL,
  resolved_at TEXT NOT NULL
);
`,
};
