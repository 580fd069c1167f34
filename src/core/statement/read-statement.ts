import crypto from 'node:crypto';
import Papa from 'papaparse';
import { AppError, invalidInput } from '../errors';
import { type CsvOptions, type KeepPiece, openCsv, parseCsv } from './csv';
import { detectColumns } from './csv-layout';
import { ofxBodyStart } from './ofx-tree';
import { looksLikeCamt, parseCamt } from './camt';
import { parseOfx } from './ofx';
import { looksLikeQif, parseQif } from './qif';
import { heldLines, type OpenedStatement, type Statement, type StatementFormat } from './statement';

export interface ReadStatementOptions extends CsvOptions {
  /** `--format`; detected from the content (and the file name) when absent. */
  format?: StatementFormat;
  fileName: string;
}

/** Every statement a file holds, read (an OFX, QIF or CAMT file may hold several accounts'). */
export function readStatements(bytes: Uint8Array, options: ReadStatementOptions): Statement[] {
  const text = decodeStatement(bytes);
  const format = formatOf(text, options);
  if (format === 'csv') return [parseCsv(text, options)];
  return readOther(text, format, options);
}

/**
 * Every statement a file holds, read and checked whole, for an import to visit the lines
 * of. A CSV's lines are read again batch by batch rather than held: from the file when
 * `reread` gives its bytes again (then neither the text nor the lines stay in memory),
 * else from the text.
 */
export function openStatements(
  bytes: Uint8Array,
  options: ReadStatementOptions,
  reread?: (start: number, end: number) => Uint8Array,
): OpenedStatement[] {
  const encoding = encodingOf(bytes);
  const text = decodeAs(bytes, encoding);
  const format = formatOf(text, options);
  if (format === 'csv') return [openCsv(text, options, reread ? keepInFile(bytes, encoding, reread) : undefined)];
  return readOther(text, format, options).map(heldLines);
}

function formatOf(text: string, options: ReadStatementOptions): StatementFormat {
  // A person's column mapping, given or remembered, makes any text that is not OFX a CSV.
  const mapped = options.columns !== undefined || options.remembered !== undefined;
  return options.format ?? detectFormat(text, options.fileName, mapped);
}

function readOther(text: string, format: Exclude<StatementFormat, 'csv'>, options: ReadStatementOptions): Statement[] {
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
  return decodeAs(bytes, encodingOf(bytes));
}

type Encoding = { name: 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252'; bom: number };

function encodingOf(bytes: Uint8Array): Encoding {
  if (bytes.length === 0) throw invalidInput('the file is empty');
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { name: 'utf-16le', bom: 2 };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { name: 'utf-16be', bom: 2 };
  const head = bytes.subarray(0, SNIFF);
  let control = 0;
  for (const b of head) {
    if (b === 0) throw invalidInput('the file is binary, not a statement (OFX, QFX, QIF, CAMT or CSV)');
    if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c) control++;
  }
  if (control > head.length / 100) throw invalidInput('the file is binary, not a statement (OFX, QFX, QIF, CAMT or CSV)');
  const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  const declared = /CHARSET\s*:\s*(1252|ISO-8859-1)|encoding\s*=\s*["'](windows-1252|iso-8859-1)["']/i.test(
    new TextDecoder('latin1').decode(head.subarray(0, 1024)),
  );
  if (!declared) {
    try {
      new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(bom));
      return { name: 'utf-8', bom };
    } catch {
      // Not UTF-8: a legacy code page.
    }
  }
  return { name: 'windows-1252', bom };
}

/** The file's text after its BOM, or (`piece`) the text of a range of its bytes as they are. */
function decodeAs(bytes: Uint8Array, encoding: Encoding, piece = false): string {
  const body = piece ? bytes : bytes.subarray(encoding.bom);
  if (encoding.name === 'windows-1252') return decodeWindows1252(body);
  return new TextDecoder(encoding.name, { fatal: encoding.name === 'utf-8', ignoreBOM: piece }).decode(body);
}

/** Bytes a piece of the text takes in the file. */
function byteLength(text: string, encoding: Encoding): number {
  if (encoding.name === 'utf-8') return Buffer.byteLength(text, 'utf8');
  return encoding.name === 'windows-1252' ? text.length : text.length * 2;
}

/**
 * Keeps a CSV's pieces as where they are in the file rather than as text: each is read
 * again when its lines are visited, and refused if its bytes changed since the check.
 * A piece whose bytes do not give its text back (a file the decoder reads unevenly) is
 * held instead.
 */
function keepInFile(bytes: Uint8Array, encoding: Encoding, reread: (start: number, end: number) => Uint8Array): KeepPiece {
  let at = encoding.bom;
  return (piece) => {
    const start = at;
    at += byteLength(piece, encoding);
    const end = at;
    const range = bytes.subarray(start, end);
    if (decodeAs(range, encoding, true) !== piece) return () => piece;
    return readAgain(start, end, sha256(range), encoding, reread);
  };
}

/** Apart from keepInFile so that the closure holds the range, not the piece's text. */
function readAgain(
  start: number,
  end: number,
  digest: string,
  encoding: Encoding,
  reread: (start: number, end: number) => Uint8Array,
): () => string {
  return () => {
    const again = reread(start, end);
    if (sha256(again) !== digest)
      throw new AppError('conflict', 'the file changed while it was being imported; import it again once it is written');
    return decodeAs(again, encoding, true);
  };
}

const sha256 = (bytes: Uint8Array) => crypto.createHash('sha256').update(bytes).digest('base64');

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
