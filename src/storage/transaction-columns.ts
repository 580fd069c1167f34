import type { CategorySource, MerchantSource } from '../core/transaction';

/**
 * How the transactions table stores what it names in text (migration 024): the sources
 * as small codes, the timestamps as milliseconds. Reads see the text through generated
 * columns (`merchant_source`, `category_source`, `created_at`, `updated_at`); writes go
 * to the stored columns with these.
 */
export const MERCHANT_SOURCE_CODE: Readonly<Record<MerchantSource, number>> = { provider: 0, builtin: 1, rule: 2, user: 3 };

export const CATEGORY_SOURCE_CODE: Readonly<Record<CategorySource, number>> = {
  builtin: 0,
  provider: 1,
  rule: 2,
  user: 3,
  none: 4,
};

/** The stored form of a transaction's timestamp: milliseconds since 1970, from an ISO time. */
export function storedMs(iso: string): number {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) throw new RangeError(`not a time: ${JSON.stringify(iso)}`);
  return ms;
}
