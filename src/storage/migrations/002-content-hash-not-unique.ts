import type { Migration } from '../migrator';

/**
 * The content hash identifies a purchase only within a fetch that holds whole days; a
 * bank's change feed holds parts of days, so two real identical purchases may carry the
 * same hash. Dedupe decides; the index only finds candidates.
 */
export const contentHashNotUnique: Migration = {
  version: 2,
  name: 'content hash index not unique',
  sql: `
DROP INDEX transactions_content;
CREATE INDEX transactions_content ON transactions (account_id, content_hash);
`,
};
