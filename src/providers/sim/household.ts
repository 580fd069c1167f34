import { dayFromCivil } from './calendar';

/**
 * Who the three simulated banks serve: one household, written down once.
 *
 * Lena Berg and Daniel Okafor live in Denver with their daughter. Lena is a software
 * engineer paid semi-monthly (the 15th and the last business day) into the joint
 * checking account at BankA, where the rent, the bills and the family's health plan go
 * out; her Visa card at BankA carries most of the shopping and the subscriptions. Daniel
 * is a nurse paid every other Friday into his own checking account at BankB, with a
 * Mastercard there; once a month he moves what is above his cushion to the joint account.
 * The joint account keeps one month of expenses and sweeps the rest to the BankA savings
 * account on the 1st (or takes it back in a lean month). Each card is paid in full from
 * its checking account a few days after its statement.
 *
 * Lena grew up in Berlin. She still has her Girokonto and Tagesgeld at BankC (EUR): the
 * rent of her old flat in Neukoelln comes in, the building's Hausgeld and property tax
 * go out, she sends her mother money every month, and the family pays from it during two
 * stays a year in Berlin (three weeks in summer, ten days at Christmas). What is left
 * goes to the Tagesgeld.
 *
 * The figures are sized on the 2023 Consumer Expenditure Survey (BLS, released September
 * 2024), the average US household: income before taxes $101,805 a year; spending $77,280
 * a year ($6,440 a month), of which food at home $505 a month, food away from home $330,
 * housing $2,120 with utilities, gasoline $204, healthcare $513, entertainment $303.
 * Part of that spending never passes a bank account (payroll deductions for pensions and
 * Social Security, employer health premiums), so the household's accounts show about
 * $5,300 a month of it at 2026 prices, and its take-home pay leaves roughly $1,000 a month
 * to save.
 */

/** The CES 2023 averages the simulation is sized on, per month in US cents (see above). */
export const CES_2023_MONTHLY = {
  total: 6_440_00,
  groceries: 505_00,
  dining: 330_00,
  housing: 2_120_00,
  gas: 204_00,
  health: 513_00,
  entertainment: 303_00,
  incomeBeforeTaxes: 8_484_00,
} as const;

/** The year the figures below are in; other years scale by pay raises and inflation. */
export const BASE_YEAR = 2026;
/** Everyday prices and bills rise 2.5% a year, pay and rent 3%. */
export const INFLATION = 0.025;
export const RAISE = 0.03;

/** The accounts as they are today were opened on this day; nothing happens before it. */
export const HOUSEHOLD_SINCE = dayFromCivil(2015, 1, 1);

export const US_CITY = 'DENVER CO';
export const EU_CITY = 'Berlin';

/** Take-home pay at BASE_YEAR, in cents. */
export const PAY = {
  /** Lena: $56,000 gross; after 401(k) 6%, FICA, federal and Colorado tax, 24 paychecks. */
  lenaSemimonthly: 1_644_00,
  /** Daniel: $46,000 gross; after 401(k) 5%, FICA, federal and Colorado tax, 26 paychecks. */
  danielBiweekly: 1_347_00,
  /** The Berlin flat's rent, in euro cents. */
  flatRentEur: 1_000_00,
} as const;

/** What each checking account keeps after its monthly sweep. */
export const CUSHION = {
  /** About a month of the joint account's outgoings. */
  joint: 6_000_00,
  daniel: 2_500_00,
  girokonto: 2_500_00,
} as const;

/** Savings at HOUSEHOLD_SINCE. */
export const OPENING = {
  savings: 8_000_00,
  tagesgeld: 5_000_00,
} as const;

export const CARD_LIMIT = {
  lenaVisa: 12_000_00,
  danielMastercard: 8_000_00,
} as const;

/** Statement days, and days from statement to payment. */
export const STATEMENT = {
  lenaVisa: { closeDay: 10, payAfterDays: 4 },
  danielMastercard: { closeDay: 18, payAfterDays: 4 },
} as const;

/** Savings rates by year (annual, simple monthly accrual), as high-yield accounts paid. */
export function savingsRate(year: number, currency: 'USD' | 'EUR'): number {
  if (currency === 'EUR') return year < 2022 ? 0.001 : year < 2023 ? 0.005 : year < 2025 ? 0.03 : 0.02;
  return year < 2019 ? 0.012 : year < 2020 ? 0.021 : year < 2022 ? 0.005 : year < 2023 ? 0.015 : year < 2025 ? 0.043 : 0.037;
}

/**
 * Everyday spending at BASE_YEAR prices, per month in cents, and which account pays it.
 * The CES figures set groceries, dining, gas, healthcare and entertainment; the rest is
 * the survey's apparel, household furnishings, other vehicle costs and travel, in rough
 * proportion. Cash and money sent to other people leave the household too.
 */
export interface SpendingLine {
  /** Which merchants of merchants.ts the line buys from. */
  line:
    | 'groceries'
    | 'dining'
    | 'gas'
    | 'shopping'
    | 'transport'
    | 'entertainment'
    | 'health'
    | 'travel'
    | 'cash'
    | 'people'
    | 'fees';
  monthlyCents: number;
  /** Share of the line each account pays, by account key. */
  split: Readonly<Record<string, number>>;
}

export const US_SPENDING: readonly SpendingLine[] = [
  { line: 'groceries', monthlyCents: 560_00, split: { 'banka-credit': 0.55, 'banka-checking': 0.25, 'bankb-credit': 0.2 } },
  { line: 'dining', monthlyCents: 340_00, split: { 'banka-credit': 0.4, 'bankb-credit': 0.35, 'bankb-checking': 0.25 } },
  { line: 'gas', monthlyCents: 190_00, split: { 'bankb-credit': 0.6, 'banka-credit': 0.4 } },
  { line: 'shopping', monthlyCents: 430_00, split: { 'banka-credit': 0.65, 'bankb-credit': 0.25, 'banka-checking': 0.1 } },
  { line: 'transport', monthlyCents: 90_00, split: { 'banka-credit': 0.5, 'bankb-credit': 0.5 } },
  { line: 'entertainment', monthlyCents: 150_00, split: { 'banka-credit': 0.6, 'bankb-credit': 0.4 } },
  { line: 'health', monthlyCents: 110_00, split: { 'banka-credit': 0.5, 'banka-checking': 0.5 } },
  { line: 'travel', monthlyCents: 150_00, split: { 'banka-credit': 0.7, 'bankb-credit': 0.3 } },
  { line: 'cash', monthlyCents: 100_00, split: { 'banka-checking': 0.6, 'bankb-checking': 0.4 } },
  { line: 'people', monthlyCents: 140_00, split: { 'banka-checking': 0.5, 'bankb-checking': 0.5 } },
  { line: 'fees', monthlyCents: 3_00, split: { 'bankb-checking': 1 } },
];

/** Berlin: per day of a stay, in euro cents, all from the Girokonto. */
export const EU_STAY_SPENDING: readonly SpendingLine[] = [
  { line: 'groceries', monthlyCents: 25_00, split: { 'bankc-checking': 1 } },
  { line: 'dining', monthlyCents: 30_00, split: { 'bankc-checking': 1 } },
  { line: 'transport', monthlyCents: 9_00, split: { 'bankc-checking': 1 } },
  { line: 'shopping', monthlyCents: 15_00, split: { 'bankc-checking': 1 } },
  { line: 'health', monthlyCents: 4_00, split: { 'bankc-checking': 1 } },
  { line: 'entertainment', monthlyCents: 6_00, split: { 'bankc-checking': 1 } },
  { line: 'gas', monthlyCents: 4_00, split: { 'bankc-checking': 1 } },
  { line: 'cash', monthlyCents: 10_00, split: { 'bankc-checking': 1 } },
];

/** Between stays: presents for the family in Berlin, ordered online, per month in euro cents. */
export const EU_HOME_SPENDING: readonly SpendingLine[] = [
  { line: 'shopping', monthlyCents: 45_00, split: { 'bankc-checking': 1 } },
];

/** The two stays a year in Berlin: month and day they start, and how long they last. */
export const STAYS = [
  { month: 7, day: 18, days: 21 },
  { month: 12, day: 22, days: 10 },
] as const;

/** Everyday purchases a day across the household by default (FINAGG_SIM_DAILY). */
export const DEFAULT_DAILY = 2;
