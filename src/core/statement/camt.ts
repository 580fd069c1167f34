import { readTextXml, type XmlNode } from '../text-xml';
import { isValidDate } from '../dates';
import { invalidInput } from '../errors';
import { parseMoney, whyNotMoney } from '../money';
import { lineText, type Statement, type StatementLine } from './statement';

/**
 * CAMT.053, the ISO 20022 bank-to-customer statement European banks export as XML (and
 * its siblings camt.052, the account report, and camt.054, the notification, which have
 * the same entries). Each statement (`Stmt`) is an account (IBAN or other id) with its
 * balances and its entries (`Ntry`): amount and currency, credit/debit indicator,
 * booking and value dates, status, the bank's reference, and per transaction the
 * counterparty and remittance text. Booked entries are read; pending and information
 * ones are left out, and the file says how many. Any namespace version reads: element
 * names are matched without their prefix.
 */
export function parseCamt(text: string): Statement[] {
  const doc = readTextXml(text, 'a bank statement', 'the CAMT file', LISTS);
  const root = child(doc, 'Document') ?? doc;
  const messages = ['BkToCstmrStmt', 'BkToCstmrAcctRpt', 'BkToCstmrDbtCdtNtfctn'].map((n) => child(root, n)).filter(Boolean);
  const statements = messages.flatMap((m) => ['Stmt', 'Rpt', 'Ntfctn'].flatMap((n) => children(m!, n)));
  if (statements.length === 0) throw invalidInput('the CAMT file holds no statement (BkToCstmrStmt with Stmt)');
  return statements.map((s, i) => readStatement(s, i + 1));
}

type Node = XmlNode;

/** Elements that repeat: read as lists even when a file has one. */
const LISTS = new Set(['Stmt', 'Rpt', 'Ntfctn', 'Bal', 'Ntry', 'NtryDtls', 'TxDtls', 'Ustrd']);

function readStatement(s: Node, position: number): Statement {
  const account = child(s, 'Acct');
  const id = account && child(account, 'Id');
  const number = (id && (text(child(id, 'IBAN')) ?? text(path(id, 'Othr', 'Id')))) ?? null;
  const where = `statement ${position}${number ? ` (account ${number})` : ''}`;
  const currency = (account && text(child(account, 'Ccy'))?.toUpperCase()) ?? null;
  if (currency !== null && !/^[A-Z]{3}$/.test(currency))
    throw invalidInput(`${where}: Ccy ${JSON.stringify(currency)} is not a currency code`);
  const entries = children(s, 'Ntry');
  const lines: StatementLine[] = [];
  let leftOut = 0;
  // The bank's reference is a row's id only when it tells every entry apart.
  const refs = entries.map((e) => text(child(e, 'AcctSvcrRef')));
  const idsHold = refs.every((r) => r !== undefined) && new Set(refs).size === refs.length;
  let entryCurrency = currency;
  entries.forEach((e, i) => {
    const at = `${where}, entry ${i + 1}`;
    const status = (text(child(e, 'Sts')) ?? text(path(e, 'Sts', 'Cd')) ?? 'BOOK').toUpperCase();
    if (status !== 'BOOK') {
      leftOut++;
      return;
    }
    const amount = money(child(e, 'Amt'), at);
    entryCurrency ??= amount.currency;
    if (amount.currency !== null && entryCurrency !== null && amount.currency !== entryCurrency)
      throw invalidInput(`${at}: an amount in ${amount.currency} in a statement in ${entryCurrency}`);
    const debit = indicator(child(e, 'CdtDbtInd'), at);
    const date = dateOf(child(e, 'BookgDt'), `${at} BookgDt`) ?? dateOf(child(e, 'ValDt'), `${at} ValDt`);
    if (date === undefined) throw invalidInput(`${at}: no booking date (BookgDt)`);
    const details = children(e, 'NtryDtls').flatMap((d) => children(d, 'TxDtls'));
    const tx = details[0];
    // The other side: who was paid on a debit, who paid on a credit.
    const party = tx && partyName(tx, debit ? ['Cdtr', 'UltmtCdtr'] : ['Dbtr', 'UltmtDbtr']);
    const remittanceOf = (d: Node) =>
      children(path(d, 'RmtInf') ?? {}, 'Ustrd')
        .map((u) => text(u) ?? '')
        .filter(Boolean)
        .join(' ');
    const additional = text(child(e, 'AddtlNtryInf')) ?? (tx && text(child(tx, 'AddtlTxInf'))) ?? '';
    let description: string;
    let memo: string;
    if (details.length > 1) {
      // A batch booked as one entry (a collective transfer): one row, its parts in the memo.
      description = lineText(additional, 'description') || `${details.length} transactions`;
      memo = lineText(details.map(remittanceOf).filter(Boolean).join('; '), 'memo');
    } else {
      const remittance = tx ? remittanceOf(tx) : '';
      description = lineText(party ?? (remittance || additional), 'description');
      // Told apart from the description as both are shown: cleaned.
      const other = lineText(additional, 'description');
      memo = lineText([party ? remittance : '', other !== description ? other : ''].filter(Boolean).join(' · '), 'memo');
    }
    lines.push({
      id: idsHold ? refs[i]! : null,
      date,
      amountCents: debit ? -amount.cents || 0 : amount.cents,
      description,
      memo: memo === '' ? null : memo,
      category: null,
    });
  });
  const notes =
    leftOut > 0
      ? [`${where}: ${leftOut} ${leftOut === 1 ? 'entry' : 'entries'} not booked yet (pending or information) left out`]
      : [];
  return {
    format: 'camt',
    accountNumber: number,
    kind: 'bank',
    currency: entryCurrency,
    lines,
    removedIds: [],
    balance: closingBalance(children(s, 'Bal'), where),
    notes,
  };
}

/** The closing booked balance (CLBD), signed by its indicator, with its date. */
function closingBalance(balances: readonly Node[], where: string): Statement['balance'] {
  const closing = balances.find((b) => (text(path(b, 'Tp', 'CdOrPrtry', 'Cd')) ?? '').toUpperCase() === 'CLBD');
  if (!closing) return null;
  const amount = money(child(closing, 'Amt'), `${where} CLBD`);
  const date = dateOf(child(closing, 'Dt'), `${where} CLBD Dt`);
  if (date === undefined) return null;
  return { cents: indicator(child(closing, 'CdtDbtInd'), `${where} CLBD`) ? -amount.cents || 0 : amount.cents, date };
}

function money(node: unknown, where: string): { cents: number; currency: string | null } {
  const value = text(node);
  if (value === undefined) throw invalidInput(`${where}: no amount (Amt)`);
  const currency = typeof node === 'object' && node !== null ? (text((node as Node)['@Ccy']) ?? null) : null;
  const options = { currency: currency ?? 'EUR' };
  const cents = parseMoney(value, options);
  if (cents === undefined || cents < 0)
    throw invalidInput(
      `${where}: Amt ${JSON.stringify(value)} ${cents !== undefined ? 'is negative; CAMT amounts carry no sign' : whyNotMoney(value, options)}`,
    );
  return { cents, currency: currency?.toUpperCase() ?? null };
}

/** True for a debit (money out). */
function indicator(node: unknown, where: string): boolean {
  const value = text(node)?.toUpperCase();
  if (value === 'DBIT') return true;
  if (value === 'CRDT') return false;
  throw invalidInput(`${where}: CdtDbtInd ${JSON.stringify(value ?? '')} is not CRDT or DBIT`);
}

/** `<Dt>2026-11-03</Dt>` or `<DtTm>2026-11-03T10:00:00+01:00</DtTm>`: the date as written. */
function dateOf(node: unknown, where: string): string | undefined {
  if (node === undefined) return undefined;
  const value = text(path(node as Node, 'Dt')) ?? text(path(node as Node, 'DtTm'))?.slice(0, 10);
  if (value === undefined) return undefined;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || !isValidDate(value))
    throw invalidInput(`${where} ${JSON.stringify(value)} is not a date`);
  return value;
}

/** `<Cdtr><Nm>` (camt.053.001.02) or `<Cdtr><Pty><Nm>` (later versions), first that has one. */
function partyName(tx: Node, roles: readonly string[]): string | undefined {
  const parties = child(tx, 'RltdPties');
  if (!parties) return undefined;
  for (const role of roles) {
    const name = text(path(parties, role, 'Nm')) ?? text(path(parties, role, 'Pty', 'Nm'));
    if (name) return name;
  }
  return undefined;
}

function child(node: Node, name: string): Node | undefined {
  const value = node[name];
  const first = Array.isArray(value) ? value[0] : value;
  return first === undefined || first === null ? undefined : typeof first === 'object' ? (first as Node) : { '#text': first };
}

function children(node: Node, name: string): Node[] {
  const value = node[name];
  if (value === undefined || value === null) return [];
  return (Array.isArray(value) ? value : [value]).map((v) =>
    typeof v === 'object' && v !== null ? (v as Node) : { '#text': v },
  );
}

function path(node: Node, ...names: string[]): Node | undefined {
  let at: Node | undefined = node;
  for (const name of names) at = at && child(at, name);
  return at;
}

/** An element's text, trimmed; undefined when it has none. */
function text(node: unknown): string | undefined {
  if (node === undefined || node === null) return undefined;
  const value = typeof node === 'object' ? (node as Node)['#text'] : node;
  if (value === undefined || value === null || typeof value === 'object') return undefined;
  const s = String(value).trim();
  return s === '' ? undefined : s;
}

/** Whether text is a CAMT message: an ISO 20022 bank-to-customer document. */
export function looksLikeCamt(head: string): boolean {
  return (
    /<(?:\w+:)?BkToCstmr(?:Stmt|AcctRpt|DbtCdtNtfctn)\b/.test(head) || /urn:iso:std:iso:20022:tech:xsd:camt\.05[234]/.test(head)
  );
}
