import type { Migration } from '../migrator';

/**
 * EUR reference rates by day: units of a currency per euro (the ECB's way round), as exact
 * decimal text (`1.0512`) or a fraction (`10000/9513`) when a price directive's inverse has
 * no decimal. One rate a currency and day; a later import of the day replaces it. And the
 * day the daemon last tried to fetch them, so that it tries once a day.
 */
export const rates: Migration = {
  version: 18,
  name: 'EUR reference rates by day',
  sql: `
CREATE TABLE rates (
  currency TEXT NOT NULL,
  date     TEXT NOT NULL,
  per_eur  TEXT NOT NULL,
  source   TEXT NOT NULL,
  PRIMARY KEY (currency, date)
) WITHOUT ROWID;
ALTER TABLE daemon_state ADD COLUMN rates_tried_on TEXT;
`,
};
