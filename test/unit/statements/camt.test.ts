import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCamt } from '../../../src/core/statement/camt';
import { detectFormat, readStatements } from '../../../src/core/statement/read-statement';

/** CAMT.053 as European banks export it (fixtures/statements/*camt*.xml, written for these tests). */
const FIXTURES = path.resolve(import.meta.dirname, '../../../fixtures/statements');
const read = (name: string) =>
  readStatements(fs.readFileSync(path.join(FIXTURES, name)), { fileName: name, currency: 'EUR', accountType: 'checking' });
const camt = (entries: string, extra = '') =>
  `<?xml version="1.0"?><Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02"><BkToCstmrStmt><Stmt><Acct><Id><IBAN>DE02100100100006820101</IBAN></Id><Ccy>EUR</Ccy></Acct>${extra}${entries}</Stmt></BkToCstmrStmt></Document>`;
const entry = (fields: string) => `<Ntry>${fields}</Ntry>`;

describe('CAMT.053', () => {
  it('reads booked entries: dates, signs, counterparty, remittance, the bank reference and the closing balance', () => {
    const [s, ...more] = read('sparkasse-camt053.xml');
    expect(more).toEqual([]);
    expect(s!).toMatchObject({ format: 'camt', kind: 'bank', accountNumber: 'DE89370400440532013000', currency: 'EUR' });
    expect(s!.lines.map((l) => [l.id, l.date, l.amountCents, l.description, l.memo])).toEqual([
      [
        '2026110300012345',
        '2026-11-03',
        -5437,
        'REWE Markt GmbH',
        'REWE SAGT DANKE 4711 Karte 1 2026-11-02T18:04 · KARTENZAHLUNG',
      ],
      [
        '2026110500000077',
        '2026-11-05',
        285000,
        'ACME Deutschland GmbH',
        'LOHN/GEHALT 11/2026 PERS.NR. 0815 · GUTSCHR. UEBERW. LOHN/GEHALT',
      ],
      // A batch booked as one entry: one row, its parts in the memo.
      ['2026111000000311', '2026-11-10', -67728, 'SAMMELUEBERWEISUNG', 'Miete November; Nebenkosten November'],
    ]);
    // The closing booked balance is the opening one plus the booked entries.
    expect(s!.balance).toEqual({ cents: 152040 - 5437 + 285000 - 67728, date: '2026-11-19' });
    expect(s!.notes).toEqual([
      'statement 1 (account DE89370400440532013000): 1 entry not booked yet (pending or information) left out',
    ]);
  });

  it('reads a later version (Pty names, Sts codes, DtTm dates) with two statements, a negative balance, no references', () => {
    const statements = read('two-accounts-camt053.xml');
    expect(
      statements.map((s) => [s.accountNumber, s.balance, s.lines.map((l) => [l.id, l.date, l.amountCents, l.description])]),
    ).toEqual([
      [
        'NL91ABNA0417164300',
        { cents: -4110, date: '2026-11-20' },
        [
          [null, '2026-11-02', -2345, 'Albert Heijn 1403'],
          [null, '2026-11-04', -1765, 'NS Reizigers'],
        ],
      ],
      ['NL02ABNA0123456789', { cents: 500000, date: '2026-11-20' }, [[null, '2026-11-01', 500000, 'J. de Vries']]],
    ]);
  });

  it('is told from its content, and an XML file of something else is refused as such', () => {
    const text = fs.readFileSync(path.join(FIXTURES, 'sparkasse-camt053.xml'), 'utf8');
    expect(detectFormat(text, 'download')).toBe('camt');
    expect(() => detectFormat('<?xml version="1.0"?><rss></rss>', 'feed.xml')).toThrow(
      'the file is XML but not a CAMT bank statement',
    );
  });

  it('refuses in one line what it cannot read, naming the entry and field', () => {
    const ok = '<Amt Ccy="EUR">1.00</Amt><CdtDbtInd>DBIT</CdtDbtInd><BookgDt><Dt>2026-11-01</Dt></BookgDt>';
    const cases: [string, string][] = [
      [
        camt(entry(ok.replace('DBIT', 'MINUS'))),
        'statement 1 (account DE02100100100006820101), entry 1: CdtDbtInd "MINUS" is not CRDT or DBIT',
      ],
      [camt(entry(ok.replace('1.00', '1.005'))), 'entry 1: Amt "1.005" has 3 decimal places; EUR amounts have 2'],
      [camt(entry(ok.replace('1.00', '-1.00'))), 'entry 1: Amt "-1.00" is negative; CAMT amounts carry no sign'],
      [camt(entry(ok.replace('2026-11-01', '2026-02-30'))), 'entry 1 BookgDt "2026-02-30" is not a date'],
      [camt(entry(ok.replace('<BookgDt><Dt>2026-11-01</Dt></BookgDt>', ''))), 'entry 1: no booking date (BookgDt)'],
      [camt(entry(ok.replace('Ccy="EUR"', 'Ccy="USD"'))), 'entry 1: an amount in USD in a statement in EUR'],
      [camt(entry(ok)).replace('</Stmt>', ''), 'the CAMT file is not well-formed XML'],
      ['<Document><BkToCstmrStmt></BkToCstmrStmt></Document>', 'the CAMT file holds no statement'],
      // The validator passes it, the parser does not (found by the fuzz test).
      [camt(entry(ok)).replace('<?xml', '<?"xml'), 'the CAMT file is not well-formed XML'],
    ];
    for (const [text, message] of cases) expect(() => parseCamt(text), message).toThrow(message);
    expect(() => read('camt-with-doctype.xml')).toThrow(
      'the XML file declares a DOCTYPE or entities: it is not a bank statement',
    );
  });
});
