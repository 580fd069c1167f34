import merchants from './merchants.json';

/**
 * The merchant dictionary (merchants.json): well-known chains and services, by category,
 * each with the spellings banks print. The entry's name is one of its aliases too. Data,
 * not code: adding a merchant is adding a line there.
 */
export interface MerchantEntry {
  /** The clean name, stored as the merchant where the bank gives none. */
  name: string;
  category: string;
  aliases: readonly string[];
}

export type MerchantData = Readonly<Record<string, Readonly<Record<string, readonly string[]>>>>;

export function merchantEntries(data: MerchantData): MerchantEntry[] {
  return Object.entries(data).flatMap(([category, byName]) =>
    Object.entries(byName).map(([name, aliases]) => ({ name, category, aliases: [name, ...aliases] })),
  );
}

export const MERCHANT_DATA: MerchantData = merchants;
