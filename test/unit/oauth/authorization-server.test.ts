import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { fixedClock } from '../../../src/app/clocks';
import { cryptoRandom } from '../../../src/app/context';
import { newPkce, newState } from '../../../src/app/pkce';
import { ProviderError } from '../../../src/providers/errors';
import { CLIENT_ID, createSimAuthorizationServer, REDIRECT_URI } from '../../../src/providers/sim/oauth-server';
import type { AuthorizationServer, AuthorizeRequest } from '../../../src/providers/sim/oauth-types';
import { freshHome } from '../../helpers/cli';

const START = Date.parse('2026-11-23T12:00:00Z');

function setup(options: { loginFails?: boolean } = {}) {
  const clock = fixedClock(START);
  const server = createSimAuthorizationServer({
    bankId: 'banka',
    tokenPrefix: 'bka',
    statePath: path.join(freshHome(), 'sim', 'authorization.db'),
    clock,
    random: cryptoRandom,
    loginFails: () => options.loginFails === true,
  });
  return { clock, server };
}

function request(challenge: string, state: string, overrides: Partial<AuthorizeRequest> = {}): AuthorizeRequest {
  return {
    response_type: 'code',
    client_id: CLIENT_ID,
    redirect_uri: REDIRECT_URI,
    scope: 'accounts:read transactions:read',
    state,
    code_challenge: challenge,
    code_challenge_method: 'S256',
    ...overrides,
  };
}

/** Runs the front channel and returns the code and state of the redirect. */
async function approve(server: AuthorizationServer, overrides: Partial<AuthorizeRequest> = {}) {
  const pkce = newPkce(cryptoRandom);
  const state = newState(cryptoRandom);
  const redirect = new URL(await server.authorize(request(pkce.challenge, state, overrides), 'approve'));
  return { pkce, state, redirect, code: redirect.searchParams.get('code')! };
}

async function rejection(promise: Promise<unknown>): Promise<ProviderError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ProviderError);
  return error as ProviderError;
}

const exchange = (server: AuthorizationServer, code: string, verifier: string | undefined, redirectUri = REDIRECT_URI) =>
  server.token({
    grant_type: 'authorization_code',
    code,
    redirect_uri: redirectUri,
    client_id: CLIENT_ID,
    code_verifier: verifier,
  });

describe('the simulated authorization server', () => {
  let clock: ReturnType<typeof setup>['clock'];
  let server: AuthorizationServer;
  beforeEach(() => {
    ({ clock, server } = setup());
  });

  it('issues working tokens for a correct authorization-code flow with PKCE', async () => {
    const { pkce, state, redirect, code } = await approve(server);
    expect(redirect.origin + redirect.pathname).toBe(REDIRECT_URI);
    expect(redirect.searchParams.get('state')).toBe(state);
    const tokens = await exchange(server, code, pkce.verifier);
    expect(tokens).toMatchObject({ token_type: 'Bearer', expires_in: 3600, scope: 'accounts:read transactions:read' });
    expect(tokens.access_token).toMatch(/^bka_at_/);
    expect(await server.verifyAccessToken(tokens.access_token)).toEqual({ scopes: ['accounts:read', 'transactions:read'] });
  });

  it('echoes the state so the client can refuse a redirect answering another request', async () => {
    const { redirect } = await approve(server, { state: 'mine' });
    expect(redirect.searchParams.get('state')).toBe('mine');
    expect(redirect.searchParams.get('state')).not.toBe('someone-else');
  });

  it('refuses a reused code and revokes the tokens it issued', async () => {
    const { pkce, code } = await approve(server);
    const tokens = await exchange(server, code, pkce.verifier);
    expect((await rejection(exchange(server, code, pkce.verifier))).kind).toBe('invalid_grant');
    expect((await rejection(server.verifyAccessToken(tokens.access_token))).kind).toBe('login_required');
    const refresh = server.token({ grant_type: 'refresh_token', refresh_token: tokens.refresh_token, client_id: CLIENT_ID });
    expect((await rejection(refresh)).kind).toBe('invalid_grant');
  });

  it('refuses a code after five minutes', async () => {
    const { pkce, code } = await approve(server);
    clock.advance(5 * 60 * 1000 + 1);
    const error = await rejection(exchange(server, code, pkce.verifier));
    expect(error.kind).toBe('invalid_grant');
    expect(error.message).toMatch(/expired/);
  });

  it('refuses a token request whose redirect URI differs from the authorization request', async () => {
    const { pkce, code } = await approve(server);
    const error = await rejection(exchange(server, code, pkce.verifier, `${REDIRECT_URI}/`));
    expect(error.kind).toBe('invalid_grant');
    // The refused attempt did not burn the code for the rightful client.
    await expect(exchange(server, code, pkce.verifier)).resolves.toMatchObject({ token_type: 'Bearer' });
  });

  it('refuses an authorization request for an unregistered redirect URI without redirecting', async () => {
    const pkce = newPkce(cryptoRandom);
    const error = await rejection(
      server.authorize(request(pkce.challenge, 's', { redirect_uri: 'http://evil.example/cb' }), 'approve'),
    );
    expect(error.kind).toBe('invalid_request');
  });

  it('refuses a missing or wrong code verifier', async () => {
    const { pkce, code } = await approve(server);
    expect((await rejection(exchange(server, code, undefined))).kind).toBe('invalid_request');
    expect((await rejection(exchange(server, code, newPkce(cryptoRandom).verifier))).kind).toBe('invalid_grant');
    await expect(exchange(server, code, pkce.verifier)).resolves.toMatchObject({ token_type: 'Bearer' });
  });

  it('requires PKCE with S256', async () => {
    const pkce = newPkce(cryptoRandom);
    const plain = new URL(await server.authorize(request(pkce.verifier, 's', { code_challenge_method: 'plain' }), 'approve'));
    expect(plain.searchParams.get('error')).toBe('invalid_request');
    expect(plain.searchParams.get('code')).toBeNull();
  });

  it('expires access tokens after an hour and rotates refresh tokens', async () => {
    const { pkce, code } = await approve(server);
    const first = await exchange(server, code, pkce.verifier);
    clock.advance(60 * 60 * 1000);
    expect((await rejection(server.verifyAccessToken(first.access_token))).kind).toBe('token_expired');
    const second = await server.token({ grant_type: 'refresh_token', refresh_token: first.refresh_token, client_id: CLIENT_ID });
    expect(second.refresh_token).not.toBe(first.refresh_token);
    expect(await server.verifyAccessToken(second.access_token)).toBeDefined();
  });

  it('treats a reused refresh token as theft and revokes the whole chain', async () => {
    const { pkce, code } = await approve(server);
    const first = await exchange(server, code, pkce.verifier);
    const second = await server.token({ grant_type: 'refresh_token', refresh_token: first.refresh_token, client_id: CLIENT_ID });
    const replay = server.token({ grant_type: 'refresh_token', refresh_token: first.refresh_token, client_id: CLIENT_ID });
    expect((await rejection(replay)).kind).toBe('invalid_grant');
    expect((await rejection(server.verifyAccessToken(second.access_token))).kind).toBe('login_required');
    const next = server.token({ grant_type: 'refresh_token', refresh_token: second.refresh_token, client_id: CLIENT_ID });
    expect((await rejection(next)).kind).toBe('invalid_grant');
  });

  it('revokes a grant on request, idempotently', async () => {
    const { pkce, code } = await approve(server);
    const tokens = await exchange(server, code, pkce.verifier);
    await server.revoke(tokens.refresh_token);
    await server.revoke(tokens.refresh_token);
    expect((await rejection(server.verifyAccessToken(tokens.access_token))).kind).toBe('login_required');
  });

  it('redirects with access_denied when the person declines', async () => {
    const pkce = newPkce(cryptoRandom);
    const redirect = new URL(await server.authorize(request(pkce.challenge, 'st'), 'deny'));
    expect(redirect.searchParams.get('error')).toBe('access_denied');
    expect(redirect.searchParams.get('state')).toBe('st');
  });

  it('fails the login with invalid_credentials when the bank refuses it', async () => {
    const failing = setup({ loginFails: true }).server;
    const pkce = newPkce(cryptoRandom);
    expect((await rejection(failing.authorize(request(pkce.challenge, 's'), 'approve'))).kind).toBe('invalid_credentials');
  });

  it('refuses unknown codes and tokens', async () => {
    expect((await rejection(exchange(server, 'bka_code_nope', 'x'.repeat(43)))).kind).toBe('invalid_grant');
    expect((await rejection(server.verifyAccessToken('bka_at_nope'))).kind).toBe('login_required');
  });
});
