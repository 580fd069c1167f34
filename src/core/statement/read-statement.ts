import Papa from 'papaparse';
import { invalidInput } from '../errors';
import { type CsvOptions, parseCsv } from './csv';
import { detectColumns } from './csv-layout';
import { ofxBodyStart } from './ofx-tree';
import { looksLikeCamt, parseCamt } from './camt';
import { parseOfx } from './ofx';
import { looksLikeQif, parseQif } from './qif';
import type { Statement, StatementFormat } from './statement';

export interface ReadStatementOptions extends CsvOptions {
  /** `--format`; detected from the content (and the file name) when absent. */
  format?: StatementFormat;
  fileName: string;
}

/** Every statement a file holds, read (an OFX, QIF or CAMT file may hold several accounts'). */
export function readStatements(bytes: Uint8Array, options: ReadStatementOptions): Statement[] {
  const text = decodeStatement(bytes);
  // A person's column mapping, given or remembered, makes any text that is not OFX a CSV.
  const mapped = options.columns !== undefined || options.remembered !== undefined;
  const format = options.format ?? detectFormat(text, options.fileName, mapped);
  if (format === 'csv') return [parseCsv(text, options)];
  if (format === 'qif') return parseQif(text, options.currency);
  if (format === 'camt') return parseCamt(text);
  return parseOfx(text, format);
}

/** A file that holds one statement, read; one with several is refused, naming their accounts. */
export function readStatement(bytes: Uint8Array, options: ReadStatementOptions): Statement {
  const statements = readStatements(bytes, options);
  if (statements.length > 1)
    throw invalidInput(
      `the file holds ${statements.length} statements (accounts ${statements.map((s) => s.accountNumber ?? '?').join(', ')}); import one account's file at a time`,
    );
  return statements[0]!;
}

/** How much of a file is looked at to tell what it is. */
const SNIFF = 64 * 1024;

/**
 * Text from a file's bytes. UTF-8 (with or without a BOM) and UTF-16 with a BOM are
 * read as such; other text is Windows-1252, which older OFX files and many European
 * bank exports use. A file with NUL bytes or mostly control characters is not text.
 */
export function decodeStatement(bytes: Uint8Array): string {
  if (bytes.length === 0) throw invalidInput('the file is empty');
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  const head = bytes.subarray(0, SNIFF);
  let control = 0;
  for (const b of head) {
    if (b === 0) throw invalidInput('the file is binary, not a statement (OFX, QFX, QIF, CAMT or CSV)');
    if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c) control++;
  }
  if (control > head.length / 100) throw invalidInput('the file is binary, not a statement (OFX, QFX, QIF, CAMT or CSV)');
  const start = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  const body = bytes.subarray(start);
  const declared = /CHARSET\s*:\s*(1252|ISO-8859-1)|encoding\s*=\s*["'](windows-1252|iso-8859-1)["']/i.test(
    new TextDecoder('latin1').decode(head.subarray(0, 1024)),
  );
  if (!declared) {
    try {
      return new TextDecoder('utf-8', { fatal: true }).decode(body);
    } catch {
      // Not UTF-8: a legacy code page.
    }
  }
  return decodeWindows1252(body);
}

/** Windows-1252's 0x80-0x9F; the rest of the code page is Latin-1. */
const CP1252_HIGH =
  '\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f' +
  '\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178';

/**
 * Node 20's TextDecoder reads the label windows-1252 as Latin-1 (0x80 comes out as a
 * control character, not €), so the 32 characters where the two differ are mapped here.
 */
function decodeWindows1252(bytes: Uint8Array): string {
  const latin1 = new TextDecoder('latin1').decode(bytes);
  return latin1.replace(/[\u0080-\u009f]/g, (c) => CP1252_HIGH[c.charCodeAt(0) - 0x80]!);
}

/** OFX or QFX by content; CSV when the first lines hold a statement's header row. */
export function detectFormat(text: string, fileName: string, mapped = false): StatementFormat {
  const head = text.slice(0, SNIFF);
  const extension = /\.([a-z0-9]+)$/i.exec(fileName)?.[1]?.toLowerCase();
  if (looksLikeCamt(head)) return 'camt';
  if (extension === 'xml' && /^\s*</.test(head))
    throw invalidInput('the file is XML but not a CAMT bank statement (ISO 20022 BkToCstmrStmt)');
  if (ofxBodyStart(head) >= 0 || /^\s*OFXHEADER\s*:/i.test(head)) {
    return extension === 'qfx' || /<INTU\.BID>/i.test(head) ? 'qfx' : 'ofx';
  }
  if (extension === 'ofx' || extension === 'qfx')
    throw invalidInput(`the file is not ${extension.toUpperCase()}: it has no OFX header and no <OFX>`);
  if (looksLikeQif(head)) return 'qif';
  if (extension === 'qif') throw invalidInput('the file is not QIF: it does not start with a !Type: header');
  if (mapped) return 'csv';
  const rows = Papa.parse<string[]>(head, { delimitersToGuess: [',', ';', '\t', '|'], preview: 30 }).data;
  if (rows.some((r) => detectColumns(r) !== undefined)) return 'csv';
  throw invalidInput(
    'the file is not a statement: not OFX or QFX, and no CSV header with a date and an amount',
    'give the format (--format csv) and the columns (--columns date=...,description=...,amount=...) if it is a CSV',
  );
}
