import { TAXONOMY } from './categories/taxonomy';
/** A stored transaction as the rest of finagg sees it: cents, booleans, camelCase. */
export interface Transaction {
  id: number;
  accountId: number;
  date: string;
  amountCents: number;
  currency: string;
  description: string;
  merchant: string | null;
  category: string;
  pending: boolean;
  note: string | null;
  /** The transfer between own accounts this row is one side of, or null. */
  transferId: number | null;
  /** The account of the other side of its transfer, when paired. */
  transferAccountId: number | null;
}

export interface TransactionFilter {
  accountId?: number;
  category?: string;
  /** Case-insensitive substring of the merchant. */
  merchant?: string;
  /** Case-insensitive substring of the description, merchant or note. */
  search?: string;
  from?: string;
  to?: string;
  /** Bounds on the size of the amount in cents, whatever its sign. */
  minCents?: number;
  maxCents?: number;
  pendingOnly?: boolean;
  /** Only split rows whose parts no longer sum to them (the bank changed the amount). */
  review?: boolean;
  sort: 'date' | 'amount';
  ascending: boolean;
  limit: number;
  offset: number;
}

/** Who set a transaction's category; a person's edit outranks everything else. */
export type CategorySource = 'user' | 'rule' | 'builtin' | 'provider' | 'none';
/** Who set its merchant name. */
export type MerchantSource = 'provider' | 'builtin' | 'rule' | 'user';

/** The categories every home starts with (core/categories/taxonomy.ts), both levels; people may add their own. */
export const BUILTIN_CATEGORIES: readonly string[] = TAXONOMY.flatMap((t) => [t.name, ...(t.children ?? []).map((c) => c.name)]);
