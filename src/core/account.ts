export const ACCOUNT_TYPES = ['checking', 'savings', 'credit', 'loan', 'investment'] as const;
export type AccountType = (typeof ACCOUNT_TYPES)[number];

/** An account as a bank reports it, after its normalizer: cents and a fixed type list. */
export interface NormalizedAccount {
  /** The bank's own id of the account. */
  providerAccountId: string;
  name: string;
  type: AccountType;
  /** ISO 4217 code, upper case. */
  currency: string;
  /** Current balance in minor units; for credit and loans, negative is money owed. */
  balanceCents: number;
}
