import { AppError } from '../../core/errors';
import { ProviderError } from '../errors';
import { SIM_BANK_IDS } from './banks';
import type { Rng } from './rng';

/**
 * FINAGG_SIM_FAULTS: comma-separated `kind[:rate][@bank]`. The rate is a probability per
 * request (per record for `malformed`), 1 when left out.
 */
export const FAULT_KINDS = [
  'invalid_credentials',
  'login_required',
  'rate_limited',
  'institution_down',
  'timeout',
  'malformed',
] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

export interface FaultRule {
  kind: FaultKind;
  rate: number;
  /** null: every bank. */
  bank: string | null;
}

export interface FaultPlan {
  readonly rules: readonly FaultRule[];
  /** The probability of the fault at this bank; a rule naming the bank wins over a general one. */
  rate(kind: FaultKind, bank: string): number;
  /** Draws once from `rng` (only when the rate is strictly between 0 and 1). */
  strikes(kind: FaultKind, bank: string, rng: Rng): boolean;
}

const ENTRY = /^([a-z_]+)(?::([^@]*))?(?:@(.*))?$/;

function isFaultKind(text: string): text is FaultKind {
  return (FAULT_KINDS as readonly string[]).includes(text);
}

/** Throws AppError('invalid_input') naming the part that does not parse. */
export function parseFaults(text: string | undefined, banks: readonly string[] = SIM_BANK_IDS): FaultPlan {
  const rules: FaultRule[] = [];
  for (const raw of (text ?? '').split(',')) {
    const entry = raw.trim();
    if (entry === '') continue;
    const bad = (why: string) =>
      new AppError(
        'invalid_input',
        `invalid FINAGG_SIM_FAULTS entry "${entry}": ${why}`,
        'use kind[:rate][@bank], e.g. rate_limited:0.2@banka',
      );
    const match = ENTRY.exec(entry);
    if (!match) throw bad('expected kind[:rate][@bank]');
    const [, kind = '', rateText, bank] = match;
    if (!isFaultKind(kind)) throw bad(`unknown kind "${kind}" (one of ${FAULT_KINDS.join(', ')})`);
    let rate = 1;
    if (rateText !== undefined) {
      rate = /^(\d+(\.\d*)?|\.\d+)$/.test(rateText) ? Number(rateText) : Number.NaN;
      if (!(rate >= 0 && rate <= 1)) throw bad(`rate "${rateText}" is not a probability from 0 to 1`);
    }
    if (bank !== undefined && !banks.includes(bank)) throw bad(`unknown bank "${bank}" (one of ${banks.join(', ')})`);
    rules.push({ kind, rate, bank: bank ?? null });
  }
  return createFaultPlan(rules);
}

export function createFaultPlan(rules: readonly FaultRule[]): FaultPlan {
  const rate = (kind: FaultKind, bank: string): number => {
    let general = 0;
    let specific: number | undefined;
    // Later entries win over earlier ones of the same reach.
    for (const rule of rules) {
      if (rule.kind !== kind) continue;
      if (rule.bank === null) general = rule.rate;
      else if (rule.bank === bank) specific = rule.rate;
    }
    return specific ?? general;
  };
  return {
    rules,
    rate,
    strikes: (kind, bank, rng) => rng.chance(rate(kind, bank)),
  };
}

export const NO_FAULTS: FaultPlan = createFaultPlan([]);

/**
 * The fault, if any, that a data request of `bank` runs into. Draws from `rng` in a fixed
 * order so the same request stream fails the same way every run.
 */
export function requestFault(plan: FaultPlan, bank: string, name: string, rng: Rng): ProviderError | undefined {
  if (plan.strikes('institution_down', bank, rng)) {
    return new ProviderError(bank, 'institution_down', `${name} is down for maintenance`);
  }
  if (plan.strikes('timeout', bank, rng)) {
    return new ProviderError(bank, 'timeout', `${name} did not answer within 30 s`);
  }
  if (plan.strikes('rate_limited', bank, rng)) {
    const retryAfterMs = 1000 + 250 * rng.int(0, 16);
    return new ProviderError(bank, 'rate_limited', `${name} refused: too many requests`, retryAfterMs);
  }
  if (plan.strikes('login_required', bank, rng)) {
    return new ProviderError(bank, 'login_required', `${name} wants the customer to log in again`);
  }
  return undefined;
}
