import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readStatement } from '../../../src/core/statement/read-statement';
import type { Statement } from '../../../src/core/statement/statement';

/**
 * Statement files as banks and apps really write them (fixtures/statements, written for
 * these tests): OFX 2 with CDATA, empty elements, a bank's error instead of a statement,
 * too many decimals, checks without a payee; CSV without a header, and headers in more
 * languages and apps.
 */
const FIXTURES = path.resolve(import.meta.dirname, '../../../fixtures/statements');
const read = (name: string, currency = 'USD', extra: { columns?: string } = {}): Statement =>
  readStatement(fs.readFileSync(path.join(FIXTURES, name)), { fileName: name, currency, accountType: 'checking', ...extra });
const rows = (s: Statement) => s.lines.map((l) => [l.date, l.amountCents, l.description]);
const refusal = (name: string, currency = 'USD', extra: { columns?: string } = {}) => {
  try {
    read(name, currency, extra);
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error(`${name} was read`);
};

describe('OFX as banks write it', () => {
  it('reads CDATA sections as text, taken literally, beside plain text', () => {
    const s = read('outback-eftpos-cdata.ofx', 'AUD');
    expect(rows(s)).toEqual([
      ['2026-11-03', -6435, 'EFTPOS WDL ALDI STORE'],
      ['2026-11-04', -480, 'VISA PURCHASE <CAFE> 1 SYDNEY'],
      ['2026-11-05', 215000, 'SALARY'],
    ]);
    expect(s.lines[0]!.memo).toBe('ALDI 47 PARRAMATTA & CO AUS');
    expect(s.lines[2]!.memo).toBe('ACME PTY LTD NOV');
    expect(s.balance).toEqual({ cents: 312085, date: '2026-11-20' });
  });

  it('takes an empty balance as none, with a note, and empty elements as absent', () => {
    const s = read('empty-elements.ofx');
    expect(rows(s)).toEqual([
      ['2026-11-02', -4210, 'SHELL OIL 5744'],
      ['2026-11-06', -1800, 'CITY PARKING'],
    ]);
    expect(s.lines.every((l) => l.memo === null)).toBe(true);
    expect(s.balance).toBeNull();
    expect(s.notes).toEqual([
      'the statement gives no closing balance (LEDGERBAL has no BALAMT): the balance is the sum of the rows',
    ]);
  });

  it("says the bank's code and message when it sent an error instead of a statement", () => {
    expect(refusal('signon-refused.ofx')).toBe(
      'the bank sent an error instead of a statement: code 15500 (ERROR): The user ID or password is not valid',
    );
    expect(refusal('statement-server-error.ofx')).toBe(
      'the bank sent an error instead of a statement: code 2000 (ERROR): General error: try again later',
    );
  });

  it('says an amount has more decimals than its currency', () => {
    expect(refusal('brokerage-sweep-4-decimals.ofx')).toBe(
      'transaction 2: TRNAMT "115.8331" has 4 decimal places; USD amounts have 2',
    );
  });

  it('tells a check without a payee by its number', () => {
    expect(rows(read('checks-without-payee.qfx'))).toEqual([
      ['2026-11-04', -120000, 'CHECK 1000'],
      ['2026-11-10', -8500, 'PIANO LESSONS'],
      ['2026-11-12', -4000, 'CHECK 1002'],
      ['2026-11-14', -2000, 'CHECK'],
    ]);
  });
});

describe('CSV without a header row', () => {
  const columns = 'date=1,description=2,amount=3,balance=4';

  it('keeps the first row as a transaction when columns are given by position', () => {
    const s = read('headerless-credit-union.csv', 'USD', { columns });
    expect(rows(s)).toEqual([
      ['2026-11-02', -5421, 'SAFEWAY #1234 DENVER CO'],
      ['2026-11-03', 215000, 'PAYROLL ACME CORP'],
      ['2026-11-05', -8840, 'XCEL ENERGY'],
    ]);
    expect(s.balance).toEqual({ cents: 447443, date: '2026-11-05' });
    if (!('mapping' in s)) throw new Error('no mapping');
    expect(s.mapping).toMatchObject({ headerless: true, columns: { date: 'column 1', amount: 'column 3' } });
  });

  it('reads a one-row file, and reads the remembered positions the next time', () => {
    const s = read('headerless-one-row.csv', 'USD', { columns: 'date=1,description=2,amount=3' });
    expect(rows(s)).toEqual([['2026-11-02', -5421, 'SAFEWAY #1234 DENVER CO']]);
    const again = readStatement(fs.readFileSync(path.join(FIXTURES, 'headerless-credit-union.csv')), {
      fileName: 'x.csv',
      currency: 'USD',
      accountType: 'checking',
      remembered: 'mapping' in s ? (s.mapping as never) : undefined,
    });
    expect(again.lines).toHaveLength(3);
  });

  it('still takes a header row when the columns by position are of a file that has one', () => {
    const s = read('notes-column.csv', 'USD', { columns: 'date=1,description=2,amount=3' });
    expect(rows(s)).toEqual([
      ['2026-11-02', -6120, 'TRADER JOE S #552'],
      ['2026-11-04', -4000, 'SHELL OIL 5744'],
    ]);
  });

  it('names the columns by position in its messages, never by the first row', () => {
    expect(refusal('headerless-credit-union.csv', 'USD', { columns: 'date=2,description=1,amount=3' })).toBe(
      'column 2 holds dates in no format finagg knows',
    );
    expect(refusal('headerless-bad-amount.csv', 'USD', { columns: 'date=1,description=2,amount=3' })).toBe(
      'line 2: column 3 "12,3,4" is not an amount (decimal ".")',
    );
    expect(refusal('headerless-credit-union.csv', 'USD', { columns: 'date=1,amount=7' })).toBe(
      '--columns amount="7": no such column (the rows have 4 columns)',
    );
  });
});

describe('CSV headers of more banks, languages and apps', () => {
  it.each([
    ['notes-column.csv', 'USD', [-6120, -4000], 'TRADER JOE S #552', 'party food'],
    ['societe-generale-fr.csv', 'EUR', [-4560, 245000, -8213], 'CB CARREFOUR MARKET 02/11', 'courses'],
    ['ynab-register.csv', 'USD', [-8412, 215000, -1549], 'Whole Foods', undefined],
    ['paypal-activity.csv', 'USD', [-3250, 9680], 'Etsy Seller Co', undefined],
    ['stripe-balance.csv', 'USD', [4825, -4825], 'Invoice 1041', undefined],
    ['ing-nl.csv', 'EUR', [-2345, 245000], 'Albert Heijn 1403 AMSTERDAM', 'Pasvolgnr: 001'],
    ['intesa-it.csv', 'EUR', [-3820, 198000], 'PAGAMENTO POS ESSELUNGA MILANO', undefined],
    ['millennium-pt.csv', 'EUR', [-2735, 145000], 'COMPRA PINGO DOCE LISBOA', undefined],
    ['dnb-no.csv', 'NOK', [-31240, 3250000], 'Varekjøp REMA 1000 OSLO', undefined],
    ['nordea-se.csv', 'SEK', [-24550, 2800000], 'ICA SUPERMARKET STOCKHOLM', undefined],
    ['danske-dk.csv', 'DKK', [-18995, 3100000], 'Netto København', undefined],
  ])('%s', (name, currency, amounts, first, memo) => {
    const s = read(name, currency);
    expect(s.lines.map((l) => l.amountCents)).toEqual(amounts);
    expect(s.lines[0]!.description).toBe(first);
    expect(s.lines[0]!.memo).toBe(memo);
    expect(s.lines.every((l) => /^2026-11-0\d$/.test(l.date))).toBe(true);
  });

  it('takes the net amount where a file has gross, fee and net, and keeps the app category', () => {
    const paypal = read('paypal-activity.csv');
    expect(paypal.lines[1]!.amountCents).toBe(9680); // 100.00 gross less the 3.20 fee
    expect(paypal.balance).toEqual({ cents: 16430, date: '2026-11-04' });
    expect(read('ynab-register.csv').lines.map((l) => l.category)).toEqual(['Groceries', 'Ready to Assign', 'Streaming']);
  });

  it('imports a file with no description column, with empty descriptions and a note', () => {
    const s = read('no-description.csv');
    expect(rows(s)).toEqual([
      ['2026-11-02', -2000, ''],
      ['2026-11-03', -525, ''],
    ]);
    expect(s.notes).toContain('the file has no description column: descriptions are empty');
  });
});
