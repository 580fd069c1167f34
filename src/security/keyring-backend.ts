/**
 * The slice of an OS keychain the key store uses. Every method throws when no keychain
 * answers (no Secret Service, a locked keychain that cannot prompt, no native module).
 */
export interface KeyringBackend {
  /** The stored password, or undefined when the keychain answers but has no entry. */
  get(service: string, account: string): Promise<string | undefined>;
  set(service: string, account: string, password: string): Promise<void>;
  /** True when an entry was deleted, false when there was none. */
  delete(service: string, account: string): Promise<boolean>;
}

type NapiKeyring = typeof import('@napi-rs/keyring');

/**
 * @napi-rs/keyring, loaded on first use so commands that need no key never load the
 * native module. The async entry keeps a slow D-Bus round trip off the event loop.
 */
export function napiKeyringBackend(): KeyringBackend {
  let loaded: Promise<NapiKeyring> | undefined;
  const entry = async (service: string, account: string) => {
    loaded ??= import('@napi-rs/keyring');
    const { AsyncEntry } = await loaded;
    // On Linux the library's default falls back to the kernel keyring (keyutils), which
    // is gone after a reboot: a data key kept there would orphan every sealed token. So
    // only the Secret Service counts as a keychain; without one we use the key file.
    return new AsyncEntry(service, account, { linux: { store: 'secret-service' } });
  };
  return {
    async get(service, account) {
      return (await (await entry(service, account)).getPassword()) ?? undefined;
    },
    async set(service, account, password) {
      await (await entry(service, account)).setPassword(password);
    },
    async delete(service, account) {
      return (await entry(service, account)).deletePassword();
    },
  };
}
