import type { AccountType } from '../../core/account';

/**
 * SimpleFIN sends no account type, only a name a person chose or the bank printed
 * ("Sapphire Preferred Visa", "Roth IRA", "Way2Save Savings"). The type is guessed from
 * words in it, strongest first:
 * 1. the kind of account named outright: credit card, loan words, investment words,
 *    savings words, checking words;
 * 2. only then card brands and a bare "card": "Discover Online Savings" and
 *    "American Express High Yield Savings" are savings accounts, not cards;
 * 3. nothing recognizable: a negative balance is most likely owed on a card.
 */

/** Words and phrases, matched whole, case-insensitive; a space also matches `_` and `-` (`CREDIT_CARD`). */
function words(...phrases: string[]): RegExp {
  const body = phrases.map((p) => p.replace(/[().]/g, '\\$&').replace(/ /g, '[\\s_-]+')).join('|');
  return new RegExp(`(?<![\\p{L}\\p{N}])(?:${body})(?![\\p{L}\\p{N}])`, 'iu');
}

const NAMED: ReadonlyArray<readonly [AccountType, RegExp]> = [
  ['credit', words('credit card', 'credit cards', 'charge card')],
  ['loan', words('loan', 'loans', 'mortgage', 'heloc', 'line of credit', 'lending')],
  [
    'investment',
    words(
      'brokerage',
      'investment',
      'investments',
      'investing',
      'invest',
      '401k',
      '401(k)',
      '403b',
      '403(b)',
      'ira',
      'roth',
      'retirement',
      'stock',
      'stocks',
      'securities',
    ),
  ],
  // A bare HSA is usually its cash side; "HSA Investment" was caught above.
  ['savings', words('savings', 'saving', 'money market', 'mmda', 'cd', 'cds', 'certificate', 'certificates', 'hsa')],
  ['checking', words('checking', 'chequing', 'current', 'share draft', 'debit')],
];

const BRANDS = words('card', 'visa', 'mastercard', 'master card', 'amex', 'american express', 'discover');

/** In a server's own type field, a bare `credit` (Plaid-style) means a card. */
const BARE_CREDIT = words('credit', 'creditcard');

function fromText(text: string, allowBareCredit: boolean): AccountType | undefined {
  for (const [type, pattern] of NAMED) if (pattern.test(text)) return type;
  if (BRANDS.test(text) || (allowBareCredit && BARE_CREDIT.test(text))) return 'credit';
  return undefined;
}

/** The first string among the type fields some servers put in `extra`. */
function extraType(extra: unknown): string | undefined {
  if (typeof extra !== 'object' || extra === null || Array.isArray(extra)) return undefined;
  for (const key of ['type', 'account-type', 'accountType']) {
    const value: unknown = Reflect.get(extra, key);
    if (typeof value === 'string' && value.trim() !== '') return value;
  }
  return undefined;
}

export interface AccountTypeClues {
  /** The account's own name, without the institution's (brands of banks mislead). */
  name: string;
  balanceCents: number;
  /** The account's `extra`, as sent. */
  extra?: unknown;
}

export function inferAccountType({ name, balanceCents, extra }: AccountTypeClues): AccountType {
  const declared = extraType(extra);
  return (
    (declared === undefined ? undefined : fromText(declared, true)) ??
    fromText(name, false) ??
    (balanceCents < 0 ? 'credit' : 'checking')
  );
}
