import type { Migration } from '../migrator';

/**
 * Habits finagg learned from the person's own edits are rules too, tried after every
 * rule the person wrote (app/learn-category.ts): `learned_from` holds the transactions
 * whose edits taught it (a JSON array); null for a rule the person wrote.
 */
export const learnedRules: Migration = {
  version: 12,
  name: 'learned rules',
  sql: `ALTER TABLE rules ADD COLUMN learned_from TEXT;`,
};
