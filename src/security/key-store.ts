import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../core/errors';
import type { Random } from '../core/random';
import { createKeyFile, DATA_KEY_BYTES, decodeKey, encodeKey, keyFileExists, keyFilePath, readKeyFile } from './key-file';
import { type KeyringBackend, napiKeyringBackend } from './keyring-backend';

export type { KeyringBackend } from './keyring-backend';

/**
 * Where the 32-byte data key lives. DESIGN.md, Secrets: `FINAGG_MASTER_KEY` (env), the
 * OS keychain, or a 0600 key file; `none` until a bank has been linked and a key made.
 */
export type KeySource = 'env' | 'keychain' | 'file' | 'none';

export interface KeyStore {
  /** Which source holds the key now, without creating one: 'none' when no key exists yet. */
  source(): Promise<KeySource>;
  /** The key if one exists (undefined otherwise); never creates. */
  getKey(): Promise<Buffer | undefined>;
  /** The key, creating and storing one in the first source that works when none exists. */
  getOrCreateKey(): Promise<Buffer>;
  /**
   * Keeps `key` as this data dir's key where a new one would go (a restore on a new
   * machine brings the key its tokens are sealed with). The same key already there is
   * fine; another one is a conflict, since tokens sealed with it would be orphaned.
   */
  adoptKey(key: Buffer): Promise<Exclude<KeySource, 'none'>>;
}

export interface KeyStoreOptions {
  home: string;
  env: NodeJS.ProcessEnv;
  random: Random;
  /** Told once, when the key file is first created because no keychain answered. */
  notice: (message: string) => void;
  keyring?: KeyringBackend;
}

export const KEYCHAIN_SERVICE = 'finagg';
/** One keychain entry per data dir, so two data dirs never share (or overwrite) a key. */
export const keychainAccount = (home: string): string => `data-key:${path.resolve(home)}`;
/**
 * A non-secret note in the data dir that the key was stored in the keychain. Without it,
 * a keychain that is merely locked today (an SSH session, no desktop login) looks like
 * "no key anywhere", and we would make a second key in the file and orphan every token.
 */
const keychainMarkerPath = (home: string): string => path.join(home, 'key-in-keychain');

type Mode = 'auto' | 'env' | 'keychain' | 'file';
type Probe = { state: 'unavailable' } | { state: 'empty' } | { state: 'present'; text: string };
type Located =
  { source: 'env' | 'keychain' | 'file'; key: () => Buffer } | { source: 'none'; mode: Mode; keychain: Probe | undefined };

export function createKeyStore(options: KeyStoreOptions): KeyStore {
  const { home, env, random, notice } = options;
  const keyring = options.keyring ?? napiKeyringBackend();
  const account = keychainAccount(home);
  // The key never changes within a process; asking the keychain once is enough.
  let found: { source: Exclude<KeySource, 'none'>; key: Buffer } | undefined;

  const probeKeychain = async (): Promise<Probe> => {
    try {
      const text = await keyring.get(KEYCHAIN_SERVICE, account);
      return text === undefined ? { state: 'empty' } : { state: 'present', text };
    } catch {
      // No Secret Service, no session bus, or the native module did not load: no keychain.
      return { state: 'unavailable' };
    }
  };

  /**
   * Finds the existing key, without creating one. In auto mode the order is env, keychain,
   * file, and a key found in a later source is kept even when an earlier source answers
   * and is empty (a keychain installed after the key file was made): making a new key
   * there would orphan every token sealed with the old one.
   */
  const locate = async (): Promise<Located> => {
    const mode = readMode(env);
    const fromEnv = readEnvKey(env);
    if (mode === 'env' || (mode === 'auto' && fromEnv)) {
      if (!fromEnv) throw new AppError('invalid_input', 'FINAGG_KEYSTORE=env needs FINAGG_MASTER_KEY', GENERATE_HINT);
      return { source: 'env', key: () => fromEnv };
    }
    let keychain: Probe | undefined;
    // Forced `file` never touches the keychain (on some systems that means a prompt).
    if (mode !== 'file') {
      const probe = await probeKeychain();
      keychain = probe;
      if (probe.state === 'present') return { source: 'keychain', key: () => decodeKeychainKey(probe.text) };
      if (probe.state === 'unavailable' && fs.existsSync(keychainMarkerPath(home))) {
        return { source: 'keychain', key: () => throwKeychainUnreachable() };
      }
      if (mode === 'keychain') return { source: 'none', mode, keychain };
    }
    if (keyFileExists(home)) return { source: 'file', key: () => readKeyFile(home) };
    return { source: 'none', mode, keychain };
  };

  /** The existing key, if any; remembered once read. Throws when it exists but cannot be read. */
  const find = async (): Promise<Located> => {
    if (found) {
      const { source, key } = found;
      return { source, key: () => key };
    }
    const located = await locate();
    if (located.source === 'none') return located;
    found = { source: located.source, key: located.key() };
    return located;
  };

  /** Stores a new key in the keychain; undefined when it does not take it. */
  const storeInKeychain = async (key: Buffer): Promise<Buffer | undefined> => {
    try {
      await keyring.set(KEYCHAIN_SERVICE, account, encodeKey(key));
    } catch {
      return undefined; // e.g. a locked keychain that answers reads (empty) but cannot prompt
    }
    // Read back: a process racing us may have written its own key (then we use that one),
    // and an entry we cannot read back must not stay behind to shadow the key file later.
    const probe = await probeKeychain();
    const back = probe.state === 'present' ? decodeKey(probe.text) : undefined;
    if (!back) {
      try {
        await keyring.delete(KEYCHAIN_SERVICE, account);
      } catch {
        // Nothing more to do: the keychain stopped answering between two calls.
      }
      return undefined;
    }
    fs.mkdirSync(home, { recursive: true, mode: 0o700 });
    fs.writeFileSync(keychainMarkerPath(home), markerText(account), { mode: 0o600 });
    return back;
  };

  const storeInFile = (key: Buffer, announce: boolean): Buffer => {
    const result = createKeyFile(home, key, Buffer.from(random.bytes(6)).toString('hex'));
    // A marker left by a keychain entry someone deleted would later send us looking there.
    fs.rmSync(keychainMarkerPath(home), { force: true });
    if (result.created && announce) {
      notice(`no OS keychain answered; the data key is kept in ${keyFilePath(home)} (0600)`);
    }
    return result.key;
  };

  const create = async (
    mode: Mode,
    keychain: Probe | undefined,
    key = Buffer.from(random.bytes(DATA_KEY_BYTES)),
  ): Promise<NonNullable<typeof found>> => {
    if (key.length !== DATA_KEY_BYTES) throw new AppError('internal', 'random source returned a short key');
    if (mode === 'keychain') {
      if (keyFileExists(home)) throw keptElsewhere('file', 'keychain');
      const stored = keychain?.state === 'empty' ? await storeInKeychain(key) : undefined;
      if (!stored) throw noKeychain();
      return { source: 'keychain', key: stored };
    }
    if (mode === 'file') {
      if (fs.existsSync(keychainMarkerPath(home))) throw keptElsewhere('keychain', 'file');
      return { source: 'file', key: storeInFile(key, false) };
    }
    const stored = keychain?.state === 'empty' ? await storeInKeychain(key) : undefined;
    if (stored) return { source: 'keychain', key: stored };
    return { source: 'file', key: storeInFile(key, true) };
  };

  return {
    async source() {
      // Only where the key is: a locked keychain or a damaged file is doctor's to report.
      return found ? found.source : (await locate()).source;
    },
    async getKey() {
      const located = await find();
      return located.source === 'none' ? undefined : located.key();
    },
    async getOrCreateKey() {
      const located = await find();
      if (located.source !== 'none') return located.key();
      found = await create(located.mode, located.keychain);
      return found.key;
    },
    async adoptKey(key) {
      if (key.length !== DATA_KEY_BYTES) throw new AppError('invalid_input', 'a data key is 32 bytes');
      const located = await find();
      if (located.source === 'none') {
        found = await create(located.mode, located.keychain, Buffer.from(key));
      } else if (!located.key().equals(key)) {
        throw new AppError(
          'conflict',
          `this data dir already has another data key (in the ${located.source === 'env' ? 'FINAGG_MASTER_KEY setting' : located.source})`,
          'restore into a new data dir (FINAGG_HOME), or move this one aside first',
        );
      }
      return (found ?? { source: located.source as Exclude<KeySource, 'none'> }).source;
    },
  };
}

const GENERATE_HINT = 'make one with: openssl rand -base64 32';
const MODES: readonly Mode[] = ['env', 'keychain', 'file'];

function readMode(env: NodeJS.ProcessEnv): Mode {
  const value = env.FINAGG_KEYSTORE;
  if (value === undefined || value === '') return 'auto';
  const mode = MODES.find((m) => m === value);
  if (!mode) throw new AppError('invalid_input', 'invalid FINAGG_KEYSTORE: must be env, keychain or file');
  return mode;
}

/** The key from FINAGG_MASTER_KEY; the value is never echoed, even when it is wrong. */
function readEnvKey(env: NodeJS.ProcessEnv): Buffer | undefined {
  const value = env.FINAGG_MASTER_KEY;
  if (value === undefined || value === '') return undefined;
  const key = decodeKey(value);
  if (!key) throw new AppError('invalid_input', 'invalid FINAGG_MASTER_KEY: must be base64 of 32 bytes', GENERATE_HINT);
  return key;
}

function decodeKeychainKey(text: string): Buffer {
  const key = decodeKey(text);
  if (!key) throw new AppError('security', 'the data key in the OS keychain is damaged', 'relink your banks');
  return key;
}

function throwKeychainUnreachable(): never {
  throw new AppError(
    'security',
    'the data key is in the OS keychain, which does not answer',
    'unlock the keychain (log in to a desktop session, or start gnome-keyring-daemon --unlock) and run again',
  );
}

function noKeychain(): AppError {
  return new AppError(
    'security',
    'FINAGG_KEYSTORE=keychain, but no OS keychain answered',
    'unlock or start the keychain (a Secret Service such as gnome-keyring on Linux), or unset FINAGG_KEYSTORE',
  );
}

function keptElsewhere(where: 'keychain' | 'file', forced: 'keychain' | 'file'): AppError {
  return new AppError(
    'conflict',
    `FINAGG_KEYSTORE=${forced}, but the data key of this data dir is kept in the ${where}`,
    `unset FINAGG_KEYSTORE (a second key would leave the stored bank tokens unreadable)`,
  );
}

function markerText(account: string): string {
  return `The data key of this data dir is in the OS keychain (service ${KEYCHAIN_SERVICE}, account ${account}).\n`;
}
