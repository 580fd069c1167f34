import { dayFromCivil, daysInMonth } from './calendar';
import { fillCode } from './order-code';
import type { PlantTag } from './event';
import type { MerchantSpec } from './merchants';
import { newMerchant, NEW_MERCHANT_POOL_SIZE } from './new-merchants';
import { perDayOf, shopsOf } from './plant-shops';
import type { AccountProfile, PreparedMerchant } from './profiles';
import { mix, mixString, rngFromHash, type Rng } from './rng';
import { spikeCategories, type SpikeCategory, type SpikeScale } from './spike-plan';

/**
 * Which anomalies an account gets in a month, drawn from the month's own hash so that
 * a day can be generated (and counted) alone. Planted purchases are extra events; the
 * everyday ones are untouched. Only accounts with card spending (checking, credit) get
 * them: a savings account has nothing to buy with.
 */

/**
 * Chances per account and month; with spikes (below, sized in spike-plan.ts) and price
 * raises (price-raises.ts) about one anomaly a quarter on a checking or credit account, a
 * handful a quarter for the household: what a real family's history holds, not dozens.
 */
const MONTHLY_RATES = { unusual_amount: 1 / 12, new_merchant: 1 / 12, duplicate_charge: 1 / 12 };
/**
 * A category spike: at most one per half year, in one of its first four months, so that
 * two spikes are three or more months apart and the six months a spike is compared with
 * hold at most one other.
 */
const SPIKE_BLOCK_MONTHS = 6;
const SPIKE_RATE_PER_BLOCK = 0.3;
const SPIKE_LAST_OFFSET = 3;

/** Expected purchases in 90 days that make a merchant one the customer uses regularly. */
const REGULAR_PER_90_DAYS = 9;
/** A planted unusual amount is this many times the merchant's usual maximum. */
const UNUSUAL_MIN_FACTOR = 4;
const UNUSUAL_MAX_FACTOR = 8;
/** Amounts a merchant can charge, at least: so a duplicate is not just a habitual price. */
const DUPLICABLE_PRICES = 200;

/** One planted event, its content fixed by the month's plan (both charges of a duplicate agree). */
export interface PlantedPurchase {
  readonly day: number;
  readonly tag: PlantTag;
  readonly spec: MerchantSpec;
  /** Statement text before the bank's per-day prefix, codes filled. */
  readonly text: string;
  /** Money out, in positive cents. */
  readonly magnitude: number;
}

interface Choices {
  regular: PreparedMerchant[];
  /** The highest everyday price by merchant name (Amazon has two descriptors with two ranges). */
  highest: Map<string, number>;
  duplicable: PreparedMerchant[];
  spikes: SpikeCategory[];
}

const cache = new WeakMap<AccountProfile, Choices | null>();

/** What can be planted on the account, fixed by its profile (and, for spikes, the household's). */
function choicesFor(profile: AccountProfile, scale: SpikeScale): Choices | null {
  if (cache.has(profile)) return cache.get(profile) ?? null;
  const perDay = perDayOf(profile);
  const prices = (m: PreparedMerchant) => (m.spec.max - m.spec.min) / m.spec.step;
  const shops = shopsOf(profile);
  let choices: Choices | null = null;
  if (profile.account.type !== 'savings' && shops.length > 0) {
    const varied = shops.filter((m) => prices(m) >= 20);
    const regular = varied.filter((m) => perDay(m) * 90 >= REGULAR_PER_90_DAYS);
    const fallback = varied.slice(0, 1);
    const duplicable = (regular.length > 0 ? regular : fallback).filter((m) => !m.spec.tip && prices(m) >= DUPLICABLE_PRICES);
    const highest = new Map<string, number>();
    for (const m of profile.merchants) highest.set(m.spec.name, Math.max(highest.get(m.spec.name) ?? 0, m.spec.max));
    choices = {
      regular: regular.length > 0 ? regular : fallback,
      highest,
      duplicable: duplicable.length > 0 ? duplicable : fallback,
      spikes: spikeCategories(profile, scale),
    };
  }
  cache.set(profile, choices);
  return choices;
}

function weighted(list: readonly PreparedMerchant[], rng: Rng): PreparedMerchant {
  const weights = list.map((m) => m.spec.weight);
  let target = rng.next() * weights.reduce((a, b) => a + b, 0);
  for (let i = 0; i < list.length; i++) {
    target -= weights[i] as number;
    if (target < 0) return list[i] as PreparedMerchant;
  }
  return list[list.length - 1] as PreparedMerchant;
}

/** A price at the merchant: a multiple of its step from `lo` to `hi`. */
function price(spec: MerchantSpec, lo: number, hi: number, rng: Rng): number {
  return Math.round((lo + rng.next() * (hi - lo)) / spec.step) * spec.step;
}

function text(m: PreparedMerchant, rng: Rng): string {
  return m.hasCode ? fillCode(m.descriptor, rng) : m.descriptor;
}

/**
 * The planted purchases of an account in a month (months since 1970-01), from the
 * account's hash and the month. Always the same draws in the same order, so a month comes
 * out the same however often it is planned.
 */
export function monthPlan(
  profile: AccountProfile,
  region: 'us' | 'eu',
  accountHash: number,
  month: number,
  scale: SpikeScale,
): PlantedPurchase[] {
  const choices = choicesFor(profile, scale);
  if (!choices) return [];
  const rng = rngFromHash(mix(mixString(accountHash, 'plant'), month));
  const year = 1970 + Math.floor(month / 12);
  const first = dayFromCivil(year, (month % 12) + 1, 1);
  const length = daysInMonth(year, (month % 12) + 1);
  // The last day stays free so that both charges of a duplicate fall in the month planned.
  const someDay = () => first + rng.int(0, length - 2);
  const plan: PlantedPurchase[] = [];
  const anomaly = (type: PlantTag['type']): PlantTag => ({ type, role: 'anomaly' });
  const part = (type: PlantTag['type']): PlantTag => ({ type, role: 'part' });

  if (rng.chance(MONTHLY_RATES.unusual_amount) && choices.regular.length > 0) {
    const m = weighted(choices.regular, rng);
    const max = choices.highest.get(m.spec.name) ?? m.spec.max;
    const magnitude = price(m.spec, max * UNUSUAL_MIN_FACTOR, max * UNUSUAL_MAX_FACTOR, rng);
    plan.push({ day: someDay(), tag: anomaly('unusual_amount'), spec: m.spec, text: text(m, rng), magnitude });
  }
  if (rng.chance(MONTHLY_RATES.new_merchant)) {
    // One shop per month: 173 is prime to the pool's 400, so 400 months in a row get distinct shops.
    const index = (month * 173 + (accountHash >>> 0)) % NEW_MERCHANT_POOL_SIZE;
    const shop = newMerchant(index, region, profile.city);
    plan.push({
      day: someDay(),
      tag: anomaly('new_merchant'),
      spec: shop.spec,
      text: shop.text,
      magnitude: price(shop.spec, shop.spec.min, shop.spec.max, rng),
    });
  }
  if (rng.chance(MONTHLY_RATES.duplicate_charge) && choices.duplicable.length > 0) {
    const m = weighted(choices.duplicable, rng);
    const day = someDay();
    const magnitude = price(m.spec, m.spec.min, m.spec.max, rng);
    const shared = { spec: m.spec, text: text(m, rng), magnitude };
    // The same day (a double swipe) or the next: always within 48 hours.
    const gap = rng.chance(1 / 3) ? 0 : 1;
    plan.push({ day, tag: part('duplicate_charge'), ...shared }, { day: day + gap, tag: anomaly('duplicate_charge'), ...shared });
  }
  const block = Math.floor(month / SPIKE_BLOCK_MONTHS);
  const spikeRng = rngFromHash(mix(mixString(accountHash, 'spike'), block));
  const spikeMonth = spikeRng.chance(SPIKE_RATE_PER_BLOCK) ? block * SPIKE_BLOCK_MONTHS + spikeRng.int(0, SPIKE_LAST_OFFSET) : -1;
  if (month === spikeMonth && choices.spikes.length > 0) {
    const spike = choices.spikes[rng.int(0, choices.spikes.length - 1)] as SpikeCategory;
    for (let i = 0; i < spike.purchases; i++) {
      const m = spike.merchant;
      const magnitude = price(m.spec, (m.spec.min + m.spec.max) / 2, m.spec.max, rng);
      plan.push({ day: someDay(), tag: part('category_spike'), spec: m.spec, text: text(m, rng), magnitude });
    }
  }
  return plan;
}
