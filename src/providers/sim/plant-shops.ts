import type { SimCategory } from './merchants';
import type { AccountProfile, PreparedMerchant } from './profiles';

/** Anomalies are planted on purchases: never on money that moves, fees, cash or money sent to people. */
const NOT_SPENDING: ReadonlySet<SimCategory> = new Set(['income', 'transfer', 'fees', 'cash', 'p2p']);

/** Purchases a day at a payee of the account. */
export function perDayOf(profile: AccountProfile): (m: PreparedMerchant) => number {
  const total = profile.cumulative[profile.cumulative.length - 1] ?? 0;
  return (m) => (total > 0 ? (profile.lambda * m.spec.weight) / total : 0);
}

/** The shops an account buys from by card, most visited first: where anomalies are planted. */
export function shopsOf(profile: AccountProfile): PreparedMerchant[] {
  const perDay = perDayOf(profile);
  return profile.merchants
    .filter((m) => m.spec.channel === 'card' && !m.spec.credit && !NOT_SPENDING.has(m.spec.category))
    .sort((a, b) => perDay(b) - perDay(a));
}
