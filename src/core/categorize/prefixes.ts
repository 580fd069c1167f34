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
  // `VISA DEBIT PURCHASE CARD 1234` (Australia), `VISA DEBIT RETAIL PURCHASE` (Canada): the longer first.
  {
    pattern:
      'VISA (?:DDA PUR|DEBIT (?:RETAIL )?PURCH(?:ASE)?(?: CARD \\d{4})?|(?:RETAIL )?PURCH(?:ASE)?(?: CARD \\d{4})?|DEBIT|CHECK CARD)',
  },
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
  // Canada: Interac debit, pre-authorized debits, Quebec's French.
  { pattern: 'INTERAC[- ](?:RETAIL )?(?:PURCHASE|PURCH|ACHAT)' },
  { pattern: '(?:C-)?IDP PURCHASE' },
  { pattern: 'PRE[- ]?AUTH(?:ORIZED)? (?:DEBIT|PAYMENT|PMT)' },
  { pattern: 'MISC (?:PAYMENT|PMT)' },
  { pattern: 'ACHAT(?: (?:INTERAC|AU PDV|PDV|PAR CARTE|CARTE|DIRECT|EN LIGNE|INTERNET))?' },
  { pattern: 'PAIEMENT(?: (?:PR[EÉ][- ]?AUTORIS[EÉ]|DIRECT|FACTURE|DE FACTURE|INTERAC|PAR CARTE|CARTE|SANS CONTACT))?' },
  // France.
  { pattern: 'PR[EÉ]L[EÈ]VEMENT(?: SEPA)?(?: DE)?' },
  { pattern: 'PRLV(?: SEPA)?' },
  { pattern: 'CARTE X\\d{4}' },
  // Spain: card payments, direct debits (recibos), transfers.
  {
    pattern: 'COMPRA(?: (?:TARJ(?:ETA)?\\.?|INTERNET|ONLINE|CON TARJETA|TARJETA (?:CREDITO|DEBITO)|EN COMERCIO))?(?: EN)?',
  },
  {
    pattern:
      'PAGO(?: (?:M[OÓ]VIL|CON (?:TARJETA|M[OÓ]VIL)|TARJETA|CONTACTLESS|EN COMERCIO|DE RECIBO|RECIBO|DOMICILIADO))?(?: EN)?',
  },
  { pattern: 'RECIBO(?: (?:DOMICILIADO|SEPA))?(?: DE)?' },
  { pattern: 'ADEUDO(?: (?:SEPA|DIRECTO|RECIBO|DOMICILIADO|(?:POR )?DOMICILIACI[OÓ]N))?(?: DE)?' },
  { pattern: 'CARGO (?:(?:POR|EN|DE) )?(?:RECIBO|COMPRA|TARJETA|DOMICILIACI[OÓ]N|CUENTA)' },
  { pattern: 'DOMICILIACI[OÓ]N(?: SEPA)?(?: DE)?' },
  {
    pattern:
      'TRANSF(?:ERENCIA|\\.)?(?: (?:SEPA|INMEDIATA|RECIBIDA|EMITIDA|PERI[OÓ]DICA|NACIONAL|ONLINE))?(?: (?:A FAVOR DE|DE|A))?',
    fallback: 'transfer',
  },
  // Australia.
  { pattern: 'EFTPOS(?: (?:PURCHASE|PURCH|DEBIT|TRANSACTION))?(?: AT)?' },
  { pattern: 'BPAY(?: (?:PAYMENT|PMT))?(?: TO)?' },
  { pattern: 'OSKO(?: PAYMENT)?(?: (?:TO|FROM))?', fallback: 'transfer' },
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
  // What is left in front once a channel is gone: a date, a card's last four digits, a
  // masked card number (`5478XXXXXXXX1234`, `4940********1234`), a reference number.
  { pattern: '(?:ON )?\\d\\d/\\d\\d(?:/\\d{2,4})?' },
  { pattern: '(?:\\d{4,6})?[X*]{3,}\\d{3,4}' },
  { pattern: '\\d{6,}(?= )' },
  { pattern: '\\d{4}(?= )' },
];
