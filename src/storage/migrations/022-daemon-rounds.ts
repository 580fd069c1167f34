import type { Migration } from '../migrator';

/**
 * What the daemon measures of itself, for `daemon status`: the rounds since it started,
 * how long the last one took, and its resident memory after it (a warm process that
 * grows round by round leaks, and a person should see it before the machine does).
 */
export const daemonRounds: Migration = {
  version: 22,
  name: 'daemon round figures',
  sql: `
ALTER TABLE daemon_state ADD COLUMN rounds INTEGER NOT NULL DEFAULT 0;
ALTER TABLE daemon_state ADD COLUMN last_round_ms INTEGER;
ALTER TABLE daemon_state ADD COLUMN rss_mb REAL;
`,
};
