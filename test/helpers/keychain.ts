import crypto from 'node:crypto';
import { KEYCHAIN_SERVICE } from '../../src/security/key-store';
import { napiKeyringBackend } from '../../src/security/keyring-backend';

/** Why no OS keychain answers here, or undefined when one stores and returns a password. */
export async function keychainUnavailableReason(): Promise<string | undefined> {
  const backend = napiKeyringBackend();
  const account = `finagg-test-probe:${crypto.randomUUID()}`;
  try {
    await backend.set(KEYCHAIN_SERVICE, account, 'probe');
    const back = await backend.get(KEYCHAIN_SERVICE, account);
    await backend.delete(KEYCHAIN_SERVICE, account);
    return back === 'probe' ? undefined : 'the keychain did not return what was stored';
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}
