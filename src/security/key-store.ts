/**
 * Where the 32-byte data key lives. DESIGN.md, Secrets: `FINAGG_MASTER_KEY` (env), the
 * OS keychain, or a 0600 key file; `none` until a bank has been linked and a key made.
 */
export type KeySource = 'env' | 'keychain' | 'file' | 'none';

export interface KeyStore {
  /** Which source answers on this machine, without creating a key. */
  source(): Promise<KeySource>;
}

/** The key store before any key exists: reports `none`. */
export const noKeyStore: KeyStore = {
  source: async () => 'none',
};
