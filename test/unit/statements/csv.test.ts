import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { type CsvOptions, detectDecimal, parseCsv } from '../../../src/core/statement/csv';
import { detectDateFormat } from '../../../src/core/statement/date-format';
import { decodeStatement, readStatement } from '../../../src/core/statement/read-statement';

const FIXTURES = path.resolve(__dirname, '../../../fixtures/statements');
const fixture = (name: string) => decodeStatement(new Uint8Array(fs.readFileSync(path.join(FIXTURES, name))));
const usd: CsvOptions = { currency: 'USD', accountType: 'checking' };

describe('CSV layouts', () => {
  it('a single signed amount with a balance, newest first (Chase)', () => {
    const s = parseCsv(fixture('chase-checking.csv'), usd);
    expect(s.lines).toHaveLength(10);
    expect(s.lines[0]).toEqual({
      id: null,
      date: '2026-11-20',
      amountCents: -575,
      description: 'STARBUCKS STORE 11452 SEATTLE WA 11/19',
      category: null,
    });
    // Two identical coffees are two lines; content alone tells them apart later.
    expect(s.lines[1]).toEqual(s.lines[0]);
    expect(s.lines.find((l) => l.description.startsWith('ACME'))!.amountCents).toBe(245000);
    // The closing balance is the newest row's.
    expect(s.balance).toEqual({ cents: 241831, date: '2026-11-20' });
    expect(s.mapping).toEqual({
      columns: { date: 'Posting Date', description: 'Description', amount: 'Amount', balance: 'Balance', marker: 'Type' },
      dateFormat: 'MM/dd/yyyy',
      decimal: '.',
      flip: false,
    });
  });

  it('separate debit and credit columns, the posted date over the purchase date, the bank category kept', () => {
    const s = parseCsv(fixture('capital-one-card.csv'), { currency: 'USD', accountType: 'credit' });
    expect(s.lines.map((l) => [l.date, l.amountCents])).toEqual([
      ['2026-11-20', -1843],
      ['2026-11-18', -6207],
      ['2026-11-17', -2399],
      ['2026-11-14', 35000],
      ['2026-11-12', -1285],
      ['2026-11-10', 2399],
      ['2026-11-06', -1199],
    ]);
    expect(s.lines[0]!.category).toBe('Other Travel');
    expect(s.balance).toBeNull();
  });

  it('a card export that writes spending as positive is turned, and says so', () => {
    const s = parseCsv(fixture('amex.csv'), { currency: 'USD', accountType: 'credit' });
    expect(s.lines.map((l) => l.amountCents)).toEqual([-41260, -28914, 90000, -650, -1799, -5421]);
    expect(s.notes).toContain('amounts read as money spent when positive, as this card export writes them');
    // The same file in a checking account is read as written.
    expect(parseCsv(fixture('amex.csv'), usd).lines[0]!.amountCents).toBe(41260);
  });

  it('money out and money in, day-first dates, pound signs and a negative balance (UK)', () => {
    const s = parseCsv(fixture('uk-current.csv'), { currency: 'GBP', accountType: 'checking' });
    expect(s.mapping.dateFormat).toBe('dd/MM/yyyy');
    expect(s.lines.map((l) => [l.date, l.amountCents])).toEqual([
      ['2026-11-21', -2340],
      ['2026-11-19', -780],
      ['2026-11-18', 231000],
      ['2026-11-14', -625],
      ['2026-11-12', -6400],
      ['2026-11-03', -110000],
    ]);
    expect(s.balance).toEqual({ cents: 120416, date: '2026-11-21' });
  });

  it('a German export: lines before the header, semicolons, Windows-1252, decimal commas, the payee column', () => {
    const s = parseCsv(fixture('dkb-giro.csv'), { currency: 'EUR', accountType: 'checking' });
    expect(s.mapping).toMatchObject({ dateFormat: 'dd.MM.yyyy', decimal: ',' });
    expect(s.mapping.columns).toMatchObject({
      date: 'Buchungstag',
      description: 'Auftraggeber / Begünstigter',
      amount: 'Betrag (EUR)',
    });
    expect(s.lines.map((l) => [l.date, l.amountCents, l.description])).toEqual([
      ['2026-11-21', -4783, 'REWE Markt GmbH'],
      ['2026-11-20', -12990, 'Deutsche Bahn'],
      ['2026-11-15', 325000, 'ACME GmbH'],
      ['2026-11-12', -6120, 'Aral Station 1234'],
      ['2026-11-05', -115000, 'Hausverwaltung Müller'],
      ['2026-11-03', -3999, 'Vodafone GmbH'],
    ]);
  });

  it('takes the sign from a DR/CR column when amounts carry none', () => {
    const text = 'Date,Narrative,Amount,DR/CR\n2026-11-02,GROCER,12.40,DR\n2026-11-03,SALARY,900.00,CR\n';
    expect(parseCsv(text, usd).lines.map((l) => l.amountCents)).toEqual([-1240, 90000]);
  });

  it('uses columns the person names, by header or by position', () => {
    const text = 'When,What,How much\n2026-11-02,Corner shop,-3.20\n';
    expect(() => parseCsv(text, usd)).toThrow('no header row with a date and an amount column');
    const s = parseCsv(text, { ...usd, columns: 'date=When,description=2,amount=how much' });
    expect(s.lines).toEqual([{ id: null, date: '2026-11-02', amountCents: -320, description: 'Corner shop', category: null }]);
    expect(s.mapping.columns).toEqual({ date: 'When', description: 'What', amount: 'How much' });
    expect(() => parseCsv(text, { ...usd, columns: 'date=When,description=Nope,amount=3' })).toThrow(
      '--columns description="Nope": no such column',
    );
  });

  it('reads a file again with the mapping remembered from the last one', () => {
    const first = parseCsv('When,What,How much\n02/11/2026,Shop,"-3,20"\n', {
      currency: 'EUR',
      accountType: 'checking',
      columns: 'date=When,description=What,amount=How much',
      dateFormat: 'DD/MM/YYYY',
      decimal: ',',
    });
    const again = parseCsv('When,What,How much\n03/11/2026,Shop,"-4,10"\n', {
      currency: 'EUR',
      accountType: 'checking',
      remembered: first.mapping,
    });
    expect(again.lines[0]).toMatchObject({ date: '2026-11-03', amountCents: -410 });
  });
});

describe('CSV dates and decimals', () => {
  it('chooses month-first when every day is 12 or less, day-first with decimal commas, and says so', () => {
    expect(detectDateFormat(['11/05/2026', '11/06/2026'], false)).toEqual({ pattern: 'MM/dd/yyyy', ambiguous: true });
    expect(detectDateFormat(['11/05/2026', '11/06/2026'], true)).toEqual({ pattern: 'dd/MM/yyyy', ambiguous: true });
    expect(detectDateFormat(['11/05/2026', '11/25/2026'], true)).toEqual({ pattern: 'MM/dd/yyyy', ambiguous: false });
    expect(detectDateFormat(['2026-11-05', '2026-11-25'], false)).toEqual({ pattern: 'yyyy-MM-dd', ambiguous: false });
    expect(detectDateFormat(['5 Nov 2026'], false)).toMatchObject({ pattern: 'd MMM yyyy' });
    expect(detectDateFormat(['2026-11-05T14:03:00Z'], false)).toMatchObject({ pattern: 'yyyy-MM-dd' });
    expect(detectDateFormat(['soon'], false)).toBeUndefined();
    const s = parseCsv('Date,Payee,Amount\n11/05/2026,A,-1.00\n', usd);
    expect(s.notes).toEqual(['dates read as MM/DD/YYYY (give --date-format if they are not)']);
  });

  it('tells decimal commas from thousands commas', () => {
    expect(detectDecimal(['-12,50', '1.234,56'])).toBe(',');
    expect(detectDecimal(['-12.50', '1,234.56'])).toBe('.');
    expect(detectDecimal(['1.234.567,00'])).toBe(',');
    expect(detectDecimal(['1,234', '12'])).toBe('.');
  });
});

describe('bad CSV', () => {
  it('names the line, column and value that do not read', () => {
    const bad = 'Date,Description,Amount\n2026-11-02,Shop,-3.20\n2026-11-31,Shop,-1.00\n';
    expect(() => parseCsv(bad, usd)).toThrow('line 3: Date "2026-11-31" is not a date like YYYY-MM-DD');
    const amount = 'Date,Description,Amount\n2026-11-02,Shop,-3.2.0\n';
    expect(() => parseCsv(amount, usd)).toThrow('line 2: Amount "-3.2.0" is not an amount');
  });

  it('refuses a file cut off in the middle of a row or a quoted field', () => {
    const text = fixture('chase-checking.csv');
    const cutRow = text.slice(0, text.indexOf('-84.12'));
    expect(() => parseCsv(cutRow, usd)).toThrow(/line 4 has 4 fields where the header has 7: the file looks cut off/);
    const cutQuote = text.slice(0, text.indexOf('TRADER JOE') + 5);
    expect(() => parseCsv(cutQuote, usd)).toThrow(/unclosed quote near row 4: it looks cut off/);
  });

  it('refuses text that is not a statement without reading all of it', () => {
    const nonsense = 'lorem ipsum dolor sit amet\n'.repeat(200_000);
    const started = performance.now();
    expect(() => readStatement(new TextEncoder().encode(nonsense), { fileName: 'x.txt', ...usd })).toThrow(
      'the file is not a statement',
    );
    expect(performance.now() - started).toBeLessThan(2000);
    expect(() => readStatement(new TextEncoder().encode('{"transactions": []}'), { fileName: 'x.json', ...usd })).toThrow(
      'the file is not a statement',
    );
    expect(() => parseCsv('Date,Description,Amount\n', usd)).toThrow('a header but no transactions');
  });
});
