/** Every key of the dashboard: the help dialog lists this table, so it cannot drift from the code. */
export const KEYS: readonly { keys: string; does: string }[] = [
  { keys: 'Tab  Shift-Tab', does: 'next / previous panel' },
  { keys: '↑ ↓  j k', does: 'move in the panel' },
  { keys: 'PgUp PgDn  g', does: 'a page up / down; g goes to the top' },
  { keys: 'Enter', does: 'details; in Spending/Budgets: filter by it' },
  { keys: '/', does: 'search description, merchant and note' },
  { keys: 'c', does: 'filter transactions by category' },
  { keys: 'e', does: "change a transaction's category (audited)" },
  { keys: 's', does: 'sync now, with progress per account' },
  { keys: 'a', does: 'unread alerts; a again acknowledges them' },
  { keys: 'd', does: 'dismiss the selected anomaly' },
  { keys: 'w', does: 'trend: spending or net worth' },
  { keys: 'Esc', does: 'close the dialog; else clear the filters' },
  { keys: '?', does: 'this help' },
  { keys: 'q', does: 'quit' },
];

/** The hint line at the bottom, shortest first to drop when narrow. */
export const HINTS = ['? help', 'q quit', 'Tab panel', '↑↓ move', 'Enter details', '/ search', 'c category', 's sync', 'e edit'];
