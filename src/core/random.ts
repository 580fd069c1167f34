/**
 * Randomness comes in through the AppContext. Secrets (keys, nonces, PKCE verifiers,
 * OAuth state) always use a cryptographic source; only the bank simulation is seeded.
 */
export interface Random {
  bytes(length: number): Uint8Array;
}
