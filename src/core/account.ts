export const ACCOUNT_TYPES = ['checking', 'savings', 'credit', 'loan', 'investment'] as const;
export type AccountType = (typeof ACCOUNT_TYPES)[number];

/** An account as a bank reports it, after its normalizer: cents and a fixed type list. */
export interface NormalizedAccount {
  /** The bank's own id of the account. */
  providerAccountId: string;
  name: string;
  type: AccountType;
  /** ISO 4217 code, upper case; or the short name of a provider's custom currency (`MILES`). */
  currency: string;
  /** Current balance in minor units; for credit and loans, negative is money owed. */
  balanceCents: number;
  /** What can be spent now (the balance less holds), when the bank says; minor units. */
  availableBalanceCents?: number | null;
  /** When the bank's balance was last true, ISO 8601 UTC, when the bank says. */
  balanceDate?: string | null;
}
