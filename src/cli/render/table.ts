import stringWidth from 'string-width';
import type { ChalkInstance } from 'chalk';

export interface Column<Row> {
  header: string;
  value: (row: Row) => string;
  align?: 'left' | 'right';
  /** Colour of a cell, applied only when colour is on. */
  style?: (text: string, row: Row, color: ChalkInstance) => string;
}

/**
 * A borderless table in the manner of `ls -l`: readable, and easy to grep. Each column
 * as wide as its widest cell, cells two spaces apart, a cell of several lines making its
 * row that tall. Laid out here, not by a table library: cli-table3 took 36 ms of the
 * 220 ms of `tx --limit 50`, most of it merging options cell by cell. The hard part, how
 * wide a cell shows (wide CJK letters, emoji, colour codes), is string-width's: major 4,
 * as cli-table3 used; 8 builds an Intl.Segmenter and its emoji patterns when loaded (45 ms).
 */
export function renderTable<Row>(rows: readonly Row[], columns: readonly Column<Row>[], color: ChalkInstance): string {
  const lines = (text: string, style: ((line: string) => string) | undefined) =>
    text.split('\n').map((line) => (style ? style(line) : line));
  const table: string[][][] = [
    columns.map((c) => lines(c.header, (h) => color.bold(h))),
    ...rows.map((row) => columns.map((c) => lines(c.value(row), c.style && ((line) => c.style!(line, row, color))))),
  ];
  const widths = columns.map((_, i) => {
    let width = 0;
    for (const row of table) for (const line of row[i]!) width = Math.max(width, stringWidth(line));
    return width;
  });
  const out: string[] = [];
  for (const row of table) {
    const height = Math.max(...row.map((cell) => cell.length));
    for (let l = 0; l < height; l++)
      out.push(
        row
          .map((cell, i) => {
            const text = cell[l] ?? '';
            const gap = ' '.repeat(widths[i]! - stringWidth(text));
            return columns[i]!.align === 'right' ? gap + text : text + gap;
          })
          .join('  '),
      );
  }
  return out.join('\n');
}
