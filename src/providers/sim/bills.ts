import { germanIban, type SimAccount } from './accounts';
import { civilFromDay, dayFromCivil, isoDate, weekday } from './calendar';
import { HOUSEHOLD_SINCE, PAY } from './household';
import { monthly, rule, type RecurringRule } from './recurring';
import type { Rng } from './rng';

/**
 * The household's recurring payments by account (see household.ts for who they are).
 * Amounts are at BASE_YEAR; growth, seasons and planted price raises move them.
 */

/**
 * The streaming service the household switches every fourteen months: one is cancelled
 * and the next started, so any history of a year or more shows both.
 */
const ROTATION = [
  { key: 'hulu', merchant: 'Hulu', descriptor: 'HULU 877-8244858 CA', cents: -17_99 },
  { key: 'max', merchant: 'HBO Max', descriptor: 'HBO MAX HBOMAX.COM NY', cents: -16_99 },
  { key: 'disney-plus', merchant: 'Disney+', descriptor: 'DISNEY PLUS 888-905-7888 CA', cents: -13_99 },
  { key: 'paramount-plus', merchant: 'Paramount+', descriptor: 'PARAMOUNT PLUS 888-274-5343', cents: -11_99 },
  { key: 'peacock', merchant: 'Peacock', descriptor: 'PEACOCK TV 844-373-2733', cents: -7_99 },
] as const;
const ROTATION_MONTHS = 14;

function rotatingStreaming(rng: Rng): RecurringRule[] {
  const offset = rng.int(0, ROTATION_MONTHS - 1);
  const out: RecurringRule[] = [];
  // Blocks from the household's first month to 2100.
  for (let block = 0, start = -offset; start < 1020; block++, start += ROTATION_MONTHS) {
    const s = ROTATION[block % ROTATION.length]!;
    const from = monthStart(start);
    const until = monthStart(start + ROTATION_MONTHS);
    if (until <= HOUSEHOLD_SINCE) continue;
    out.push(
      rule(
        `${s.key}-${isoDate(civilFromDay(from)).slice(0, 7)}`,
        'subscription',
        monthly(1 + ((block * 11 + offset) % 27)),
        s.merchant,
        'subscriptions',
        'card',
        s.descriptor,
        s.cents,
        {
          from,
          until,
        },
      ),
    );
  }
  return out;
}

/** The first day of the month `months` after the household's first month. */
function monthStart(months: number): number {
  const base = 2015 * 12 + months;
  return Math.max(HOUSEHOLD_SINCE, dayFromCivil(Math.floor(base / 12), (base % 12) + 1, 1));
}

const digits = (rng: Rng, n: number) => Array.from({ length: n }, () => String(rng.int(0, 9))).join('');

export function householdRules(accounts: readonly SimAccount[], rng: Rng): Map<string, RecurringRule[]> {
  const iban = () => germanIban(String(rng.int(10000000, 99999999)), digits(rng, 10));
  // Daniel's paydays: every other Friday from one in the household's first fortnight.
  let anchor = HOUSEHOLD_SINCE + rng.int(0, 13);
  while (weekday(anchor) !== 5) anchor++;
  const lease = digits(rng, 4);
  const rules = new Map<string, RecurringRule[]>();

  // Lena's pay: the 15th and the last day of the month, the business day before when those are not.
  const lenaPay = (day: number) =>
    rule(
      'payroll',
      'income',
      monthly(day, 'before'),
      'Northwind Software',
      'income',
      'ach',
      'ACH DEP NORTHWIND SOFTWARE PAYROLL',
      PAY.lenaSemimonthly,
      {
        growth: 'raise',
      },
    );
  rules.set('banka-checking', [
    lenaPay(15),
    lenaPay(31),
    rule(
      'rent',
      'bill',
      monthly(1),
      'Parkside Property Management',
      'home',
      'ach',
      `ACH DEBIT PARKSIDE PROPERTY MGMT RENT ${lease}`,
      -1_850_00,
      {
        growth: 'raise',
        renewMonth: 8,
        roundTo: 500,
      },
    ),
    rule(
      'health-plan',
      'bill',
      monthly(3, 'after'),
      'Kaiser Permanente',
      'health',
      'ach',
      'KAISER PERMANENTE CO PREMIUM',
      -310_00,
      {
        growth: 'inflation',
      },
    ),
    rule('car-insurance', 'bill', monthly(5, 'after'), 'GEICO', 'transport', 'ach', 'GEICO *AUTO INS PREMIUM', -142_00, {
      growth: 'inflation',
    }),
    rule('internet', 'bill', monthly(8, 'after'), 'Comcast', 'utilities', 'ach', 'COMCAST CABLE COMM 800-COMCAST', -80_00, {
      canBeLate: true,
    }),
    rule('power', 'bill', monthly(12, 'after'), 'Xcel Energy', 'utilities', 'ach', 'XCEL ENERGY-PSCO XCELENERGY.COM', -120_00, {
      growth: 'inflation',
      seasonal: 0.35,
      spread: 0.15,
      canBeLate: true,
    }),
    rule('phone', 'bill', monthly(22, 'after'), 'Verizon', 'utilities', 'ach', 'VERIZON WIRELESS PAYMENTS', -95_00, {
      canBeLate: true,
    }),
    rule(
      'water',
      'bill',
      monthly(20, 'after', [1, 4, 7, 10]),
      'Denver Water',
      'utilities',
      'ach',
      'DENVER WATER UTILITY PAYMENT',
      -95_00,
      {
        growth: 'inflation',
        seasonal: -0.3,
        spread: 0.15,
      },
    ),
    rule(
      'renters-insurance',
      'bill',
      monthly(14, 'none', [3]),
      'Lemonade',
      'home',
      'ach',
      'LEMONADE INS POLICY RENEWAL',
      -180_00,
      {
        growth: 'inflation',
      },
    ),
  ]);

  rules.set('banka-credit', [
    rule('netflix', 'subscription', monthly(7), 'Netflix', 'subscriptions', 'card', 'NETFLIX.COM', -15_49),
    rule('spotify', 'subscription', monthly(12), 'Spotify', 'subscriptions', 'card', 'Spotify USA', -16_99),
    rule('icloud', 'subscription', monthly(18), 'Apple', 'subscriptions', 'card', 'APPLE.COM/BILL', -2_99),
    rule(
      'amazon-prime',
      'subscription',
      monthly(11, 'none', [2]),
      'Amazon Prime',
      'subscriptions',
      'card',
      'AMAZON PRIME*MEMBERSHIP',
      -139_00,
    ),
    ...rotatingStreaming(rng),
  ]);

  rules.set('bankb-checking', [
    rule(
      'payroll',
      'income',
      { kind: 'every', days: 14, anchor },
      'Front Range Health',
      'income',
      'ach',
      'DIRECT DEP FRONT RANGE HEALTH PAYROLL',
      PAY.danielBiweekly,
      { growth: 'raise' },
    ),
  ]);

  rules.set('bankb-credit', [
    rule('gym', 'subscription', monthly(17), 'Planet Fitness', 'health', 'card', 'PLANET FITNESS DENVER CO', -24_99),
    rule('nytimes', 'subscription', monthly(9), 'The New York Times', 'subscriptions', 'card', 'NYTIMES*NYTDIGITAL', -17_00),
    rule(
      'costco-membership',
      'subscription',
      monthly(5, 'none', [9]),
      'Costco',
      'groceries',
      'card',
      'COSTCO *ANNUAL RENEWAL',
      -65_00,
    ),
  ]);

  const eu = { calendar: 'eu' as const };
  rules.set('bankc-checking', [
    rule(
      'flat-rent',
      'income',
      monthly(1, 'after'),
      'Mieter Wohnung 3.OG',
      'income',
      'ach',
      'MIETEINNAHME WOHNUNG 3.OG LINKS SONNENALLEE',
      PAY.flatRentEur,
      {
        ...eu,
        growth: 'raise',
        legal: 'Jonas Albrecht',
        iban: iban(),
      },
    ),
    rule(
      'hausgeld',
      'bill',
      monthly(1, 'after'),
      'Hausverwaltung Schmidt',
      'home',
      'ach',
      'HAUSGELD WEG SONNENALLEE 112',
      -310_00,
      {
        ...eu,
        growth: 'inflation',
        legal: 'Hausverwaltung Schmidt GmbH',
        iban: iban(),
      },
    ),
    rule(
      'property-tax',
      'bill',
      monthly(15, 'after', [2, 5, 8, 11]),
      'Bezirksamt Neukoelln',
      'home',
      'ach',
      'GRUNDSTEUER BEZIRKSAMT NEUKOELLN',
      -95_00,
      {
        ...eu,
        legal: 'Land Berlin Finanzamt',
        iban: iban(),
      },
    ),
    rule(
      'to-mother',
      'bill',
      monthly(5, 'after'),
      'Ingrid Berg',
      'transfer',
      'transfer',
      'DAUERAUFTRAG UNTERSTUETZUNG MAMA',
      -150_00,
      {
        ...eu,
        legal: 'Ingrid Berg',
        iban: iban(),
      },
    ),
  ]);
  for (const a of accounts) if (!rules.has(a.key)) rules.set(a.key, []);
  return rules;
}
