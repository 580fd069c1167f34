import type { Migration } from '../migrator';

/**
 * Cash flow and net worth read every posted row of the months they cover. Sorting a
 * million rows to group them took a second; this covering index holds what they read,
 * in the order they group it (day, category, currency), so `finagg report` over ten
 * years reads the index alone, streaming, and a month costs a few milliseconds. Rows
 * arrive in date order, so keeping it up costs a sync little.
 */
export const flowIndex: Migration = {
  version: 8,
  name: 'covering index for cash flow',
  sql: `
CREATE INDEX transactions_flow ON transactions (date, category, currency, amount_cents, transfer_id)
  WHERE removed = 0 AND pending = 0;
`,
};
