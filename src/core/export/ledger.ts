import type { AccountType } from '../account';
import { formatDecimal } from '../money';
import type { Transaction } from '../transaction';

/**
 * A plain-text journal that hledger and ledger both read. Each transaction has two
 * postings with explicit amounts (a split row one more per part): the account (`assets:bank:<name>`,
 * `liabilities:card:<name>`, ...) and its category (`expenses:<top>:<category>`,
 * `income`, `equity:transfers`). An opening balance per account, dated before its first row,
 * makes each account's total in `hledger balance` equal its balance in `finagg accounts`.
 */

export interface LedgerAccount {
  id: number;
  name: string;
  type: AccountType;
}

const PREFIX: Readonly<Record<AccountType, string>> = {
  checking: 'assets:bank',
  savings: 'assets:bank',
  investment: 'assets:investment',
  credit: 'liabilities:card',
  loan: 'liabilities:loan',
};

/** Journal account names by finagg account id, unique even when two names slug alike. */
export function ledgerAccountNames(accounts: readonly LedgerAccount[]): Map<number, string> {
  const names = new Map<number, string>();
  const used = new Set<string>();
  for (const a of accounts) {
    let name = `${PREFIX[a.type]}:${slug(a.name) || `account-${a.id}`}`;
    if (used.has(name)) name = `${name}-${a.id}`;
    used.add(name);
    names.set(a.id, name);
  }
  return names;
}

/**
 * The category's side of a transaction, in the taxonomy's two levels
 * (`expenses:food:groceries`, `income:paycheck`), so `hledger balance --depth 2` shows
 * what `finagg report --top` does.
 */
export function categoryAccount(category: string, parent: string | null = null): string {
  const top = parent ?? category;
  if (top === 'income') return parent === null ? 'income' : `income:${slug(category)}`;
  if (category === 'transfer') return 'equity:transfers';
  const leaf = slug(category) || 'uncategorized';
  return parent === null ? `expenses:${leaf}` : `expenses:${slug(parent)}:${leaf}`;
}

export function ledgerAmount(cents: number, currency: string): string {
  return `${formatDecimal(cents, currency)} ${currency}`;
}

export function ledgerHeader(generatedAt: string, accountNames: Iterable<string>): string {
  const lines = [`; finagg export, ${generatedAt}`, '; hledger -f <this file> balance   or   ledger -f <this file> balance', ''];
  for (const name of accountNames) lines.push(`account ${name}`);
  return `${lines.join('\n')}\n\n`;
}

/**
 * A market price directive: on `date`, one `currency` is worth `price` of `home` (decimal
 * text). hledger and ledger both read them, so `-X <home>` values the journal at finagg's
 * rates.
 */
export function ledgerPrice(date: string, currency: string, price: string, home: string): string {
  return `P ${date} ${currency} ${price} ${home}\n`;
}

export function ledgerOpening(date: string, account: string, cents: number, currency: string): string {
  return entry(
    date,
    '*',
    'Opening balance',
    [],
    [
      [account, ledgerAmount(cents, currency)],
      ['equity:opening-balances', ledgerAmount(-cents, currency)],
    ],
  );
}

/** A part of a split row, with the top-level category its category sits under. */
export interface LedgerPart {
  category: string;
  parent: string | null;
  cents: number;
}

/** A row as one transaction: its account, and its category (or, split, a posting per part). */
export function ledgerTransaction(
  t: Transaction,
  account: string,
  parent: string | null = null,
  parts: readonly LedgerPart[] | null = null,
): string {
  const comments = [`finagg_id: ${t.id}`];
  if (t.note) comments.push(`note: ${oneLine(t.note)}`);
  const sides: [string, string][] =
    parts && parts.length > 0
      ? parts.map((p) => [categoryAccount(p.category, p.parent), ledgerAmount(-p.cents, t.currency)])
      : [[categoryAccount(t.category, parent), ledgerAmount(-t.amountCents, t.currency)]];
  return entry(t.date, t.pending ? '!' : '*', payee(t.merchant ?? t.description), comments, [
    [account, ledgerAmount(t.amountCents, t.currency)],
    ...sides,
  ]);
}

/**
 * A transfer between two exported accounts as one transaction: money leaves one account
 * and arrives in the other, with no `equity:transfers` in between. Dated when it left.
 */
export function ledgerTransfer(
  out: Transaction,
  into: { id: number; date: string },
  fromAccount: string,
  toAccount: string,
): string {
  const comments = [`finagg_id: ${out.id}, ${into.id}`];
  if (into.date !== out.date) comments.push(`arrived: ${into.date}`);
  if (out.note) comments.push(`note: ${oneLine(out.note)}`);
  return entry(out.date, out.pending ? '!' : '*', 'Transfer', comments, [
    [fromAccount, ledgerAmount(out.amountCents, out.currency)],
    [toAccount, ledgerAmount(-out.amountCents, out.currency)],
  ]);
}

function entry(date: string, state: '*' | '!', description: string, comments: string[], postings: [string, string][]): string {
  const lines = [`${date} ${state} ${description}`];
  for (const c of comments) lines.push(`    ; ${c}`);
  for (const [account, amount] of postings) lines.push(`    ${account.padEnd(44)}  ${amount.padStart(16)}`);
  return `${lines.join('\n')}\n\n`;
}

function slug(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/**
 * A payee both tools read as one: no comment start (`;`), no hledger payee|note bar,
 * no leading `(` (a transaction code to ledger), one line.
 */
function payee(text: string): string {
  const clean = oneLine(text)
    .replace(/;/g, ',')
    .replace(/\|/g, '/')
    .replace(/^[(\s]+/, '');
  return clean === '' ? 'unnamed' : clean;
}

function oneLine(text: string): string {
  return text
    .replace(/[\u0000-\u001f\u007f]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}
