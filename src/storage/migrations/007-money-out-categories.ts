import type { Migration } from '../migrator';

/**
 * `transfer` narrows to money moved between the person's own accounts; what leaves the
 * household gets a category that says what it is: `cash` from an ATM, `p2p` for money
 * sent to people, `debt` for payments on cards and loans finagg does not see. A person's
 * own category of the same name stays theirs.
 */
export const moneyOutCategories: Migration = {
  version: 7,
  name: 'categories for money that leaves the household',
  sql: `
INSERT OR IGNORE INTO categories (name, builtin, created_at) VALUES
  ('cash', 1, '1970-01-01T00:00:00.000Z'), ('p2p', 1, '1970-01-01T00:00:00.000Z'),
  ('debt', 1, '1970-01-01T00:00:00.000Z');
`,
};
