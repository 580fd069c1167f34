import { describe, expect, it } from 'vitest';
import { openStatements, readStatements } from '../../../src/core/statement/read-statement';
import type { StatementLine } from '../../../src/core/statement/statement';

// An import reads a CSV whole to check it, then reads its rows again from the file piece
// by piece (1,000 rows each) while it stores them: the lines must be the same as the
// whole file's, whatever the encoding, line breaks and quoting.

/** A card export of `rows` rows: a preamble, quoted commas and newlines, blank lines, accents. */
function statementText(rows: number, names: readonly string[]): string {
  const out = ['Account: 1234', 'Exported 2026-11-30', '', 'Date,Description,Amount,Balance'];
  for (let i = 0; i < rows; i++) {
    const day = String((i % 28) + 1).padStart(2, '0');
    const name = names[i % names.length]!;
    const description = i % 97 === 0 ? `"${name}, line one\nline two"` : i % 13 === 0 ? `"${name}, #${i}"` : `${name} ${i}`;
    // Mostly positive amounts: a card export that writes spending as positive.
    const cents = i % 5 === 0 ? -(i * 7 + 3) : i * 11 + 1;
    out.push(`2026-10-${day},${description},${(cents / 100).toFixed(2)},${(i * 3).toFixed(2)}`);
    if (i % 500 === 250) out.push('');
  }
  return out.join('\r\n') + '\r\n';
}

const encodings: { name: string; names: string[]; encode: (text: string) => Uint8Array }[] = [
  { name: 'UTF-8', names: ['Café Olé', '日本の店', 'Bäckerei 🥐'], encode: (t) => Buffer.from(t, 'utf8') },
  {
    name: 'UTF-8 with a BOM',
    names: ['Café Olé', 'Ĳssalon'],
    encode: (t) => Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(t, 'utf8')]),
  },
  {
    name: 'UTF-16 LE with a BOM',
    names: ['Café Olé', '日本の店', 'Bäckerei 🥐'],
    encode: (t) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(t, 'utf16le')]),
  },
  // é is 0xE9 and € is 0x80 in Windows-1252; not valid UTF-8, so read as the code page.
  {
    name: 'Windows-1252',
    names: ['Caf\u00e9 Ol\u00e9', 'Euro \u20ac shop'],
    encode: (t) => Buffer.from(Array.from(t, (c) => (c === '\u20ac' ? 0x80 : c.charCodeAt(0)))),
  },
];

const options = (accountType: string) => ({ fileName: 'card.csv', currency: 'USD', accountType });

function visited(bytes: Uint8Array, accountType: string, reread: (start: number, end: number) => Uint8Array) {
  const [opened] = openStatements(bytes, options(accountType), reread);
  const lines: StatementLine[] = [];
  opened!.lines.eachBatch(700, (batch) => {
    expect(batch.length).toBeLessThanOrEqual(700);
    lines.push(...batch);
  });
  return { opened: opened!, lines };
}

describe('a CSV read again from the file', () => {
  for (const encoding of encodings)
    it(`gives the lines of the whole file (${encoding.name})`, () => {
      const bytes = encoding.encode(statementText(3_456, encoding.names));
      for (const accountType of ['checking', 'credit']) {
        const [whole] = readStatements(bytes, options(accountType));
        const ranges: [number, number][] = [];
        const { opened, lines } = visited(bytes, accountType, (start, end) => {
          ranges.push([start, end]);
          return bytes.subarray(start, end);
        });
        expect(lines).toEqual(whole!.lines);
        expect(lines).toHaveLength(3_456);
        expect(opened.lines.count).toBe(3_456);
        expect(opened.balance).toEqual(whole!.balance);
        expect(opened.notes).toEqual(whole!.notes);
        // Read from the file in pieces that follow each other to its end.
        expect(ranges.length).toBeGreaterThan(3);
        for (let i = 1; i < ranges.length; i++) expect(ranges[i]![0]).toBe(ranges[i - 1]![1]);
        expect(ranges.at(-1)![1]).toBe(bytes.length);
      }
      // The card's spending, written positive, is read as money out.
      expect(readStatements(bytes, options('credit'))[0]!.lines[1]!.amountCents).toBe(-12);
      expect(readStatements(bytes, options('checking'))[0]!.lines[97]!.description).toContain('line one line two');
    });

  it('refuses a piece whose bytes changed since the file was checked, before visiting its lines', () => {
    const bytes = Buffer.from(statementText(3_000, ['Shop']), 'utf8');
    const changed = Buffer.from(bytes);
    // A digit of an amount in the third piece (rows 2,000 to 2,999) turned.
    const at = changed.indexOf('2026-10-', changed.indexOf('Shop 2500'));
    changed[at + 3] = '7'.charCodeAt(0);
    const seen: StatementLine[] = [];
    const [opened] = openStatements(bytes, options('checking'), (start, end) => changed.subarray(start, end));
    expect(() => opened!.lines.eachBatch(1, (batch) => seen.push(...batch))).toThrow(
      'the file changed while it was being imported',
    );
    // The first two pieces' lines were visited (1,996 rows after the preamble and header,
    // four of them blank); not one of the changed piece's.
    expect(seen).toHaveLength(1_992);
    expect(seen.at(-1)!.description).toBe('Shop 1991');
  });
});
