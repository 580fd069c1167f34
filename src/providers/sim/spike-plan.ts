import type { SimCategory } from './merchants';
import { perDayOf, shopsOf } from './plant-shops';
import type { AccountProfile, PreparedMerchant } from './profiles';
import { perMonth as occurrencesPerMonth } from './recurring';

/**
 * A spike adds this many times a high month of the category (mean plus one standard
 * deviation), so the month runs four times its usual level or more even where months vary a lot.
 */
const SPIKE_EXTRA = 3;
/** A category can spike when it has a usual month to compare with, and a few purchases make one. */
const SPIKE_MIN_PER_MONTH = 1.5;
const SPIKE_MIN_USUAL_CENTS = 7000;
/** At the natural volume; at a higher FINAGG_SIM_DAILY prices are smaller, so as many times more purchases. */
const SPIKE_MAX_PURCHASES = 24;
const DAYS_PER_MONTH = 30.44;

/**
 * How spikes are planted, in the fingerprint of the banks' books (ledger.ts): a spike's
 * purchases are in the cards' statements, so books kept by an earlier way of planting
 * hold other statement amounts. Change it with the planting.
 */
export const SPIKE_PLANTING = 'household-sized, one shop';

/** A category an account can spike in: where the spike buys, and how many purchases make it. */
export interface SpikeCategory {
  category: SimCategory;
  /**
   * One shop, the account's usual one in the category: finagg files a payee under one
   * detailed category, while the simulation's line (entertainment) spans several (movies,
   * games), so purchases spread over shops could spread the spike over categories.
   */
  merchant: PreparedMerchant;
  purchases: number;
}

/** What a spike is measured against. */
export interface SpikeScale {
  /** Every account of the household: a spike is sized on those of the account's currency. */
  household: readonly AccountProfile[];
  /** FINAGG_SIM_DAILY over the natural volume (profiles.ts volumeScale). */
  volume: number;
}

/**
 * The categories the account can spike in. The detectors judge a category's month on the
 * household, every account of a currency together, so a spike is sized on the household's
 * month: one sized on a card that pays a fifth of the groceries would be a bump in the
 * household's groceries, not news. The account must still buy there regularly itself.
 */
export function spikeCategories(profile: AccountProfile, scale: SpikeScale): SpikeCategory[] {
  const perDay = perDayOf(profile);
  const byCategory = new Map<SimCategory, PreparedMerchant[]>();
  for (const m of shopsOf(profile)) byCategory.set(m.spec.category, [...(byCategory.get(m.spec.category) ?? []), m]);
  const household = scale.household.filter((p) => p.account.currency === profile.account.currency);
  const out: SpikeCategory[] = [];
  for (const [category, merchants] of byCategory) {
    const perMonth = merchants.reduce((s, m) => s + perDay(m), 0) * DAYS_PER_MONTH;
    const own = moments(profile, category);
    const { mean, variance } = household.reduce(
      (sum, p) => {
        const m = moments(p, category);
        return { mean: sum.mean + m.mean, variance: sum.variance + m.variance };
      },
      { mean: 0, variance: 0 },
    );
    // Spike purchases come from the upper half of the shop's range (large, yet ordinary there).
    // Sized on the whole line, the spike runs over any one of finagg's categories in it.
    const spent = (m: PreparedMerchant) => perDay(m) * (m.spec.min + m.spec.max);
    const merchant = merchants.reduce((best, m) => (spent(m) > spent(best) ? m : best));
    const upper = (merchant.spec.min + 3 * merchant.spec.max) / 4;
    const purchases = Math.ceil((SPIKE_EXTRA * (mean + Math.sqrt(variance))) / upper);
    if (
      perMonth >= SPIKE_MIN_PER_MONTH &&
      own.mean >= SPIKE_MIN_USUAL_CENTS &&
      purchases <= SPIKE_MAX_PURCHASES * Math.max(1, scale.volume)
    ) {
      out.push({ category, merchant, purchases });
    }
  }
  return out;
}

/** An account's month in a category: its mean and variance, in cents. */
function moments(profile: AccountProfile, category: SimCategory): { mean: number; variance: number } {
  const perDay = perDayOf(profile);
  // A recurring charge of the category (a gym in health) is part of its usual month.
  const bills = profile.rules
    .filter((r) => r.category === category && r.cents < 0)
    .reduce((s, r) => s - r.cents * occurrencesPerMonth(r), 0);
  // A month's spend is a compound Poisson sum: its variance is the rate times the mean square amount.
  return shopsOf(profile)
    .filter((m) => m.spec.category === category)
    .reduce(
      (acc, m) => {
        const { min, max } = m.spec;
        const monthly = perDay(m) * DAYS_PER_MONTH;
        return {
          mean: acc.mean + monthly * ((min + max) / 2),
          variance: acc.variance + (monthly * (min * min + min * max + max * max)) / 3,
        };
      },
      { mean: bills, variance: 0 },
    );
}
