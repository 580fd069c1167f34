import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Database as SqliteDatabase, Statement } from 'better-sqlite3';
import type { Clock } from '../../core/clock';
import type { Random } from '../../core/random';
import { openSqlite } from '../../storage/sqlite';
import { ProviderError } from '../errors';
import type { AuthorizationServer, AuthorizeRequest, TokenRequest, TokenResponse } from './oauth-types';

/** The one client registered at every simulated bank: finagg as a native app (RFC 8252). */
export const CLIENT_ID = 'finagg-cli';
export const REDIRECT_URI = 'http://127.0.0.1:53682/finagg/callback';

const CODE_LIFETIME_MS = 5 * 60 * 1000;
const ACCESS_LIFETIME_MS = 60 * 60 * 1000;
/** How long consent lasts: past this the refresh token no longer works and the person relinks. */
const CONSENT_LIFETIME_MS = 180 * 24 * 60 * 60 * 1000;

export interface SimAuthorizationOptions {
  bankId: string;
  /** A short prefix that makes this bank's tokens recognizable (`bka`). */
  tokenPrefix: string;
  /** Where the bank keeps its grants: a SQLite file of its own, never finagg's database. */
  statePath: string;
  clock: Clock;
  random: Random;
  /** Whether a login at the bank fails now (the `invalid_credentials` fault). */
  loginFails: () => boolean;
}

/**
 * The authorization server of a simulated bank. It enforces what a real one must:
 * exact redirect URI, PKCE S256, single-use codes that expire after 5 minutes,
 * expiring access tokens, rotating refresh tokens, and revocation. A reused code or
 * refresh token is taken as a sign of theft and revokes the whole grant (RFC 6819
 * 5.2.2.3, OAuth 2.1 4.3.1).
 *
 * The bank's state lives in its own file so that it outlives one CLI process (link in
 * one, sync in the next). It holds SHA-256 hashes of codes and tokens, never the
 * tokens themselves, as a real server should.
 */
export function createSimAuthorizationServer(options: SimAuthorizationOptions): AuthorizationServer {
  const { bankId, clock } = options;
  let db: SqliteDatabase | undefined;
  const state = (): SqliteDatabase => (db ??= openState(options.statePath));
  let verifyStatement: Statement | undefined;
  const fail = (kind: 'invalid_grant' | 'invalid_request', message: string) => new ProviderError(bankId, kind, message);

  const issue = (grant: number, scope: string): TokenResponse => {
    const now = clock.nowMs();
    const access = newSecret(options, 'at');
    const refresh = newSecret(options, 'rt');
    const insert = state().prepare('INSERT INTO tokens (hash, grant_id, kind, expires_at) VALUES (?, ?, ?, ?)');
    insert.run(hash(access), grant, 'access', now + ACCESS_LIFETIME_MS);
    insert.run(hash(refresh), grant, 'refresh', now + CONSENT_LIFETIME_MS);
    return { access_token: access, refresh_token: refresh, token_type: 'Bearer', expires_in: ACCESS_LIFETIME_MS / 1000, scope };
  };
  const revokeGrant = (grant: number) => state().prepare('UPDATE grants SET revoked = 1 WHERE id = ?').run(grant);

  return {
    authorizeEndpoint: `https://auth.${bankId}.example/oauth/authorize`,

    async authorize(request: AuthorizeRequest, decision: 'approve' | 'deny'): Promise<string> {
      // Refused outright, without a redirect: the bank cannot trust the redirect URI.
      if (request.client_id !== CLIENT_ID) throw fail('invalid_request', 'unknown client');
      if (request.redirect_uri !== REDIRECT_URI) throw fail('invalid_request', 'redirect URI is not registered');
      const back = (params: Record<string, string>) =>
        `${REDIRECT_URI}?${new URLSearchParams({ ...params, state: request.state })}`;
      if (request.response_type !== 'code') return back({ error: 'unsupported_response_type' });
      if (request.code_challenge_method !== 'S256' || !/^[A-Za-z0-9_-]{43}$/.test(request.code_challenge)) {
        return back({ error: 'invalid_request', error_description: 'PKCE with S256 is required' });
      }
      if (options.loginFails()) throw new ProviderError(bankId, 'invalid_credentials', 'the bank did not accept the login');
      if (decision === 'deny') return back({ error: 'access_denied' });
      const code = newSecret(options, 'code');
      state()
        .prepare(
          `INSERT INTO codes (hash, client_id, redirect_uri, challenge, scope, expires_at)
           VALUES (?, ?, ?, ?, ?, ?)`,
        )
        .run(
          hash(code),
          request.client_id,
          request.redirect_uri,
          request.code_challenge,
          request.scope,
          clock.nowMs() + CODE_LIFETIME_MS,
        );
      return back({ code });
    },

    async token(request: TokenRequest): Promise<TokenResponse> {
      if (request.client_id !== CLIENT_ID) throw fail('invalid_request', 'unknown client');
      const db = state();
      if (request.grant_type === 'authorization_code') {
        const row = db.prepare('SELECT * FROM codes WHERE hash = ?').get(hash(request.code)) as CodeRow | undefined;
        if (!row) throw fail('invalid_grant', 'unknown authorization code');
        if (row.grant_id !== null) {
          revokeGrant(row.grant_id);
          throw fail('invalid_grant', 'authorization code was already used; its tokens are revoked');
        }
        if (clock.nowMs() > row.expires_at) throw fail('invalid_grant', 'authorization code expired');
        if (request.redirect_uri !== row.redirect_uri)
          throw fail('invalid_grant', 'redirect URI does not match the authorization request');
        if (request.code_verifier === undefined || request.code_verifier === '')
          throw fail('invalid_request', 'code verifier missing');
        if (pkceChallenge(request.code_verifier) !== row.challenge) throw fail('invalid_grant', 'code verifier does not match');
        return db
          .transaction(() => {
            const grant = Number(db.prepare('INSERT INTO grants (scope, revoked) VALUES (?, 0)').run(row.scope).lastInsertRowid);
            db.prepare('UPDATE codes SET grant_id = ? WHERE hash = ?').run(grant, row.hash);
            return issue(grant, row.scope);
          })
          .immediate();
      }
      const row = db
        .prepare(
          `SELECT t.hash, t.grant_id, t.used, t.expires_at, g.revoked, g.scope
           FROM tokens t JOIN grants g ON g.id = t.grant_id WHERE t.hash = ? AND t.kind = 'refresh'`,
        )
        .get(hash(request.refresh_token)) as RefreshRow | undefined;
      if (!row || row.revoked === 1) throw fail('invalid_grant', 'refresh token is not valid');
      if (row.used === 1) {
        revokeGrant(row.grant_id);
        throw fail('invalid_grant', 'refresh token was already used; the grant is revoked');
      }
      if (clock.nowMs() > row.expires_at) throw fail('invalid_grant', 'consent expired');
      return db
        .transaction(() => {
          db.prepare('UPDATE tokens SET used = 1 WHERE hash = ?').run(row.hash);
          return issue(row.grant_id, row.scope);
        })
        .immediate();
    },

    async revoke(token: string): Promise<void> {
      const row = state().prepare('SELECT grant_id FROM tokens WHERE hash = ?').get(hash(token)) as
        { grant_id: number } | undefined;
      if (row) revokeGrant(row.grant_id);
    },

    async verifyAccessToken(accessToken: string): Promise<{ scopes: string[] }> {
      // Every page a bank serves asks: the statement is prepared once (preparing it cost
      // more than the search).
      verifyStatement ??= state().prepare(
        `SELECT t.expires_at, g.revoked, g.scope FROM tokens t JOIN grants g ON g.id = t.grant_id
         WHERE t.hash = ? AND t.kind = 'access'`,
      );
      const row = verifyStatement.get(hash(accessToken)) as { expires_at: number; revoked: 0 | 1; scope: string } | undefined;
      if (!row || row.revoked === 1) throw new ProviderError(bankId, 'login_required', 'the bank no longer accepts this access');
      if (clock.nowMs() >= row.expires_at) throw new ProviderError(bankId, 'token_expired', 'access token expired');
      return { scopes: row.scope.split(' ').filter(Boolean) };
    },
  };
}

interface CodeRow {
  hash: string;
  client_id: string;
  redirect_uri: string;
  challenge: string;
  scope: string;
  expires_at: number;
  grant_id: number | null;
}

interface RefreshRow {
  hash: string;
  grant_id: number;
  used: 0 | 1;
  expires_at: number;
  revoked: 0 | 1;
  scope: string;
}

/** The S256 code challenge of a PKCE verifier (RFC 7636 4.2). */
export function pkceChallenge(verifier: string): string {
  return crypto.createHash('sha256').update(verifier).digest('base64url');
}

function hash(secret: string): string {
  return crypto.createHash('sha256').update(secret).digest('hex');
}

function newSecret(options: SimAuthorizationOptions, kind: string): string {
  return `${options.tokenPrefix}_${kind}_${Buffer.from(options.random.bytes(32)).toString('base64url')}`;
}

function openState(statePath: string): SqliteDatabase {
  fs.mkdirSync(path.dirname(statePath), { recursive: true, mode: 0o700 });
  if (!fs.existsSync(statePath)) fs.closeSync(fs.openSync(statePath, 'a', 0o600));
  const db = openSqlite(statePath);
  db.pragma('journal_mode = WAL');
  db.pragma('busy_timeout = 10000');
  db.exec(`
    CREATE TABLE IF NOT EXISTS grants (id INTEGER PRIMARY KEY, scope TEXT NOT NULL, revoked INTEGER NOT NULL);
    CREATE TABLE IF NOT EXISTS codes (
      hash TEXT PRIMARY KEY, client_id TEXT NOT NULL, redirect_uri TEXT NOT NULL, challenge TEXT NOT NULL,
      scope TEXT NOT NULL, expires_at INTEGER NOT NULL, grant_id INTEGER);
    CREATE TABLE IF NOT EXISTS tokens (
      hash TEXT PRIMARY KEY, grant_id INTEGER NOT NULL, kind TEXT NOT NULL, expires_at INTEGER NOT NULL,
      used INTEGER NOT NULL DEFAULT 0);
  `);
  return db;
}
