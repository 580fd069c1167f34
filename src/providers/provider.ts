/**
 * What finagg needs of a bank. The linking issue adds the OAuth and fetch methods; each
 * bank lives in its own folder (`providers/banka/`, ...).
 */
export interface BankProvider {
  readonly id: string;
  readonly name: string;
  readonly kind: 'bank' | 'card' | 'brokerage';
}

export type ProviderRegistry = ReadonlyMap<string, BankProvider>;
