import type { Migration } from '../migrator';

/**
 * What a saved cursor carries of its fetch (see core/fetch-state.ts), so that a fetch
 * taken up from the middle goes on counting identical records where it stopped.
 */
export const fetchState: Migration = {
  version: 6,
  name: 'fetch state with the cursor',
  sql: `ALTER TABLE accounts ADD COLUMN sync_fetch_state TEXT;`,
};
