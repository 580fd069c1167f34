import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseOfx, parseOfxDate } from '../../../src/core/statement/ofx';
import { decodeStatement, readStatement } from '../../../src/core/statement/read-statement';

const FIXTURES = path.resolve(__dirname, '../../../fixtures/statements');
const bytes = (name: string) => new Uint8Array(fs.readFileSync(path.join(FIXTURES, name)));
const read = (name: string) => readStatement(bytes(name), { fileName: name, currency: 'USD', accountType: 'checking' });

describe('OFX 1 (SGML, unclosed elements, Windows-1252)', () => {
  const s = read('evergreen-checking-ofx1.ofx');

  it('reads every transaction with its FITID, posted date, amount and payee', () => {
    expect(s.format).toBe('ofx');
    expect(s.kind).toBe('bank');
    expect(s.currency).toBe('USD');
    expect(s.accountNumber).toBe('000123456789');
    expect(s.lines).toHaveLength(10);
    expect(s.lines[0]).toEqual({
      id: '202611010001',
      date: '2026-11-01',
      amountCents: 287540,
      description: 'NORTHWIND TRADERS PAYROLL',
      memo: 'DIRECT DEP',
      category: null,
    });
    // DTPOSTED wins over DTUSER; the date is the one written, in its own time zone.
    expect(s.lines[1]).toMatchObject({ id: '202611020001', date: '2026-11-02', amountCents: -6418 });
  });

  it('decodes the code page and entities, and takes MEMO when there is no NAME', () => {
    expect(s.lines[2]!.description).toBe('CAFÉ VITA');
    expect(s.lines.find((l) => l.id === '202611060001')!.description).toBe('CHECK 2051 RENT');
  });

  it('keeps two identical purchases with their own FITIDs', () => {
    const coffees = s.lines.filter((l) => l.description === 'CAFÉ VITA');
    expect(coffees.map((c) => c.id)).toEqual(['202611040001', '202611040002']);
  });

  it('takes the ledger balance, not the available one', () => {
    expect(s.balance).toEqual({ cents: 561233, date: '2026-11-21' });
  });
});

describe('OFX 2 (XML) and QFX', () => {
  it('reads an XML statement, MEMO standing in for a missing NAME', () => {
    const s = read('harbor-savings-ofx2.ofx');
    expect(s.lines.map((l) => [l.date, l.amountCents, l.description])).toEqual([
      ['2026-09-30', 1422, 'INTEREST PAYMENT'],
      ['2026-10-15', 50000, 'TRANSFER FROM CHECKING'],
      ['2026-10-31', 1487, 'INTEREST PAYMENT'],
      ['2026-11-12', -25000, 'TRANSFER TO CHECKING'],
    ]);
    expect(s.balance).toEqual({ cents: 1027909, date: '2026-11-21' });
  });

  it('reads a credit-card QFX: charges negative, payments and returns positive', () => {
    const s = read('summit-visa.qfx');
    expect(s.format).toBe('qfx');
    expect(s.kind).toBe('creditcard');
    expect(s.accountNumber).toBe('4111XXXXXXXX1111');
    expect(s.lines.map((l) => l.amountCents)).toEqual([-4217, -999, 64000, -7340, -12900, 12900]);
    expect(s.balance).toEqual({ cents: -85456, date: '2026-11-21' });
  });
});

describe('OFX corrections', () => {
  it('REPLACE keeps the corrected FITID with the new figures; DELETE withdraws it', () => {
    const s = read('evergreen-checking-correction.ofx');
    expect(s.lines.map((l) => [l.id, l.amountCents])).toEqual([
      ['202611180001', -2799],
      ['202611130001', -3660],
      ['202611210001', -1500],
    ]);
    expect(s.removedIds).toEqual(['202611150001']);
  });

  it('applies a correction to a transaction earlier in the same file', () => {
    const text = ofx(
      stmttrn({ FITID: 'A', TRNAMT: '-10.00', NAME: 'SHOP' }) +
        stmttrn({ FITID: 'B', TRNAMT: '-5.00', NAME: 'CAFE' }) +
        stmttrn({ FITID: 'C', TRNAMT: '-12.00', NAME: 'SHOP', CORRECTFITID: 'A', CORRECTACTION: 'REPLACE' }) +
        stmttrn({ FITID: 'D', TRNAMT: '-5.00', NAME: 'CAFE', CORRECTFITID: 'B', CORRECTACTION: 'DELETE' }),
    );
    const [s] = parseOfx(text);
    expect(s!.lines.map((l) => [l.id, l.amountCents])).toEqual([['A', -1200]]);
    expect(s!.removedIds).toEqual(['B']);
  });
});

describe('bad OFX', () => {
  it('refuses a truncated file, cut inside a tag or between two', () => {
    expect(() => read('evergreen-checking-truncated.ofx')).toThrow('the OFX file ends inside a tag: it looks truncated');
    const whole = new TextDecoder().decode(bytes('evergreen-checking-ofx1.ofx'));
    const cut = whole.slice(0, whole.indexOf('</BANKTRANLIST>'));
    expect(() => parseOfx(cut)).toThrow('the OFX file ends before </OFX>: it looks truncated');
  });

  it('names the transaction and field of a bad value', () => {
    expect(() => parseOfx(ofx(stmttrn({ FITID: 'A', TRNAMT: '12,3,4', NAME: 'X' })))).toThrow(
      'transaction 1: TRNAMT "12,3,4" is not an amount',
    );
    expect(() => parseOfx(ofx(stmttrn({ FITID: 'A', TRNAMT: '1.00', NAME: 'X', DTPOSTED: '20261399' })))).toThrow(
      'transaction 1 DTPOSTED "20261399" is not an OFX date',
    );
    expect(() => parseOfx(ofx(stmttrn({ FITID: 'A', NAME: 'X' })))).toThrow('transaction 1: no TRNAMT');
  });

  it('refuses a file with two accounts, naming them', () => {
    const one =
      '<STMTTRNRS><STMTRS><CURDEF>USD<BANKACCTFROM><ACCTID>1</BANKACCTFROM><BANKTRANLIST></BANKTRANLIST></STMTRS></STMTTRNRS>';
    const text = `OFXHEADER:100\n\n<OFX><BANKMSGSRSV1>${one}${one.replace('<ACCTID>1', '<ACCTID>2')}</BANKMSGSRSV1></OFX>`;
    expect(() =>
      readStatement(new TextEncoder().encode(text), { fileName: 'x.ofx', currency: 'USD', accountType: 'checking' }),
    ).toThrow('the file holds 2 statements (accounts 1, 2)');
  });

  it('refuses an .ofx that is something else', () => {
    expect(() =>
      readStatement(new TextEncoder().encode('date,amount\n'), { fileName: 'a.ofx', currency: 'USD', accountType: 'checking' }),
    ).toThrow('the file is not OFX');
  });
});

describe('OFX dates', () => {
  it.each([
    ['20261105', '2026-11-05'],
    ['202611051230', '2026-11-05'],
    ['20261105123000', '2026-11-05'],
    ['20261105123000.000', '2026-11-05'],
    ['20261105235959.999[-8:PST]', '2026-11-05'],
    ['20261105000000[+5.30:IST]', '2026-11-05'],
    ['20261105[0:GMT]', '2026-11-05'],
  ])('%s is %s', (text, date) => expect(parseOfxDate(text, 'DTPOSTED')).toBe(date));

  it.each(['2026-11-05', '20260230', '2026110', '20261105T1200', 'yesterday'])('refuses %s', (text) =>
    expect(() => parseOfxDate(text, 'DTPOSTED')).toThrow(`DTPOSTED ${JSON.stringify(text)} is not an OFX date`),
  );
});

describe('decoding', () => {
  it('refuses binary data and empty files', () => {
    expect(() => decodeStatement(new Uint8Array([0x4f, 0x46, 0x58, 0x00, 0x01]))).toThrow('the file is binary');
    expect(() => decodeStatement(new Uint8Array())).toThrow('the file is empty');
  });

  it('reads UTF-8 with a BOM, UTF-16, and falls back to Windows-1252', () => {
    expect(decodeStatement(new Uint8Array([0xef, 0xbb, 0xbf, 0x43, 0x61, 0x66, 0xc3, 0xa9]))).toBe('Café');
    expect(decodeStatement(new Uint8Array([0xff, 0xfe, 0x43, 0x00, 0xe9, 0x00]))).toBe('Cé');
    expect(decodeStatement(new Uint8Array([0x43, 0x61, 0x66, 0xe9, 0x20, 0x80]))).toBe('Café €');
  });
});

function stmttrn(fields: Record<string, string>): string {
  const all = { TRNTYPE: 'DEBIT', DTPOSTED: '20261105', ...fields };
  return `<STMTTRN>${Object.entries(all)
    .map(([k, v]) => `<${k}>${v}`)
    .join('\n')}\n</STMTTRN>\n`;
}

function ofx(transactions: string): string {
  return `OFXHEADER:100\nDATA:OFXSGML\n\n<OFX>\n<BANKMSGSRSV1><STMTTRNRS><STMTRS>\n<CURDEF>USD\n<BANKACCTFROM><ACCTID>1</BANKACCTFROM>\n<BANKTRANLIST>\n${transactions}</BANKTRANLIST>\n</STMTRS></STMTTRNRS></BANKMSGSRSV1>\n</OFX>\n`;
}
