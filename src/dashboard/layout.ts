/**
 * Where the panels go for a terminal size. Pure, so every size can be tested without a
 * terminal. Heights add up to at most `rows - 1`: Ink clears the whole screen for every
 * frame that is as tall as the terminal, which flickers.
 */

export type PanelId = 'accounts' | 'budgets' | 'spending' | 'trend' | 'upcoming' | 'transactions' | 'anomalies';

/** Tab order; the trend and what is coming have nothing to select, so they take no focus. */
export const FOCUS_ORDER: readonly PanelId[] = ['transactions', 'anomalies', 'accounts', 'budgets', 'spending'];

export interface PanelBox {
  id: PanelId;
  /** Rows inside the border. */
  rows: number;
}

export interface Layout {
  /** Too small to draw the panels; the dashboard says so instead. */
  tooSmall: boolean;
  width: number;
  /** Rows between the header and the footer. */
  bodyRows: number;
  columns: { width: number; panels: PanelBox[] }[];
}

/** How many rows each panel would like to show (its data), used to give room where it helps. */
export interface Wants {
  accounts: number;
  budgets: number;
  spending: number;
  anomalies: number;
  /** Rows of what is coming: a few bills and each checking account's low. */
  upcoming: number;
}

/** Rows what is coming would like: a few bills, and the projected low of each checking account. */
export function upcomingWant(checkingAccounts: number): number {
  return Math.min(8, Math.max(1, checkingAccounts) + 4);
}

/** What the panels would show of a snapshot. */
export function wantsOf(s: {
  accounts: { type: string }[];
  budgets: unknown[];
  spending: unknown[];
  anomalies: unknown[];
}): Wants {
  return {
    accounts: s.accounts.length,
    budgets: s.budgets.length,
    spending: s.spending.length,
    anomalies: s.anomalies.length,
    upcoming: upcomingWant(s.accounts.filter((a) => a.type === 'checking').length),
  };
}

/** Rows of the transaction list in a layout (one when it has no room). */
export function transactionRows(layout: Layout): number {
  return layout.columns.flatMap((c) => c.panels).find((p) => p.id === 'transactions')?.rows ?? 1;
}

export const MIN_COLUMNS = 40;
export const MIN_ROWS = 12;
/** Header and footer lines. */
const CHROME = 2;
/** A panel's border takes a row above and below. */
const BORDER = 2;

interface Want {
  id: PanelId;
  min: number;
  want: number;
}

/**
 * Gives each panel its minimum in priority order while they fit (the rest are left
 * out), then more rows in `growth` order up to what it wants; what is left goes to
 * `flex`. Returns the panels in display order.
 */
export function allocate(
  height: number,
  wants: readonly Want[],
  priority: readonly PanelId[],
  flex: PanelId,
  growth: readonly PanelId[] = priority,
): PanelBox[] {
  const byId = new Map(wants.map((w) => [w.id, w]));
  const rows = new Map<PanelId, number>();
  let left = height;
  for (const id of priority) {
    const w = byId.get(id);
    if (!w || w.min + BORDER > left) continue;
    rows.set(id, w.min);
    left -= w.min + BORDER;
  }
  for (const id of growth) {
    const w = byId.get(id);
    const have = rows.get(id);
    if (!w || have === undefined) continue;
    const more = Math.min(left, Math.max(0, w.want - have));
    rows.set(id, have + more);
    left -= more;
  }
  const last = rows.has(flex) ? flex : [...rows.keys()].at(-1);
  if (last !== undefined) rows.set(last, rows.get(last)! + left);
  return wants.filter((w) => rows.has(w.id)).map((w) => ({ id: w.id, rows: rows.get(w.id)! }));
}

export function computeLayout(columns: number, rows: number, wants: Wants): Layout {
  const width = Math.max(0, columns);
  const bodyRows = Math.max(0, rows - 1 - CHROME);
  if (columns < MIN_COLUMNS || rows < MIN_ROWS) return { tooSmall: true, width, bodyRows, columns: [] };
  const anomalies = Math.max(1, Math.min(wants.anomalies, 8));
  if (columns < 70) {
    // One column: what a person checks first gets the room first.
    const panels = allocate(
      bodyRows,
      [
        { id: 'transactions', min: 3, want: Math.max(3, Math.floor(bodyRows / 2)) },
        { id: 'budgets', min: 1, want: Math.max(1, wants.budgets) },
        { id: 'anomalies', min: 1, want: Math.min(anomalies, 3) },
        { id: 'accounts', min: 1, want: Math.max(1, wants.accounts) },
        { id: 'spending', min: 1, want: Math.min(Math.max(1, wants.spending), 6) },
        { id: 'upcoming', min: 2, want: Math.min(wants.upcoming, 4) },
        { id: 'trend', min: 1, want: 3 },
      ],
      ['transactions', 'budgets', 'anomalies', 'accounts', 'upcoming', 'spending', 'trend'],
      'transactions',
    );
    return { tooSmall: false, width, bodyRows, columns: [{ width, panels }] };
  }
  const leftWidth = Math.floor(columns * (columns >= 120 ? 0.4 : 0.45));
  // Spending gets its first few rows before the accounts take theirs: at 24 rows the
  // accounts scroll rather than leave the chart with one line.
  const left = allocate(
    bodyRows,
    [
      { id: 'accounts', min: 1, want: Math.max(1, wants.accounts) },
      { id: 'budgets', min: 1, want: Math.max(1, wants.budgets) },
      { id: 'spending', min: Math.min(4, Math.max(1, wants.spending)), want: Math.max(1, Math.min(wants.spending, 12)) },
      { id: 'trend', min: 1, want: bodyRows >= 30 ? 3 : 1 },
    ],
    ['budgets', 'spending', 'trend', 'accounts'],
    'spending',
    ['budgets', 'accounts', 'spending', 'trend'],
  );
  const right = allocate(
    bodyRows,
    [
      { id: 'transactions', min: 3, want: 3 },
      { id: 'upcoming', min: 2, want: bodyRows >= 30 ? wants.upcoming : Math.min(wants.upcoming, 3) },
      { id: 'anomalies', min: 1, want: bodyRows >= 30 ? anomalies : Math.min(anomalies, 4) },
    ],
    ['transactions', 'upcoming', 'anomalies'],
    'transactions',
    ['transactions', 'anomalies', 'upcoming'],
  );
  return {
    tooSmall: false,
    width,
    bodyRows,
    columns: [
      { width: leftWidth, panels: left },
      { width: columns - leftWidth, panels: right },
    ],
  };
}
