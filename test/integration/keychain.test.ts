import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Random } from '../../src/core/random';
import { createKeyStore, KEYCHAIN_SERVICE, keychainAccount } from '../../src/security/key-store';
import { napiKeyringBackend } from '../../src/security/keyring-backend';
import { openDatabase } from '../../src/storage/open-database';
import { freshHome, runCli } from '../helpers/cli';
import { keychainUnavailableReason } from '../helpers/keychain';

/**
 * The real OS keychain through @napi-rs/keyring. Machines without one (a container with
 * no Secret Service) skip this test; CI sets FINAGG_REQUIRE_KEYCHAIN=1 and provides one
 * (.ci/run), so there a missing keychain fails instead of passing quietly.
 */
const REQUIRED = process.env.FINAGG_REQUIRE_KEYCHAIN === '1';
const random: Random = { bytes: (n) => new Uint8Array(crypto.randomBytes(n)) };

describe('the OS keychain (real @napi-rs/keyring)', () => {
  it('keeps the data key of a data dir, readable by a new key store, until deleted', async (ctx) => {
    const unavailable = await keychainUnavailableReason();
    if (unavailable !== undefined) {
      const reason = `no OS keychain answers here (${unavailable})`;
      if (REQUIRED) throw new Error(`FINAGG_REQUIRE_KEYCHAIN=1, but ${reason}`);
      console.warn(`skipped the real keychain test: ${reason}; set FINAGG_REQUIRE_KEYCHAIN=1 to fail instead`);
      ctx.skip(reason);
    }

    const home = freshHome();
    const backend = napiKeyringBackend();
    const account = keychainAccount(home);
    const notices: string[] = [];
    const make = () => createKeyStore({ home, env: {}, random, notice: (m) => notices.push(m) });
    try {
      const key = await make().getOrCreateKey();
      expect(key.length).toBe(32);
      expect(await backend.get(KEYCHAIN_SERVICE, account)).toBe(key.toString('base64'));
      expect(fs.existsSync(path.join(home, 'key'))).toBe(false);
      expect(notices).toEqual([]);

      const fresh = make();
      expect(await fresh.source()).toBe('keychain');
      expect((await fresh.getKey())?.equals(key)).toBe(true);
    } finally {
      await backend.delete(KEYCHAIN_SERVICE, account);
    }
    expect(await backend.get(KEYCHAIN_SERVICE, account)).toBeUndefined();
    expect(await make().source()).toBe('none');
  });

  it('holds only the data key after a session with a bank: link, sync and unlink leave no token there', async (ctx) => {
    const unavailable = await keychainUnavailableReason();
    if (unavailable !== undefined) {
      const reason = `no OS keychain answers here (${unavailable})`;
      if (REQUIRED) throw new Error(`FINAGG_REQUIRE_KEYCHAIN=1, but ${reason}`);
      ctx.skip(reason);
    }
    const home = freshHome();
    const env = {
      FINAGG_HOME: home,
      FINAGG_KEYSTORE: 'keychain',
      FINAGG_NOW: '2026-11-23T12:00:00Z',
      FINAGG_SIM_HISTORY_DAYS: '10',
    };
    const backend = napiKeyringBackend();
    const account = keychainAccount(home);
    try {
      expect((await runCli(['link', 'banka', '--yes'], env)).code).toBe(0);
      expect((await runCli(['unlink', 'banka'], env)).code).toBe(0);
      // The one entry finagg writes for this data dir is the 32-byte key, nothing else.
      const stored = await backend.get(KEYCHAIN_SERVICE, account);
      expect(stored).toMatch(/^[A-Za-z0-9+/]{43}=$/);
      expect(Buffer.from(stored!, 'base64')).toHaveLength(32);
      expect(fs.existsSync(path.join(home, 'key'))).toBe(false);
      const { sqlite } = openDatabase(home, { nowIso: env.FINAGG_NOW });
      expect(sqlite.prepare('SELECT count(*) AS n FROM connections WHERE token_sealed IS NOT NULL').get()).toEqual({ n: 0 });
      sqlite.close();
    } finally {
      await backend.delete(KEYCHAIN_SERVICE, account);
    }
  });
});
