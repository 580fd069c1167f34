import type { CivilDate } from './calendar';
import type { Channel, SimCategory } from './merchants';
import { mix, mixString, unitHash } from './rng';

/** A payment that comes back on fixed days of the month: pay, rent, bills, subscriptions. */
export interface RecurringRule {
  /** Stable name, kept on each event as ground truth ('netflix', 'payroll'). */
  key: string;
  /** Days of the month; a day past the month's end falls on its last day. */
  days: readonly number[];
  merchant: string;
  /** The counterparty name a European bank shows. */
  legal: string;
  category: SimCategory;
  channel: Channel;
  descriptor: string;
  /** Signed cents before the month's variation. */
  cents: number;
  /** Fraction by which the amount varies from month to month; 0 is a fixed price. */
  spread: number;
  /** Name of the monthly amount stream: both sides of a transfer share it, so they match. */
  stream: string;
  counterpartyIban: string | null;
}

export function recurring(
  key: string,
  days: readonly number[],
  merchant: string,
  category: SimCategory,
  channel: Channel,
  descriptor: string,
  cents: number,
  options: { spread?: number; stream?: string; legal?: string; iban?: string | null } = {},
): RecurringRule {
  return {
    key,
    days,
    merchant,
    legal: options.legal ?? merchant,
    category,
    channel,
    descriptor,
    cents,
    spread: options.spread ?? 0,
    stream: options.stream ?? key,
    counterpartyIban: options.iban ?? null,
  };
}

function falls(rule: RecurringRule, date: CivilDate, lastDay: number): boolean {
  for (const d of rule.days) if (Math.min(d, lastDay) === date.day) return true;
  return false;
}

export function countRulesOn(rules: readonly RecurringRule[], date: CivilDate, lastDay: number): number {
  let n = 0;
  for (const rule of rules) if (falls(rule, date, lastDay)) n++;
  return n;
}

export function rulesOn(rules: readonly RecurringRule[], date: CivilDate, lastDay: number): RecurringRule[] {
  return rules.filter((rule) => falls(rule, date, lastDay));
}

/** The rule's amount in a month: fixed prices stay, bills and card payments vary. */
export function ruleAmount(rule: RecurringRule, bankHash: number, month: number): number {
  if (rule.spread === 0) return rule.cents;
  const u = unitHash(mix(mixString(bankHash, rule.stream), month));
  return Math.round(rule.cents * (1 + rule.spread * (2 * u - 1)));
}

/** Money a month of these rules takes out (positive cents). */
export function monthlyOutflow(rules: readonly RecurringRule[]): number {
  let sum = 0;
  for (const rule of rules) if (rule.cents < 0) sum -= rule.cents * rule.days.length;
  return sum;
}
