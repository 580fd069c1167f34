import type { Migration } from '../migrator';

/**
 * A budget may count spending in other currencies too, each row at its day's rate
 * (`budget set ... --all-currencies`): asked for, never assumed, as a budget stays in
 * its own currency.
 */
export const budgetAllCurrencies: Migration = {
  version: 19,
  name: 'budgets that count every currency',
  sql: `ALTER TABLE budgets ADD COLUMN all_currencies INTEGER NOT NULL DEFAULT 0;`,
};
