import type { OAuthCodeLink } from '../../src/providers/link-method';
import type { BankProvider } from '../../src/providers/provider';
import fs from 'node:fs';
import os from 'node:os';
import { type SimpleFinServer, startSimpleFinServer } from '../../src/devtools/simplefin-server';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { accessTokenFor, openTokenSet } from '../../src/app/tokens';
import { openDatabase } from '../../src/storage/open-database';
import { freshHome, runCli, spawnCliAsync } from '../helpers/cli';
import { cliContext } from '../helpers/context';

const NOW = Date.parse('2026-11-23T12:00:00Z');

/** Every file under the data dir, recursively, as bytes. */
function allFiles(dir: string): { file: string; bytes: Buffer }[] {
  return fs.readdirSync(dir, { withFileTypes: true, recursive: true }).flatMap((entry) => {
    const file = path.join(entry.parentPath, entry.name);
    return entry.isFile() ? [{ file, bytes: fs.readFileSync(file) }] : [];
  });
}

/** The OAuth link of a simulated bank (its authorization server). */
function oauth(provider: BankProvider): OAuthCodeLink {
  if (provider.link.method !== 'oauth_code') throw new Error(`${provider.id} is not an OAuth bank`);
  return provider.link;
}

async function storedTokens(home: string, env: Record<string, string>): Promise<string[]> {
  const ctx = cliContext(home, env);
  const ids = (await ctx.db
    .selectFrom('connections')
    .select(['id', 'provider'])
    .where('token_sealed', 'is not', null)
    .execute()) as {
    id: number;
    provider: string;
  }[];
  const tokens: string[] = [];
  for (const { id, provider } of ids) {
    const set = await openTokenSet(ctx, id, provider);
    if (set) tokens.push(set.access_token, set.refresh_token);
  }
  await ctx.close();
  return tokens;
}

describe('bank tokens never leave the vault', () => {
  it('appear in no file, log or output after link, refresh and unlink', async () => {
    const home = freshHome();
    const env = { FINAGG_HOME: home, FINAGG_NOW: new Date(NOW).toISOString(), FINAGG_KEYSTORE: 'file', FINAGG_DEBUG: '1' };
    const outputs: string[] = [];
    const cli = async (...argv: string[]) => {
      const r = await runCli(argv, env);
      outputs.push(r.stdout, r.stderr);
      return r;
    };
    for (const bank of ['banka', 'bankb', 'bankc'])
      expect((await cli('link', bank, '--yes', '--no-sync', '--json')).code).toBe(0);
    // A reader kept open holds the WAL and its index on disk, so they are scanned too.
    const reader = new Database(path.join(home, 'finagg.db'), { readonly: true });
    reader.prepare('SELECT count(*) FROM connections').get();
    await cli('accounts', '--json');
    await cli('connections');
    await cli('doctor', '--json');
    const issued = await storedTokens(home, env);
    expect(issued).toHaveLength(6);

    // Two hours on, the access tokens have expired: each connection refreshes, rotating
    // its refresh token.
    const later = { ...env, FINAGG_NOW: new Date(NOW + 2 * 3600_000).toISOString() };
    const ctx = cliContext(home, later);
    for (const [id, bank] of [
      [1, 'banka'],
      [2, 'bankb'],
      [3, 'bankc'],
    ] as const) {
      const fresh = await accessTokenFor(ctx, id, ctx.providers.get(bank)!);
      expect(issued).not.toContain(fresh);
      await expect(oauth(ctx.providers.get(bank)!).authorization.verifyAccessToken(fresh)).resolves.toBeDefined();
    }
    await ctx.close();
    const rotated = await storedTokens(home, later);
    const tokens = [...issued, ...rotated];
    expect(new Set(tokens).size).toBe(12);

    // A sync, a backup and an export: every file and output they make is scanned.
    expect((await cli('sync')).code).toBe(0);
    expect((await cli('backup')).code).toBe(0);
    expect((await cli('export', '--format', 'json')).code).toBe(0);
    // A failure with FINAGG_DEBUG=1 (stack traces on) must not leak either.
    outputs.push((await runCli(['tx', '--limit', 'x'], later)).stderr);
    for (const bank of ['banka', 'bankb', 'bankc']) expect((await runCli(['unlink', bank], later)).code).toBe(0);

    const key = fs.readFileSync(path.join(home, 'key'), 'utf8').trim();
    const secrets = [...tokens, key, Buffer.from(key, 'base64').toString('hex')];
    const files = allFiles(home);
    reader.close();
    expect(files.map((f) => path.relative(home, f.file))).toEqual(
      expect.arrayContaining(['finagg.db', 'finagg.db-wal', 'finagg.db-shm', 'key', path.join('logs', 'finagg.log')]),
    );
    expect(files.some((f) => f.file.startsWith(path.join(home, 'backups')))).toBe(true);
    // Modes: the data dir and every dir in it 0700; the database, its WAL and index, the
    // key, the logs and the backups 0600. (sim/ is the simulated banks' side.)
    const mode = (p: string) => fs.statSync(p).mode & 0o777;
    expect(mode(home)).toBe(0o700);
    for (const dir of ['logs', 'backups']) expect([dir, mode(path.join(home, dir))]).toEqual([dir, 0o700]);
    for (const { file } of files.filter((f) => !f.file.startsWith(path.join(home, 'sim'))))
      expect([path.relative(home, file), mode(file)]).toEqual([path.relative(home, file), 0o600]);
    for (const { file, bytes } of files) {
      for (const secret of secrets) {
        if (file.endsWith(`${path.sep}key`) && secret === key) continue; // the key file holds the key
        expect(bytes.includes(secret), `${secret.slice(0, 10)}… found in ${file}`).toBe(false);
      }
    }
    for (const text of outputs) for (const secret of secrets) expect(text.includes(secret)).toBe(false);

    // Unlink deleted every stored token, and the bank no longer honours them.
    const { sqlite } = openDatabase(home, { nowIso: later.FINAGG_NOW });
    expect(sqlite.prepare('SELECT count(*) AS n FROM connections WHERE token_sealed IS NOT NULL').get()).toEqual({ n: 0 });
    sqlite.close();
    const after = cliContext(home, later);
    for (const [i, bank] of ['banka', 'bankb', 'bankc'].entries()) {
      const access = rotated[i * 2]!;
      await expect(oauth(after.providers.get(bank)!).authorization.verifyAccessToken(access)).rejects.toMatchObject({
        kind: 'login_required',
      });
    }
    await after.close();
  });

  it('a sealed token copied to another connection does not open there', async () => {
    const home = freshHome();
    const env = { FINAGG_HOME: home, FINAGG_NOW: new Date(NOW).toISOString(), FINAGG_KEYSTORE: 'file' };
    await runCli(['link', 'banka', '--yes', '--no-sync'], env);
    await runCli(['link', 'bankb', '--yes', '--no-sync'], env);
    const { sqlite } = openDatabase(home, { nowIso: env.FINAGG_NOW });
    sqlite
      .prepare('UPDATE connections SET token_sealed = (SELECT token_sealed FROM connections WHERE id = 1) WHERE id = 2')
      .run();
    sqlite.close();
    const ctx = cliContext(home, env);
    await expect(openTokenSet(ctx, 1, 'banka')).resolves.toBeDefined();
    await expect(openTokenSet(ctx, 2, 'bankb')).rejects.toMatchObject({
      code: 'security',
      hint: 'relink the bank: finagg link bankb',
    });
    await ctx.close();
  });
});

describe('the SimpleFIN access URL never leaves the vault', () => {
  let server: SimpleFinServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  it('appears in no file, log, backup, export or output, nor its password, nor the setup token', async () => {
    server = await startSimpleFinServer({ dir: fs.mkdtempSync(path.join(os.tmpdir(), 'finagg-sfin-')), now: () => NOW });
    const home = freshHome();
    const env = {
      FINAGG_HOME: home,
      FINAGG_NOW: new Date(NOW).toISOString(),
      FINAGG_KEYSTORE: 'file',
      FINAGG_DEBUG: '1',
      NODE_EXTRA_CA_CERTS: server.caPath,
      FINAGG_SIMPLEFIN_TIMEOUT_MS: '1000',
    };
    const outputs: string[] = [];
    const cli = async (argv: string[], stdin = '') => {
      const r = await spawnCliAsync(argv, env, stdin);
      outputs.push(r.stdout, r.stderr);
      return r;
    };
    const setupToken = server.newSetupToken();
    expect((await cli(['link', 'simplefin', '--token-stdin', '--json'], setupToken)).code).toBe(0);
    const reader = new Database(path.join(home, 'finagg.db'), { readonly: true });
    reader.prepare('SELECT count(*) FROM connections').get();
    // The access URL as sealed, read through the vault as the sync does.
    const ctx = cliContext(home, env);
    const accessUrl = await accessTokenFor(ctx, 1, ctx.providers.get('simplefin')!);
    await ctx.close();
    const { username, password } = new URL(accessUrl);
    expect(password.length).toBeGreaterThanOrEqual(24);

    expect((await cli(['sync'])).code).toBe(0);
    expect((await cli(['connections'])).code).toBe(0);
    expect((await cli(['sync-log', '--json'])).code).toBe(0);
    expect((await cli(['backup'])).code).toBe(0);
    expect((await cli(['export', '--format', 'json'])).code).toBe(0);
    // Failures with stack traces on: a timeout, a refused access, a reused token.
    server.setSlow(2000);
    expect((await cli(['sync'])).code).toBe(1);
    server.setSlow(0);
    server.revokeAll();
    expect((await cli(['sync', '--json'])).code).toBe(1);
    expect((await cli(['doctor'])).code).toBe(0);
    expect((await cli(['unlink', 'simplefin'])).code).toBe(0);
    expect((await cli(['link', 'simplefin', '--token-stdin'], setupToken)).code).toBe(1);

    const secrets = [
      accessUrl,
      password,
      `${username}:${password}`,
      setupToken,
      Buffer.from(`${username}:${password}`).toString('base64'),
    ];
    const files = allFiles(home);
    reader.close();
    expect(files.some((f) => f.file.startsWith(path.join(home, 'backups')))).toBe(true);
    expect(files.some((f) => f.file.endsWith('finagg.db-wal'))).toBe(true);
    for (const { file, bytes } of files)
      for (const secret of secrets) expect(bytes.includes(secret), `a secret found in ${file}`).toBe(false);
    for (const text of outputs)
      for (const secret of secrets) expect(text.includes(secret), `a secret in: ${text.slice(0, 200)}`).toBe(false);
    // The server saw the credentials only in the Authorization header, never in a URL.
    expect(server.requests().every((r) => !r.query.includes(password) && !r.path.includes(password))).toBe(true);
  });
});
