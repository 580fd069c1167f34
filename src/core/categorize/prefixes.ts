/**
 * What banks and payment processors print in front of the payee: the channel (`POS DEBIT`,
 * `CHECKCARD 0412`, `PURCHASE AUTHORIZED ON 03/04`, `KARTENZAHLUNG`) or the processor that
 * took the card (`SQ *` Square, `TST*` Toast, `DD *` DoorDash, `PAYPAL *`). Patterns are
 * regular-expression source over upper-case text, anchored at the start.
 *
 * `fallback` is the category a processor implies when nothing after it is known: Toast only
 * serves restaurants, a bare `PAYPAL *JOHNSMITH` is most often money to a person. It ranks
 * below the bank's own category (see categorizer.ts).
 */
export interface ChannelPrefix {
  pattern: string;
  fallback?: string;
}

export const CHANNEL_PREFIXES: readonly ChannelPrefix[] = [
  // Card present / card not present, US.
  { pattern: 'POS (?:DEBIT|PURCHASE|PUR|PURCH|WITHDRAWAL|TRANSACTION|DB|SIG PUR)' },
  { pattern: 'POS' },
  { pattern: 'POINT OF SALE(?: DEBIT| PURCHASE)?' },
  { pattern: 'DEBIT CARD (?:PURCHASE|PURCH|DEBIT)' },
  { pattern: 'DEBIT (?:PURCHASE|PURCH)' },
  { pattern: 'DBT CRD \\d+' },
  { pattern: 'CARD PURCHASE(?: WITH PIN)?(?: RETURN)?' },
  { pattern: 'CHECKCARD(?: \\d{4})?' },
  { pattern: 'CHECK ?CARD(?: PURCHASE)?(?: \\d{4})?' },
  { pattern: 'CHECK CRD (?:PURCHASE|PURCH)(?: RETURN)?' },
  { pattern: 'VISA (?:DDA PUR|PURCHASE|DEBIT|CHECK CARD)' },
  { pattern: 'PURCHASE(?: RETURN| INTL)? AUTHORIZED ON' },
  { pattern: 'RECURRING PAYMENT AUTHORIZED ON' },
  { pattern: 'MONEY TRANSFER AUTHORIZED ON', fallback: 'transfer' },
  { pattern: 'RECURRING (?:PAYMENT|PMT|DEBIT|CHARGE|PURCHASE)' },
  { pattern: '(?:ONLINE|MOBILE|INTL|INTERNATIONAL) PURCHASE' },
  { pattern: 'PURCHASE RETURN' },
  // ACH and bill pay: the payee follows. Deposits keep their keyword: a second look reads the whole line.
  { pattern: 'ACH DEP(?:OSIT)?' },
  { pattern: 'DIRECT DEP(?:OSIT)?' },
  { pattern: 'DIR DEP' },
  { pattern: 'ACH (?:DEBIT|CREDIT|PMT|PAYMENT|WITHDRAWAL|WITHDRAWL|ELECTRONIC (?:DEBIT|CREDIT))' },
  { pattern: 'ELECTRONIC (?:PAYMENT|PMT|WITHDRAWAL|DEBIT)' },
  { pattern: 'EXTERNAL WITHDRAWAL' },
  { pattern: 'PREAUTHORIZED (?:ACH )?(?:DEBIT|PAYMENT|PMT)' },
  { pattern: 'WEB AUTHORIZED PMT' },
  { pattern: '(?:ONLINE )?BILL PAY(?:MENT)?(?: TO)?' },
  // UK.
  { pattern: 'CARD PAYMENT(?: TO)?' },
  { pattern: 'CONTACTLESS(?: PAYMENT)?(?: TO)?' },
  { pattern: 'DIRECT DEBIT(?: TO)?' },
  { pattern: 'FASTER PAYMENTS?(?: (?:TO|FROM))?', fallback: 'transfer' },
  { pattern: 'STANDING ORDER(?: (?:TO|FROM))?', fallback: 'transfer' },
  { pattern: 'BANK TRANSFER(?: (?:TO|FROM))?', fallback: 'transfer' },
  // Germany.
  { pattern: 'KARTENZAHLUNG(?: GIROCARD)?' },
  { pattern: 'GIROCARD' },
  { pattern: 'SEPA[- ]?(?:BASIS|FOLGE|ERST)?LASTSCHRIFT' },
  { pattern: '(?:BASIS|FOLGE|ERST)?LASTSCHRIFT' },
  { pattern: '(?:SEPA[- ]?)?(?:ONLINE[- ]?|ECHTZEIT)?(?:UEBERWEISUNG|ÜBERWEISUNG)', fallback: 'transfer' },
  { pattern: 'DAUERAUFTRAG', fallback: 'transfer' },
  { pattern: 'GUTSCHRIFT' },
  // Processors, printed with a star.
  { pattern: 'SQ ?\\*' },
  { pattern: 'SQU ?\\*' },
  { pattern: 'TST ?\\*', fallback: 'dining' },
  { pattern: 'DD ?\\*', fallback: 'dining' },
  { pattern: 'PAYPAL ?\\*', fallback: 'transfer' },
  { pattern: 'PP ?\\*', fallback: 'transfer' },
  { pattern: 'SP ?\\*', fallback: 'shopping' },
  { pattern: 'GOOGLE ?\\*', fallback: 'subscriptions' },
  { pattern: 'IC ?\\*', fallback: 'groceries' },
  { pattern: 'EB ?\\*', fallback: 'entertainment' },
  { pattern: 'SUMUP ?\\*' },
  { pattern: 'ZTL ?\\*' },
  { pattern: 'IZ ?\\*' },
  { pattern: 'ZETTLE_? ?\\*' },
  { pattern: 'CLV ?\\*' },
  { pattern: 'PY ?\\*' },
  { pattern: 'BT ?\\*' },
  { pattern: 'FS ?\\*' },
  { pattern: 'WPY ?\\*' },
  { pattern: 'SPO ?\\*' },
  { pattern: 'PADDLE\\.NET ?\\*' },
  { pattern: '2CO\\.COM ?\\*' },
  // What is left in front once a channel is gone: a date, a card's last four digits.
  { pattern: '(?:ON )?\\d\\d/\\d\\d(?:/\\d{2,4})?' },
  { pattern: '\\d{4}(?= )' },
];
