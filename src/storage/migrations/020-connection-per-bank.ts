import type { Migration } from '../migrator';

/**
 * One live connection per bank, not per provider: through Enable Banking a person links
 * several banks (a Sparkasse and a Nordea), each its own consent. The bank is the
 * connection's `institution` (null for providers that are one bank each).
 */
export const connectionPerBank: Migration = {
  version: 20,
  name: 'one live connection per bank',
  sql: `
DROP INDEX connections_live_provider;
CREATE UNIQUE INDEX connections_live_bank ON connections (provider, ifnull(institution, '')) WHERE status <> 'revoked';
`,
};
