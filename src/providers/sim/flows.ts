import type { SimAccount } from './accounts';
import { SIM_BANKS } from './banks';
import { shiftToBusinessDay } from './business-days';
import { civilFromDay, dayFromCivil, dayStartMs, daysInMonth, isoDate } from './calendar';
import { CUSHION, HOUSEHOLD_SINCE, STATEMENT } from './household';

/**
 * Money the household moves between its own accounts, and the interest its savings
 * earn: what each month's moves are called, on which days their two sides post and at
 * what time. Their amounts depend on what the accounts did (a card's statement balance,
 * what a checking account holds above its cushion), so the ledger (ledger.ts) works them
 * out; here is only the calendar, which is a function of the month alone.
 */
export type FlowKind = 'card-payment' | 'sweep' | 'interest';

export interface FlowSide {
  /** Account key, `banka-checking`. */
  account: string;
  day: number;
  /** When it posts; transfers post at once. */
  ms: number;
  /** +1 when a positive amount is money in for this side, -1 when it is money out. */
  sign: 1 | -1;
  /** Statement text when the amount is positive, and when it is negative (the odd transfer back). */
  descriptor: [string, string];
  merchant: string;
  legal: string;
  counterpartyIban: string | null;
}

export interface FlowOccurrence {
  /** The ground truth's pair id: `card-payment:banka-credit:2026-11`. */
  id: string;
  flow: Flow;
  /** Months since 1970-01. */
  month: number;
  /** The two sides (one for interest), money leaving first. */
  sides: FlowSide[];
  /** The open interval of moments whose postings decide the amount (see ledger.ts). */
  fromMs: number;
  toMs: number;
}

export interface Flow {
  key: string;
  kind: FlowKind;
  /** The account the flow settles: the card paid, the checking account swept, the savings paid interest. */
  settles: string;
  /** For sweeps, what the settled account keeps. */
  cushion: number;
  occurrence(month: number): FlowOccurrence | null;
}

const MINUTE = 60_000;
const monthOf = (year: number, month: number) => (year - 1970) * 12 + month - 1;
const firstMonth = monthOf(2015, 1);
const civilMonth = (month: number) => ({ year: 1970 + Math.floor(month / 12), m: (month % 12) + 1 });
const dayIn = (month: number, day: number) => {
  const { year, m } = civilMonth(month);
  return dayFromCivil(year, m, Math.min(day, daysInMonth(year, m)));
};
const period = (month: number) => isoDate(civilFromDay(dayIn(month, 1))).slice(0, 7);

function offsetOf(accounts: Map<string, SimAccount>, key: string): number {
  const account = accounts.get(key);
  if (!account) throw new RangeError(`no account ${key}`);
  return SIM_BANKS[account.bank].utcOffsetMinutes;
}

function side(
  accounts: Map<string, SimAccount>,
  key: string,
  day: number,
  minute: number,
  sign: 1 | -1,
  descriptor: [string, string],
  merchant: string,
  legal = merchant,
  counterpartyIban: string | null = null,
): FlowSide {
  return {
    account: key,
    day,
    ms: dayStartMs(day, offsetOf(accounts, key)) + minute * MINUTE,
    sign,
    descriptor,
    merchant,
    legal,
    counterpartyIban,
  };
}

/** A card paid in full from checking a few days after its statement; the card shows it a day later. */
function cardPayment(
  accounts: Map<string, SimAccount>,
  card: string,
  from: string,
  statement: { closeDay: number; payAfterDays: number },
  checkingText: string,
  cardText: string,
): Flow {
  const offset = offsetOf(accounts, card);
  const closeEnd = (month: number) =>
    month < firstMonth ? dayStartMs(HOUSEHOLD_SINCE, offset) : dayStartMs(dayIn(month, statement.closeDay) + 1, offset);
  const flow: Flow = {
    key: `${card}-payment`,
    kind: 'card-payment',
    settles: card,
    cushion: 0,
    occurrence(month) {
      if (month < firstMonth) return null;
      const debit = shiftToBusinessDay(dayIn(month, statement.closeDay) + statement.payAfterDays, 'us', 1);
      return {
        id: `card-payment:${card}:${period(month)}`,
        flow,
        month,
        fromMs: closeEnd(month - 1),
        toMs: closeEnd(month),
        sides: [
          side(accounts, from, debit, 5 * 60 + 40, -1, [checkingText, checkingText], 'Card payment'),
          side(accounts, card, debit + 1, 5 * 60 + 40, 1, [cardText, cardText], 'Card payment'),
        ],
      };
    },
  };
  return flow;
}

/**
 * What a checking account holds above its cushion moves to `to` on a day of the month
 * (or comes back when the month was lean), so the account holds the cushion right after.
 */
function sweep(
  accounts: Map<string, SimAccount>,
  key: string,
  from: string,
  to: string,
  cushion: number,
  when: (month: number) => { day: number; lagDays: number },
  text: {
    fromSide: [string, string];
    toSide: [string, string];
    merchant: string;
    legal?: [string, string];
    ibans?: [string | null, string | null];
  },
  calendar: 'us' | 'eu',
): Flow {
  const moment = (month: number) => {
    const { day } = when(month);
    return dayStartMs(day, offsetOf(accounts, from)) + (5 * 60 + 30) * MINUTE;
  };
  const flow: Flow = {
    key,
    kind: 'sweep',
    settles: from,
    cushion,
    occurrence(month) {
      // The first month only opens the accounts: the first sweep is a month later.
      if (month <= firstMonth) return null;
      const { day, lagDays } = when(month);
      const arrives = lagDays === 0 ? day : shiftToBusinessDay(day + lagDays, calendar, 1);
      return {
        id: `sweep:${key}:${period(month)}`,
        flow,
        month,
        fromMs: month - 1 <= firstMonth ? dayStartMs(HOUSEHOLD_SINCE, offsetOf(accounts, from)) : moment(month - 1),
        toMs: moment(month),
        sides: [
          side(accounts, from, day, 5 * 60 + 30, -1, text.fromSide, text.merchant, text.legal?.[0], text.ibans?.[0] ?? null),
          side(
            accounts,
            to,
            arrives,
            5 * 60 + (lagDays === 0 ? 30 : 50),
            1,
            text.toSide,
            text.merchant,
            text.legal?.[1],
            text.ibans?.[1] ?? null,
          ),
        ],
      };
    },
  };
  return flow;
}

/** Interest on a savings account, on the last day of each month. */
function interest(accounts: Map<string, SimAccount>, key: string, account: string, text: string, legal: string): Flow {
  const flow: Flow = {
    key,
    kind: 'interest',
    settles: account,
    cushion: 0,
    occurrence(month) {
      if (month < firstMonth) return null;
      const day = dayIn(month, 31);
      return {
        id: `interest:${account}:${period(month)}`,
        flow,
        month,
        fromMs: 0,
        toMs: 0,
        sides: [side(accounts, account, day, 4 * 60, 1, [text, text], 'Interest', legal)],
      };
    },
  };
  return flow;
}

/** The household's flows, in the order their amounts depend on each other (cards, then Daniel, then the joint account). */
export function householdFlows(accounts: readonly SimAccount[]): Flow[] {
  const byKey = new Map(accounts.map((a) => [a.key, a]));
  const mask = (key: string) => byKey.get(key)?.mask ?? '0000';
  const ibanOf = (key: string) => byKey.get(key)?.providerAccountId ?? null;
  return [
    cardPayment(
      byKey,
      'banka-credit',
      'banka-checking',
      STATEMENT.lenaVisa,
      `ONLINE PAYMENT TO CREDIT CARD XXXX${mask('banka-credit')}`,
      'AUTOMATIC PAYMENT - THANK YOU',
    ),
    cardPayment(
      byKey,
      'bankb-credit',
      'bankb-checking',
      STATEMENT.danielMastercard,
      `BANKB CREDIT CARD AUTOPAY ${mask('bankb-credit')}`,
      'PAYMENT RECEIVED - THANK YOU',
    ),
    sweep(
      byKey,
      'share',
      'bankb-checking',
      'banka-checking',
      CUSHION.daniel,
      (month) => ({ day: shiftToBusinessDay(dayIn(month, 26), 'us', -1), lagDays: 1 }),
      {
        fromSide: [
          `ONLINE TRANSFER TO BANKA CHK ...${mask('banka-checking')}`,
          `ONLINE TRANSFER FROM BANKA CHK ...${mask('banka-checking')}`,
        ],
        toSide: ['ACH CREDIT BANKB TRANSFER D OKAFOR', 'ACH DEBIT BANKB TRANSFER D OKAFOR'],
        merchant: 'Transfer',
      },
      'us',
    ),
    sweep(
      byKey,
      'savings-sweep',
      'banka-checking',
      'banka-savings',
      CUSHION.joint,
      (month) => ({ day: dayIn(month, 1), lagDays: 0 }),
      {
        fromSide: [
          `ONLINE TRANSFER TO SAV XXXXXX${mask('banka-savings')}`,
          `ONLINE TRANSFER FROM SAV XXXXXX${mask('banka-savings')}`,
        ],
        toSide: [
          `ONLINE TRANSFER FROM CHK XXXXXX${mask('banka-checking')}`,
          `ONLINE TRANSFER TO CHK XXXXXX${mask('banka-checking')}`,
        ],
        merchant: 'Transfer',
      },
      'us',
    ),
    sweep(
      byKey,
      'tagesgeld-sweep',
      'bankc-checking',
      'bankc-savings',
      CUSHION.girokonto,
      (month) => ({ day: shiftToBusinessDay(dayIn(month, 28), 'eu', -1), lagDays: 0 }),
      {
        fromSide: ['UMBUCHUNG AUF TAGESGELD', 'UMBUCHUNG VON TAGESGELD'],
        toSide: ['UMBUCHUNG VON GIROKONTO', 'UMBUCHUNG AUF GIROKONTO'],
        merchant: 'Umbuchung',
        legal: ['Eigenes Tagesgeld', 'Eigenes Girokonto'],
        ibans: [ibanOf('bankc-savings'), ibanOf('bankc-checking')],
      },
      'eu',
    ),
    interest(byKey, 'savings-interest', 'banka-savings', 'INTEREST PAYMENT', 'BankA'),
    interest(byKey, 'tagesgeld-interest', 'bankc-savings', 'ZINSGUTSCHRIFT', 'BankC'),
  ];
}
