import { Chalk } from 'chalk';
import { describe, expect, it } from 'vitest';
import { type Column, renderTable } from '../../../src/cli/render/table';

interface Tx {
  date: string;
  amount: string;
  description: string;
}
const columns: Column<Tx>[] = [
  { header: 'DATE', value: (t) => t.date },
  { header: 'AMOUNT', value: (t) => t.amount, align: 'right', style: (text, _t, color) => color.red(text) },
  { header: 'DESCRIPTION', value: (t) => t.description },
];
const rows: Tx[] = [
  { date: '2026-11-22', amount: '-$4.50', description: '日本料理 Sushi' },
  { date: '2026-11-21', amount: '-$1,234.00', description: 'Café 🎉' },
];
const plain = new Chalk({ level: 0 });
const strip = (text: string) => text.replace(/\u001b\[\d+m/g, '');

describe('a table', () => {
  it('lines columns up by how wide they show: wide letters count two, emoji two, amounts to the right', () => {
    expect(renderTable(rows, columns, plain).split('\n')).toEqual([
      'DATE            AMOUNT  DESCRIPTION   ',
      '2026-11-22      -$4.50  日本料理 Sushi',
      '2026-11-21  -$1,234.00  Café 🎉       ',
    ]);
  });

  it('lays out the same with colour on: the colour codes take no room', () => {
    const coloured = renderTable(rows, columns, new Chalk({ level: 1 }));
    expect(coloured).toContain('\u001b[31m-$4.50\u001b[39m');
    expect(coloured).toContain('\u001b[1mDATE\u001b[22m');
    expect(strip(coloured)).toBe(renderTable(rows, columns, plain));
  });

  it('makes a row as tall as its cell of most lines, and an empty table its header', () => {
    const tall = renderTable([{ date: '2026-11-20', amount: '-$2.00', description: 'two\nlines' }], columns, plain);
    expect(tall.split('\n')).toEqual([
      'DATE        AMOUNT  DESCRIPTION',
      '2026-11-20  -$2.00  two        ',
      '                    lines      ',
    ]);
    expect(renderTable([], columns, plain)).toBe('DATE  AMOUNT  DESCRIPTION');
  });
});
