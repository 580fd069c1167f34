import { invalidInput } from '../errors';
import { formatDecimal, parseMoney, whyNotMoney } from '../money';
import { detectDecimal } from './csv';
import { detectDateFormat, parseDate, showPattern } from './date-format';
import { lineText, optionalLineText, type Statement, type StatementLine, type StatementSplit } from './statement';

/**
 * QIF, the line format Quicken, GnuCash and many banks export: a `!Type:` header names
 * the register, then one transaction per record, each line a field code and its value,
 * `^` ending the record. Read here: bank, cash, credit-card and other asset or liability
 * registers, with date (D), amount (T or U), payee (P), memo (M), number (N), cleared
 * status (C), category (L) and splits (S category, E memo, $ amount). Lists (categories,
 * classes, memorized payees) are skipped; investment registers are refused.
 */
export function parseQif(text: string, currency: string): Statement[] {
  const records = readRecords(text);
  if (records.length === 0) {
    if ([...text.matchAll(/^!Type:\s*(\S+)/gim)].some((m) => INVESTMENT.test(m[1]!))) throw investmentRefusal();
    throw invalidInput('the QIF file holds no bank, cash or credit-card transactions (!Type:Bank, !Type:CCard, ...)');
  }
  // A file of several accounts (`!Account` blocks before their registers): a statement each.
  const byAccount = new Map<string | null, QifRecord[]>();
  for (const r of records) byAccount.set(r.account, [...(byAccount.get(r.account) ?? []), r]);
  return [...byAccount].map(([account, own]) => readRegister(account, own, currency));
}

function readRegister(account: string | null, records: readonly QifRecord[], currency: string): Statement {
  const kinds = new Set(records.map((r) => r.register));
  const decimal = detectDecimal(records.flatMap((r) => [r.fields.get('T') ?? r.fields.get('U') ?? '']));
  const dates = records.map((r) => qifDateText(r.fields.get('D') ?? ''));
  const detected = detectDateFormat(dates, decimal === ',');
  if (!detected)
    throw invalidInput(`QIF dates such as ${JSON.stringify(records[0]!.fields.get('D') ?? '')} are in no format finagg knows`);
  const notes: string[] = [];
  if (detected.ambiguous) notes.push(`dates read as ${showPattern(detected.pattern)}`);
  let uncleared = 0;
  // Only a register that marks cleared rows at all says anything by leaving a row unmarked.
  const marksCleared = records.some((r) => r.fields.has('C'));
  const lines = records.map((r, i): StatementLine => {
    const where = `QIF record ${i + 1} (line ${r.line})`;
    const dateText = r.fields.get('D');
    if (dateText === undefined) throw invalidInput(`${where}: no date (D)`);
    // Quicken writes two-digit years and GnuCash four, sometimes in one file: either reads.
    const date = parseDate(dates[i]!, detected.pattern) ?? parseDate(dates[i]!, otherYearWidth(detected.pattern));
    if (date === undefined)
      throw invalidInput(`${where}: D ${JSON.stringify(dateText)} is not a date like ${showPattern(detected.pattern)}`);
    const amountText = r.fields.get('T') ?? r.fields.get('U');
    if (amountText === undefined) throw invalidInput(`${where}: no amount (T)`);
    const amountCents = money(amountText, decimal, currency, `${where}: T`);
    // An empty field is an absent one (`L` alone: no category).
    const payee = optionalLineText(r.fields.get('P'), 'description') ?? undefined;
    const memo = optionalLineText(r.fields.get('M'), 'description') ?? undefined;
    const number = r.fields.get('N') || undefined;
    if (!/^[*cxr]$/i.test(r.fields.get('C') ?? '')) uncleared++;
    const category = r.fields.get('L') || undefined;
    const parts = r.splits.map((s) => ({
      category: lineText(s.category ?? '', 'label'),
      memo: optionalLineText(s.memo, 'memo') ?? undefined,
      cents: money(s.amount ?? '', decimal, currency, `${where}: split $`),
    }));
    if (parts.length > 0) {
      const sum = parts.reduce((t, p) => t + p.cents, 0);
      if (sum !== amountCents)
        throw invalidInput(
          `${where}: its splits sum to ${formatDecimal(sum, currency)}, not to its amount ${formatDecimal(amountCents, currency)}`,
        );
    }
    // Quicken's categories are the person's own labels: the import maps them onto finagg's.
    const splits = parts.map((p) => ({ label: p.category, memo: p.memo ?? null, cents: p.cents }));
    // No payee: a check by its number, else the memo (then not repeated as the memo).
    const check = number !== undefined && /^\d+$/.test(number) ? `CHECK ${number}` : undefined;
    const description = payee ?? check ?? memo ?? '';
    const memoLine = payee === undefined && check === undefined ? '' : (memo ?? '');
    return {
      id: null,
      date,
      amountCents,
      description,
      memo: optionalLineText(memoLine, 'memo'),
      ...(splits.length > 0 ? { splits } : {}),
      // `[Savings]` is a transfer to another Quicken account; a category is the person's label.
      // `Food:Groceries/Class`: the leaf of the category, without the class.
      category:
        category === undefined
          ? null
          : /^\[.*\]$/.test(category)
            ? 'transfer'
            : optionalLineText(category.split('/')[0]!.split(':').pop()!, 'label'),
    };
  });
  if (marksCleared && uncleared > 0) notes.push(`${uncleared} of ${lines.length} transactions are not cleared in the register`);
  const kind = kinds.has('ccard') ? 'creditcard' : 'bank';
  return {
    format: 'qif',
    accountNumber: account,
    kind,
    currency: null,
    lines,
    removedIds: [],
    balance: null,
    notes,
  };
}

/** Registers that hold money rather than securities. */
const CASH_REGISTERS: Readonly<Record<string, string>> = {
  bank: 'bank',
  cash: 'cash',
  ccard: 'ccard',
  'oth a': 'bank',
  'oth l': 'ccard',
};
const INVESTMENT = /^(invst|port|401\(k\)|403\(b\)|mutual)/i;

function investmentRefusal() {
  return invalidInput(
    'the QIF file is an investment register (!Type:Invst): finagg imports bank, cash and credit-card registers only',
  );
}

interface QifRecord {
  register: string;
  /** The `!Account` block's name (N) the register follows, if any. */
  account: string | null;
  line: number;
  fields: Map<string, string>;
  splits: { category?: string; memo?: string; amount?: string }[];
}

function readRecords(text: string): QifRecord[] {
  const records: QifRecord[] = [];
  let register: string | null = null; // null: a list or header we skip
  let inAccountBlock = false;
  let account: string | null = null;
  let pendingAccount: string | null = null;
  let current: QifRecord | undefined;
  const lines = text.split(/\r\n|\r|\n/);
  lines.forEach((raw, i) => {
    const line = raw.replace(/^\uFEFF/, '');
    if (line.trim() === '') return;
    if (line.startsWith('!')) {
      const header = line.slice(1).trim();
      const type = /^Type:\s*(.+)$/i.exec(header)?.[1]?.trim().toLowerCase();
      if (/^account$/i.test(header)) {
        inAccountBlock = true;
        pendingAccount = null;
        register = null;
      } else if (type !== undefined) {
        if (INVESTMENT.test(type)) throw investmentRefusal();
        register = CASH_REGISTERS[type] ?? null;
        if (inAccountBlock || pendingAccount !== null) account = pendingAccount;
        inAccountBlock = false;
      }
      // !Option:AutoSwitch, !Clear:AutoSwitch and the like change nothing read here.
      current = undefined;
      return;
    }
    const code = line[0]!;
    const value = line.slice(1).trim();
    if (inAccountBlock) {
      if (code === 'N') pendingAccount = value;
      if (code === '^') inAccountBlock = false;
      return;
    }
    if (register === null) return;
    if (code === '^') {
      if (current) records.push(current);
      current = undefined;
      return;
    }
    current ??= { register, account, line: i + 1, fields: new Map(), splits: [] };
    if (code === 'S') current.splits.push({ category: value });
    else if (code === 'E') lastSplit(current).memo = value;
    else if (code === '$') lastSplit(current).amount = value;
    else if (!current.fields.has(code)) current.fields.set(code, value);
  });
  // A last record without its `^` is still a record.
  if (current && current.fields.size > 0) records.push(current);
  return records;
}

function lastSplit(record: QifRecord) {
  let split = record.splits[record.splits.length - 1];
  if (!split) record.splits.push((split = {}));
  return split;
}

function otherYearWidth(pattern: string): string {
  return pattern.includes('yyyy') ? pattern.replace('yyyy', 'yy') : pattern.replace('yy', 'yyyy');
}

/**
 * QIF's date spellings as one: `12/31'99` and `1/ 2/24` become `12/31/99` and `1/2/24`.
 * A two-digit year is 1950-2049 (date-fns' window), so '99 is 1999 and '24 is 2024.
 */
function qifDateText(text: string): string {
  return text.replace(/'/g, '/').replace(/\s+/g, '');
}

function money(text: string, decimal: '.' | ',', currency: string, where: string): number {
  const bare = text.replace(/[$€£\s]/g, '');
  const cents = parseMoney(bare, { decimal, currency });
  if (cents === undefined) throw invalidInput(`${where} ${JSON.stringify(text)} ${whyNotMoney(bare, { decimal, currency })}`);
  return cents;
}

/** Whether text is QIF: its first line that is not blank is a `!Type:` or `!Account` header. */
export function looksLikeQif(text: string): boolean {
  const first = /^\s*(\S[^\r\n]*)/.exec(text.replace(/^\uFEFF/, ''))?.[1] ?? '';
  return /^!(Type:|Account\b|Option:|Clear:)/i.test(first);
}

/** The parts of a split as text for a memo, where they cannot be finagg's own splits. */
export function splitNote(parts: readonly StatementSplit[], currency: string): string {
  return `split: ${parts.map((p) => `${p.label || '(none)'} ${formatDecimal(p.cents, currency)}${p.memo ? ` (${p.memo})` : ''}`).join('; ')}`;
}
