import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { detectFormat, readStatement, readStatements } from '../../../src/core/statement/read-statement';
import type { Statement } from '../../../src/core/statement/statement';

/** QIF as Quicken and GnuCash export it (fixtures/statements/*.qif, written for these tests). */
const FIXTURES = path.resolve(import.meta.dirname, '../../../fixtures/statements');
const read = (name: string, currency = 'USD'): Statement =>
  readStatement(fs.readFileSync(path.join(FIXTURES, name)), { fileName: name, currency, accountType: 'checking' });
const refusal = (name: string) => {
  try {
    read(name);
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error(`${name} was read`);
};

describe('QIF', () => {
  it('reads a Quicken bank register: its date spellings, payee, memo, number, category, transfers and splits', () => {
    const s = read('quicken-checking.qif');
    expect(s.format).toBe('qif');
    expect(s.kind).toBe('bank');
    expect(s.lines.map((l) => [l.date, l.amountCents, l.description, l.category])).toEqual([
      ['1999-12-31', -5000, 'City Water Dept', 'Water'],
      ['2024-01-02', 215000, 'ACME PAYROLL', 'Salary'],
      ['2024-01-05', -8412, 'WHOLE FOODS MKT #10234', 'Groceries'],
      ['2024-01-09', -12000, 'CHECK 1002', null],
      ['2024-01-12', -12050, 'TARGET 00012345', 'Groceries'],
      ['2024-01-10', -50000, 'Transfer to savings', 'transfer'],
    ]);
    expect(s.lines[0]!.memo).toBe('Y2K bill');
    // The parts of a split, in Quicken's own category labels.
    expect(s.lines[2]!.memo).toBe('Weekly shop');
    expect(s.lines[2]!.splits).toEqual([
      { label: 'Groceries', memo: 'Food', cents: -6412 },
      { label: 'Household', memo: 'Cleaning things', cents: -2000 },
    ]);
    expect(s.notes).toEqual(['4 of 6 transactions are not cleared in the register']);
  });

  it('reads a GnuCash credit-card export with its account block', () => {
    const s = read('gnucash-card.qif');
    expect(s.kind).toBe('creditcard');
    expect(s.accountNumber).toBe('Visa Rewards');
    expect(s.lines.map((l) => [l.date, l.amountCents, l.description])).toEqual([
      ['2024-01-14', -4250, 'SHELL OIL 5744'],
      ['2024-01-20', 30000, 'PAYMENT - THANK YOU'],
      ['2024-01-21', -1999, 'NETFLIX.COM'],
    ]);
    expect(s.notes).toEqual([]);
  });

  it("reads Quicken's space-padded dates with slashes, two-digit years either side of 2000", () => {
    const text = "!Type:Cash\nD1/ 2/24\nT-3.50\nPCoffee\n^\nD12/31/99\nT-1.00\nPGum\n^\nD 7/ 4'01\nT-2.00\nPParking\n^\n";
    const s = readStatement(new TextEncoder().encode(text), { fileName: 'wallet.qif', currency: 'USD', accountType: 'checking' });
    expect(s.lines.map((l) => [l.date, l.amountCents, l.description])).toEqual([
      ['2024-01-02', -350, 'Coffee'],
      ['1999-12-31', -100, 'Gum'],
      ['2001-07-04', -200, 'Parking'],
    ]);
  });

  it('reads day-first dates and decimal commas', () => {
    const s = read('quicken-day-first.qif', 'EUR');
    expect(s.lines.map((l) => [l.date, l.amountCents])).toEqual([
      ['2024-01-25', -123456],
      ['2024-02-03', 250000],
    ]);
  });

  it('refuses an investment register and splits that do not sum, each in one line', () => {
    expect(refusal('quicken-brokerage.qif')).toBe(
      'the QIF file is an investment register (!Type:Invst): finagg imports bank, cash and credit-card registers only',
    );
    expect(refusal('quicken-bad-split.qif')).toBe('QIF record 1 (line 2): its splits sum to -74.12, not to its amount -84.12');
  });

  it('reads a file of two accounts as a statement each, named by its !Account block', () => {
    const statements = readStatements(fs.readFileSync(path.join(FIXTURES, 'quicken-two-accounts.qif')), {
      fileName: 'x.qif',
      currency: 'USD',
      accountType: 'checking',
    });
    expect(statements.map((s) => [s.accountNumber, s.lines.map((l) => [l.date, l.amountCents, l.description])])).toEqual([
      ['Everyday Checking', [['2024-01-02', -1000, 'CORNER SHOP']]],
      ['Rainy Day Savings', [['2024-01-02', 1000, 'TRANSFER IN']]],
    ]);
  });

  it('is told from its content, whatever the file is called', () => {
    const text = fs.readFileSync(path.join(FIXTURES, 'quicken-checking.qif'), 'utf8');
    expect(detectFormat(text, 'download.txt')).toBe('qif');
    expect(() => detectFormat('Date,Amount\n', 'x.qif')).toThrow('the file is not QIF');
  });
});
