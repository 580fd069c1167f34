import { isValidDate } from '../dates';
import { invalidInput } from '../errors';
import { parseMoney, whyNotMoney } from '../money';
import { find, findAll, type OfxNode, parseOfxTree, valueOf } from './ofx-tree';
import { lineText, optionalLineText, type Statement, type StatementFormat, type StatementLine } from './statement';

/**
 * The statements of an OFX 1.x, OFX 2.x or QFX file: bank statements (STMTRS) and
 * credit-card statements (CCSTMTRS), each with its transactions, corrections applied,
 * and its ledger balance.
 */
export function parseOfx(text: string, format: StatementFormat = 'ofx'): Statement[] {
  const ofx = parseOfxTree(text);
  const statements = [...findAll(ofx, 'STMTRS'), ...findAll(ofx, 'CCSTMTRS')];
  if (statements.length === 0) {
    // A bank that could not answer says why in a STATUS (a failed sign-on, a server error).
    const error = bankErrors(ofx)[0];
    if (error) throw invalidInput(`the bank sent an error instead of a statement: ${error}`);
    throw invalidInput('the OFX file holds no bank or credit-card statement (STMTRS, CCSTMTRS)');
  }
  return statements.map((node) => readStatement(node, format));
}

/**
 * The errors the file's STATUS aggregates report (sign-on, statement responses), as
 * `code 15500 (ERROR): Signon invalid`. Code 0 is success; an INFO status is no error.
 */
function bankErrors(ofx: OfxNode): string[] {
  const errors: string[] = [];
  for (const status of findAll(ofx, 'STATUS')) {
    const code = valueOf(status, 'CODE');
    const severity = valueOf(status, 'SEVERITY')?.toUpperCase();
    if (code === undefined || (/^0+$/.test(code) && severity !== 'ERROR') || severity === 'INFO') continue;
    const message = valueOf(status, 'MESSAGE');
    errors.push(`code ${code}${severity ? ` (${severity})` : ''}${message ? `: ${message.replace(/\s+/g, ' ')}` : ''}`);
  }
  return errors;
}

function readStatement(node: OfxNode, format: StatementFormat): Statement {
  const kind = node.name === 'CCSTMTRS' ? 'creditcard' : 'bank';
  const currency = valueOf(node, 'CURDEF')?.toUpperCase() ?? null;
  if (currency !== null && !/^[A-Z]{3}$/.test(currency))
    throw invalidInput(`CURDEF ${JSON.stringify(currency)} is not a currency code`);
  const from = find(node, kind === 'creditcard' ? 'CCACCTFROM' : 'BANKACCTFROM');
  const list = find(node, 'BANKTRANLIST');
  const raw = list ? list.children.filter((c) => c.name === 'STMTTRN') : [];
  const entries = raw.map((t, i) => readTransaction(t, i + 1, currency ?? 'USD'));
  const { lines, removedIds } = applyCorrections(entries);
  const notes: string[] = [];
  const ledger = find(node, 'LEDGERBAL');
  let balance: Statement['balance'] = null;
  if (ledger) {
    const amount = valueOf(ledger, 'BALAMT');
    if (amount === undefined) {
      // An empty or missing amount is no balance: the account's rows sum to it, as without LEDGERBAL.
      notes.push('the statement gives no closing balance (LEDGERBAL has no BALAMT): the balance is the sum of the rows');
    } else {
      const cents = parseAmount(amount, currency ?? 'USD');
      if (cents === undefined)
        throw invalidInput(`LEDGERBAL BALAMT ${JSON.stringify(amount)} ${whyNotMoney(amount, amountOptions(amount, currency))}`);
      const asOf = valueOf(ledger, 'DTASOF') ?? valueOf(list ?? node, 'DTEND');
      if (asOf === undefined) throw invalidInput('LEDGERBAL: no DTASOF (and no DTEND in BANKTRANLIST)');
      balance = { cents, date: parseOfxDate(asOf, 'LEDGERBAL DTASOF') };
    }
  }
  return {
    format,
    accountNumber: from ? (valueOf(from, 'ACCTID') ?? null) : null,
    kind,
    currency,
    lines,
    removedIds,
    balance,
    notes,
  };
}

interface Entry extends StatementLine {
  correctsId: string | null;
  correction: 'REPLACE' | 'DELETE' | null;
}

function readTransaction(t: OfxNode, position: number, currency: string): Entry {
  const where = `transaction ${position}`;
  const amountText = required(t, 'TRNAMT', where);
  const amountCents = parseAmount(amountText, currency);
  if (amountCents === undefined)
    throw invalidInput(
      `${where}: TRNAMT ${JSON.stringify(amountText)} ${whyNotMoney(amountText, amountOptions(amountText, currency))}`,
    );
  // The posted date is the statement's date; DTUSER (when the person paid) stands in
  // only where a bank leaves DTPOSTED out.
  const posted = valueOf(t, 'DTPOSTED') ?? valueOf(t, 'DTUSER');
  if (posted === undefined) throw invalidInput(`${where}: no DTPOSTED`);
  const date = parseOfxDate(posted, `${where} DTPOSTED`);
  // NAME is the payee; some banks put it in a PAYEE aggregate, others only in MEMO.
  const payee = t.children.find((c) => c.name === 'PAYEE');
  const name = optionalLineText(valueOf(t, 'NAME') ?? (payee ? valueOf(payee, 'NAME') : undefined), 'description');
  // A check with no payee is told by its number: "CHECK 1000", not just "CHECK".
  const check = valueOf(t, 'CHECKNUM');
  const memo = optionalLineText(valueOf(t, 'MEMO'), 'description');
  const description =
    name ?? memo ?? lineText(check !== undefined ? `CHECK ${check}` : (valueOf(t, 'TRNTYPE') ?? ''), 'description');
  const action = valueOf(t, 'CORRECTACTION')?.toUpperCase();
  if (action !== undefined && action !== 'REPLACE' && action !== 'DELETE')
    throw invalidInput(`${where}: CORRECTACTION ${JSON.stringify(action)} is not REPLACE or DELETE`);
  const correctsId = valueOf(t, 'CORRECTFITID') ?? null;
  if (action !== undefined && correctsId === null) throw invalidInput(`${where}: CORRECTACTION without CORRECTFITID`);
  return {
    id: valueOf(t, 'FITID') ?? null,
    date,
    amountCents,
    description,
    // The memo beside a payee is kept as the row's second line.
    memo: name !== null && memo !== null && memo !== name ? lineText(memo, 'memo') : null,
    category: null,
    correctsId,
    correction: correctsId === null ? null : (action ?? 'REPLACE') === 'DELETE' ? 'DELETE' : 'REPLACE',
  };
}

/**
 * A correction names the FITID it corrects. REPLACE: the corrected transaction keeps
 * its FITID (so a row stored from an earlier file is updated in place, with its
 * category and note) and takes the correction's date, amount and payee. DELETE: the
 * transaction goes, from this file and from what is stored.
 */
function applyCorrections(entries: Entry[]): { lines: StatementLine[]; removedIds: string[] } {
  const byId = new Map<string, number>();
  const lines: (StatementLine | undefined)[] = [];
  const removedIds: string[] = [];
  for (const e of entries) {
    const line: StatementLine = {
      id: e.id,
      date: e.date,
      amountCents: e.amountCents,
      description: e.description,
      memo: e.memo ?? null,
      category: null,
    };
    if (e.correctsId === null) {
      if (e.id !== null) byId.set(e.id, lines.length);
      lines.push(line);
      continue;
    }
    const at = byId.get(e.correctsId);
    if (e.correction === 'DELETE') {
      if (at !== undefined) lines[at] = undefined;
      removedIds.push(e.correctsId);
    } else if (at !== undefined) {
      lines[at] = { ...line, id: e.correctsId };
    } else {
      lines.push({ ...line, id: e.correctsId });
    }
  }
  return { lines: lines.filter((l): l is StatementLine => l !== undefined), removedIds };
}

/** `20261105`, `20261105120000`, `20261105120000.000[-5:EST]`: the date as written. */
export function parseOfxDate(text: string, field: string): string {
  const m =
    /^(\d{4})(\d{2})(\d{2})(?:\d{2}(?:\d{2}(?:\d{2}(?:\.\d{1,3})?)?)?)?\s*(?:\[\s*[+-]?\d{1,2}(?:\.\d{1,2})?(?::[A-Za-z]{1,5})?\s*\])?$/.exec(
      text.trim(),
    );
  const date = m ? `${m[1]}-${m[2]}-${m[3]}` : '';
  if (!m || !isValidDate(date)) throw invalidInput(`${field} ${JSON.stringify(text)} is not an OFX date`);
  return date;
}

/** OFX amounts use a dot; a few banks write a comma. */
function parseAmount(text: string, currency: string | null): number | undefined {
  return parseMoney(text, amountOptions(text, currency));
}

function amountOptions(text: string, currency: string | null): { decimal: '.' | ','; currency: string } {
  return { decimal: text.includes(',') && !text.includes('.') ? ',' : '.', currency: currency ?? 'USD' };
}

function required(node: OfxNode, name: string, where: string): string {
  const value = valueOf(node, name);
  if (value === undefined) throw invalidInput(`${where}: no ${name}`);
  return value;
}
