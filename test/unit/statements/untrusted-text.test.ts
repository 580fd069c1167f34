import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCamt } from '../../../src/core/statement/camt';
import { parseCsv } from '../../../src/core/statement/csv';
import { parseOfx } from '../../../src/core/statement/ofx';
import { parseQif } from '../../../src/core/statement/qif';
import type { StatementLine } from '../../../src/core/statement/statement';

/**
 * A statement file is as untrusted as a bank's answer: its text reaches the person's
 * terminal. Every reader keeps a line's text on one line, without escape sequences,
 * control characters or bidi overrides, and no longer than a bank connection keeps it.
 */
const ESCAPES = '\u001b]0;owned\u0007\u001b[2J\u202e';
const dirty = (text: string) => `\u000e\t\u0001${text}${ESCAPES}\t `;
const texts = (l: StatementLine) => [
  l.description,
  l.memo ?? '',
  l.category ?? '',
  ...(l.splits ?? []).flatMap((s) => [s.label, s.memo ?? '']),
];
const CLEAN = /^[^\u0000-\u001f\u007f-\u009f\u202a-\u202e]*$/;

function expectClean(lines: readonly StatementLine[]) {
  expect(lines.length).toBeGreaterThan(0);
  for (const l of lines)
    for (const t of texts(l)) {
      expect(t, JSON.stringify(t)).toMatch(CLEAN);
      expect(t).toBe(t.trim());
    }
}

describe('text from a statement file', () => {
  it('QIF: payee, memo, category and split memos', () => {
    const qif = [
      '!Type:Bank',
      'D11/02/2026',
      'T-50.00',
      `P${dirty('City Water Dept')}`,
      `M${dirty('Y2K bill')}`,
      `L${dirty('Utilities')}:${dirty('Water')}`,
      `S${dirty('Water')}`,
      `E${dirty('half')}`,
      '$-25.00',
      'SFees',
      '$-25.00',
      '^',
    ].join('\n');
    const [s] = parseQif(qif, 'USD');
    expectClean(s!.lines);
    expect(s!.lines[0]).toMatchObject({ description: 'City Water Dept', memo: 'Y2K bill', category: 'Water' });
    expect(s!.lines[0]!.splits![0]).toMatchObject({ label: 'Water', memo: 'half' });
  });

  it('OFX: NAME and MEMO', () => {
    const ofx = fs
      .readFileSync(path.resolve(import.meta.dirname, '../../../fixtures/statements/evergreen-checking-ofx1.ofx'), 'latin1')
      .replace('<NAME>NORTHWIND TRADERS PAYROLL', `<NAME>${dirty('NORTHWIND TRADERS PAYROLL')}`)
      .replace('<MEMO>DIRECT DEP', `<MEMO>${dirty('DIRECT DEP')}`);
    const [s] = parseOfx(ofx);
    expectClean(s!.lines);
    expect(s!.lines[0]).toMatchObject({ description: 'NORTHWIND TRADERS PAYROLL', memo: 'DIRECT DEP' });
  });

  it('CSV: description, memo and category cells', () => {
    const csv = `Date,Description,Notes,Category,Amount\n2026-11-02,"${dirty('GROCERY')}","${dirty('weekly')}","${dirty('Food')}",-12.00\n`;
    const s = parseCsv(csv, { currency: 'USD', accountType: 'checking' });
    expectClean(s.lines);
    expect(s.lines[0]).toMatchObject({ description: 'GROCERY', memo: 'weekly', category: 'Food' });
  });

  it('a description of nothing but control characters is no description: the row takes the memo (CSV, OFX)', () => {
    const csv = parseCsv(`Date,Description,Notes,Amount\n2026-11-02,"\u0001\u001b[2J\t",weekly,-12.00\n`, {
      currency: 'USD',
      accountType: 'checking',
    });
    expect(csv.lines[0]).toMatchObject({ description: 'weekly' });
    expect(csv.lines[0]!.memo ?? null).toBeNull();
    const ofx = fs
      .readFileSync(path.resolve(import.meta.dirname, '../../../fixtures/statements/evergreen-checking-ofx1.ofx'), 'latin1')
      .replace('<NAME>NORTHWIND TRADERS PAYROLL', '<NAME>\u0001\u202e');
    const [s] = parseOfx(ofx);
    expect(s!.lines[0]).toMatchObject({ description: 'DIRECT DEP', memo: null });
  });

  it('CAMT.053: party and remittance', () => {
    const xml = `<?xml version="1.0"?><Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02"><BkToCstmrStmt><Stmt><Acct><Id><IBAN>DE02100100100006820101</IBAN></Id><Ccy>EUR</Ccy></Acct><Ntry><Amt Ccy="EUR">12.00</Amt><CdtDbtInd>DBIT</CdtDbtInd><Sts>BOOK</Sts><BookgDt><Dt>2026-11-02</Dt></BookgDt><NtryDtls><TxDtls><RltdPties><Cdtr><Nm>${dirty('Stadtwerke')}</Nm></Cdtr></RltdPties><RmtInf><Ustrd>${dirty('Abschlag')}</Ustrd></RmtInf></TxDtls></NtryDtls></Ntry></Stmt></BkToCstmrStmt></Document>`;
    const [s] = parseCamt(xml.replace(/\u0007/g, ''));
    expectClean(s!.lines);
    expect(s!.lines[0]).toMatchObject({ description: 'Stadtwerke', memo: 'Abschlag' });
  });

  it('a description longer than a bank would send is cut at 500 code points, marked with …', () => {
    const long = 'A'.repeat(600);
    const s = parseCsv(`Date,Description,Amount\n2026-11-02,${long},-1.00\n`, { currency: 'USD', accountType: 'checking' });
    expect(Array.from(s.lines[0]!.description)).toHaveLength(500);
    expect(s.lines[0]!.description.endsWith('…')).toBe(true);
  });
});
