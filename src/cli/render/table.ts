import Table from 'cli-table3';
import type { ChalkInstance } from 'chalk';

export interface Column<Row> {
  header: string;
  value: (row: Row) => string;
  align?: 'left' | 'right';
  /** Colour of a cell, applied only when colour is on. */
  style?: (text: string, row: Row, color: ChalkInstance) => string;
}

/** A borderless table in the manner of `ls -l`: readable, and easy to grep. */
export function renderTable<Row>(rows: readonly Row[], columns: readonly Column<Row>[], color: ChalkInstance): string {
  const table = new Table({
    head: columns.map((c) => color.bold(c.header)),
    colAligns: columns.map((c) => c.align ?? 'left'),
    chars: {
      top: '',
      'top-mid': '',
      'top-left': '',
      'top-right': '',
      bottom: '',
      'bottom-mid': '',
      'bottom-left': '',
      'bottom-right': '',
      left: '',
      'left-mid': '',
      mid: '',
      'mid-mid': '',
      right: '',
      'right-mid': '',
      middle: '  ',
    },
    style: { head: [], border: [], 'padding-left': 0, 'padding-right': 0 },
  });
  for (const row of rows) {
    table.push(
      columns.map((c) => {
        const text = c.value(row);
        return c.style ? c.style(text, row, color) : text;
      }),
    );
  }
  return table.toString();
}
