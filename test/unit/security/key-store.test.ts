import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../../src/core/errors';
import type { Random } from '../../../src/core/random';
import {
  createKeyStore,
  KEYCHAIN_SERVICE,
  keychainAccount,
  type KeyringBackend,
  type KeyStore,
} from '../../../src/security/key-store';
import { freshHome } from '../../helpers/cli';

const random: Random = { bytes: (n) => new Uint8Array(crypto.randomBytes(n)) };

/**
 * An in-memory keychain. `unavailable`: every call throws (no Secret Service). `readOnly`:
 * reads answer empty but writes throw, as a locked gnome-keyring does when it cannot prompt.
 */
class FakeKeyring implements KeyringBackend {
  readonly entries = new Map<string, string>();
  calls = 0;
  constructor(public mode: 'ok' | 'unavailable' | 'readOnly' = 'ok') {}
  private check(write: boolean) {
    this.calls++;
    if (this.mode === 'unavailable' || (write && this.mode === 'readOnly')) throw new Error('no keychain');
  }
  async get(service: string, account: string) {
    this.check(false);
    return this.entries.get(`${service}/${account}`);
  }
  async set(service: string, account: string, password: string) {
    this.check(true);
    this.entries.set(`${service}/${account}`, password);
  }
  async delete(service: string, account: string) {
    this.check(true);
    return this.entries.delete(`${service}/${account}`);
  }
}

function setup(env: NodeJS.ProcessEnv = {}, keyring = new FakeKeyring(), home = freshHome()) {
  const notices: string[] = [];
  const make = (moreEnv: NodeJS.ProcessEnv = {}): KeyStore =>
    createKeyStore({ home, env: { ...env, ...moreEnv }, random, notice: (m) => notices.push(m), keyring });
  return { home, keyring, notices, store: make(), make, keyFile: path.join(home, 'key') };
}

const MASTER = crypto.randomBytes(32);
const MASTER_B64 = MASTER.toString('base64');

async function rejection(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected a rejection');
}

describe('key store order', () => {
  it('reports none before any key exists, and source() creates nothing', async () => {
    const { store, home, keyring } = setup();
    expect(await store.source()).toBe('none');
    expect(await store.getKey()).toBeUndefined();
    expect(keyring.entries.size).toBe(0);
    expect(fs.existsSync(home)).toBe(false);
  });

  it('uses FINAGG_MASTER_KEY over the keychain and the file, and stores nothing', async () => {
    const { make, keyring, keyFile, home } = setup();
    await make({ FINAGG_KEYSTORE: 'file' }).getOrCreateKey();
    keyring.entries.set(`${KEYCHAIN_SERVICE}/${keychainAccount(home)}`, crypto.randomBytes(32).toString('base64'));
    expect(fs.existsSync(keyFile)).toBe(true);
    const store = make({ FINAGG_MASTER_KEY: MASTER_B64 });
    expect(await store.source()).toBe('env');
    expect((await store.getOrCreateKey()).equals(MASTER)).toBe(true);
    expect((await store.getKey())?.equals(MASTER)).toBe(true);
    expect(fs.readdirSync(home)).toEqual(['key']);
    expect(keyring.calls).toBe(0);
  });

  it('creates the key in the keychain when one answers, one entry per data dir', async () => {
    const { store, make, keyring, keyFile, notices, home } = setup();
    const key = await store.getOrCreateKey();
    expect(key.length).toBe(32);
    expect(await store.source()).toBe('keychain');
    expect(keyring.entries.get(`${KEYCHAIN_SERVICE}/${keychainAccount(home)}`)).toBe(key.toString('base64'));
    expect(keychainAccount(home)).toBe(`data-key:${path.resolve(home)}`);
    expect(fs.existsSync(keyFile)).toBe(false);
    expect(notices).toEqual([]);
    const again = make();
    expect((await again.getKey())?.equals(key)).toBe(true);
    expect((await again.getOrCreateKey()).equals(key)).toBe(true);

    const other = setup({}, keyring);
    const otherKey = await other.store.getOrCreateKey();
    expect(otherKey.equals(key)).toBe(false);
    expect(keyring.entries.size).toBe(2);
  });

  it('prefers the keychain over the file when both hold a key', async () => {
    const { make, keyring, home } = setup();
    await make({ FINAGG_KEYSTORE: 'file' }).getOrCreateKey();
    const inKeychain = crypto.randomBytes(32);
    keyring.entries.set(`${KEYCHAIN_SERVICE}/${keychainAccount(home)}`, inKeychain.toString('base64'));
    const store = make();
    expect(await store.source()).toBe('keychain');
    expect((await store.getOrCreateKey()).equals(inKeychain)).toBe(true);
  });

  it('creates the key file 0600 whatever the umask', async () => {
    const previous = process.umask(0);
    try {
      const { store, keyFile } = setup({}, new FakeKeyring('unavailable'));
      await store.getOrCreateKey();
      expect(fs.statSync(keyFile).mode & 0o777).toBe(0o600);
      expect(fs.readdirSync(path.dirname(keyFile))).toEqual(['key']); // no temp file left
    } finally {
      process.umask(previous);
    }
  });

  it('uses the key file only when no keychain answers, and announces it once', async () => {
    const { store, make, keyFile, notices } = setup({}, new FakeKeyring('unavailable'));
    expect(await store.source()).toBe('none');
    const key = await store.getOrCreateKey();
    expect(await store.source()).toBe('file');
    expect(notices).toEqual([`no OS keychain answered; the data key is kept in ${keyFile} (0600)`]);
    expect(fs.statSync(keyFile).mode & 0o777).toBe(0o600);
    expect(fs.readFileSync(keyFile, 'utf8')).toBe(`${key.toString('base64')}\n`);

    const second = make();
    expect(await second.source()).toBe('file');
    expect((await second.getOrCreateKey()).equals(key)).toBe(true);
    expect(notices).toHaveLength(1);
  });

  it('falls back to the file when the keychain answers reads but refuses writes', async () => {
    const { store, keyring, keyFile, notices } = setup({}, new FakeKeyring('readOnly'));
    const key = await store.getOrCreateKey();
    expect(await store.source()).toBe('file');
    expect(fs.readFileSync(keyFile, 'utf8').trim()).toBe(key.toString('base64'));
    expect(keyring.entries.size).toBe(0);
    expect(notices).toHaveLength(1);
  });

  it('keeps the key file when a keychain later answers empty, never making a second key', async () => {
    const keyring = new FakeKeyring('unavailable');
    const { store, make, keyFile } = setup({}, keyring);
    const key = await store.getOrCreateKey();
    keyring.mode = 'ok';
    const later = make();
    expect(await later.source()).toBe('file');
    expect((await later.getOrCreateKey()).equals(key)).toBe(true);
    expect(keyring.entries.size).toBe(0);
    expect(fs.readFileSync(keyFile, 'utf8').trim()).toBe(key.toString('base64'));
  });

  it('refuses to make a file key when the keychain holding the key is locked today', async () => {
    const keyring = new FakeKeyring();
    const { store, make, keyFile } = setup({}, keyring);
    const key = await store.getOrCreateKey();
    keyring.mode = 'unavailable';
    const locked = make();
    expect(await locked.source()).toBe('keychain');
    const error = await rejection(locked.getOrCreateKey());
    expect(error.code).toBe('security');
    expect(error.message).not.toContain(key.toString('base64'));
    expect(fs.existsSync(keyFile)).toBe(false);
    keyring.mode = 'ok';
    expect((await make().getOrCreateKey()).equals(key)).toBe(true);
  });

  it('reports a damaged key file without quoting it', async () => {
    const { store, make, keyFile } = setup({}, new FakeKeyring('unavailable'));
    await store.getOrCreateKey();
    fs.writeFileSync(keyFile, 'AAAAsecretish');
    const error = await rejection(make().getKey());
    expect(error.code).toBe('security');
    expect(`${error.message} ${error.hint}`).not.toContain('AAAAsecretish');
  });
});

describe('FINAGG_KEYSTORE', () => {
  it('env: uses FINAGG_MASTER_KEY, and fails without it', async () => {
    const { make } = setup({ FINAGG_KEYSTORE: 'env' });
    expect((await make({ FINAGG_MASTER_KEY: MASTER_B64 }).getOrCreateKey()).equals(MASTER)).toBe(true);
    for (const call of [make().source(), make().getKey(), make().getOrCreateKey()]) {
      expect((await rejection(call)).code).toBe('invalid_input');
    }
  });

  it('keychain: uses the keychain even with FINAGG_MASTER_KEY set', async () => {
    const { store, keyring, keyFile } = setup({ FINAGG_KEYSTORE: 'keychain', FINAGG_MASTER_KEY: MASTER_B64 });
    const key = await store.getOrCreateKey();
    expect(key.equals(MASTER)).toBe(false);
    expect(await store.source()).toBe('keychain');
    expect(keyring.entries.size).toBe(1);
    expect(fs.existsSync(keyFile)).toBe(false);
  });

  it('keychain: fails when no keychain answers, instead of using the file', async () => {
    const { store, keyFile, notices } = setup({ FINAGG_KEYSTORE: 'keychain' }, new FakeKeyring('unavailable'));
    expect(await store.source()).toBe('none');
    const error = await rejection(store.getOrCreateKey());
    expect(error.code).toBe('security');
    expect(error.hint).toBeTruthy();
    expect(fs.existsSync(keyFile)).toBe(false);
    expect(notices).toEqual([]);
  });

  it('file: uses the file without asking the keychain, and announces nothing', async () => {
    const { store, keyring, keyFile, notices } = setup({ FINAGG_KEYSTORE: 'file' });
    const key = await store.getOrCreateKey();
    expect(await store.source()).toBe('file');
    expect(fs.readFileSync(keyFile, 'utf8').trim()).toBe(key.toString('base64'));
    expect(fs.statSync(keyFile).mode & 0o777).toBe(0o600);
    expect(keyring.calls).toBe(0);
    expect(notices).toEqual([]);
  });

  it('refuses to force a second key when the other store holds this data dir’s key', async () => {
    const { make } = setup();
    await make({ FINAGG_KEYSTORE: 'keychain' }).getOrCreateKey();
    expect((await rejection(make({ FINAGG_KEYSTORE: 'file' }).getOrCreateKey())).code).toBe('conflict');

    const other = setup();
    await other.make({ FINAGG_KEYSTORE: 'file' }).getOrCreateKey();
    expect((await rejection(other.make({ FINAGG_KEYSTORE: 'keychain' }).getOrCreateKey())).code).toBe('conflict');
    expect(other.keyring.entries.size).toBe(0);
  });

  it('rejects an unknown value', async () => {
    const { store } = setup({ FINAGG_KEYSTORE: 'vault' });
    expect((await rejection(store.source())).code).toBe('invalid_input');
    expect((await rejection(store.getOrCreateKey())).code).toBe('invalid_input');
  });
});

describe('FINAGG_MASTER_KEY', () => {
  it.each([
    ['not base64', 'this is not base64 at all!!'],
    ['16 bytes', crypto.randomBytes(16).toString('base64')],
    ['31 bytes', crypto.randomBytes(31).toString('base64')],
    ['33 bytes', crypto.randomBytes(33).toString('base64')],
    ['hex of 32 bytes', crypto.randomBytes(32).toString('hex')],
    ['base64 with junk', `${MASTER_B64}x`],
  ])('rejects %s without echoing it', async (_what, value) => {
    const { store, keyring, home } = setup({ FINAGG_MASTER_KEY: value });
    const error = await rejection(store.getOrCreateKey());
    expect(error.code).toBe('invalid_input');
    expect(error.message).toBe('invalid FINAGG_MASTER_KEY: must be base64 of 32 bytes');
    expect(`${error.message} ${error.hint}`).not.toContain(value);
    expect(keyring.entries.size).toBe(0);
    expect(fs.existsSync(home)).toBe(false);
  });

  it('accepts base64 of 32 bytes with or without padding and a trailing newline', async () => {
    for (const value of [MASTER_B64, MASTER_B64.replace(/=$/, ''), `${MASTER_B64}\n`]) {
      const { store } = setup({ FINAGG_MASTER_KEY: value });
      expect((await store.getOrCreateKey()).equals(MASTER)).toBe(true);
    }
  });

  it('treats an empty value as unset', async () => {
    const { store } = setup({ FINAGG_MASTER_KEY: '' });
    expect(await store.source()).toBe('none');
  });
});
