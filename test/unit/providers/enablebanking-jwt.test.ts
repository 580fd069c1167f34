import crypto from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../../src/core/errors';
import { checkCredentials } from '../../../src/providers/enablebanking/credentials';
import {
  createJwtSigner,
  JWT_LIFETIME_SECONDS,
  JWT_MAX_LIFETIME_SECONDS,
  JWT_RENEW_BEFORE_SECONDS,
} from '../../../src/providers/enablebanking/jwt';

const pair = (bits: number) =>
  crypto.generateKeyPairSync('rsa', {
    modulusLength: bits,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  });

const KEY = pair(2048);
const OTHER_KEY = pair(2048);
const APP = { appId: '9f1c2a4e-3b7d-4e21-8a6f-0c5d9e8b7a61', privateKeyPem: KEY.privateKey };

/** A clock that only moves when told. */
function fixedClock(iso: string) {
  let now = Date.parse(iso);
  return { nowMs: () => now, advance: (seconds: number) => void (now += seconds * 1000) };
}

function parts(token: string) {
  const [header, body, signature] = token.split('.') as [string, string, string];
  const json = (part: string): unknown => JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
  return { header: json(header), body: json(body) as { iat: number; exp: number }, input: `${header}.${body}`, signature };
}

describe('Enable Banking JWT', () => {
  it('is RS256 over header and body, and verifies with the public key of the application', () => {
    const token = createJwtSigner(fixedClock('2025-03-01T12:00:00Z')).token(APP);
    expect(token.split('.')).toHaveLength(3);
    const { input, signature } = parts(token);
    const verify = (publicKey: string) =>
      crypto.verify('sha256', Buffer.from(input), publicKey, Buffer.from(signature, 'base64url'));
    expect(verify(KEY.publicKey)).toBe(true);
    expect(verify(OTHER_KEY.publicKey)).toBe(false);
  });

  it('names the application as kid and says what the API requires', () => {
    const token = createJwtSigner(fixedClock('2025-03-01T12:00:00Z')).token(APP);
    const { header, body } = parts(token);
    expect(header).toEqual({ typ: 'JWT', alg: 'RS256', kid: APP.appId });
    const iat = Date.parse('2025-03-01T12:00:00Z') / 1000;
    expect(body).toEqual({ iss: 'enablebanking.com', aud: 'api.enablebanking.com', iat, exp: iat + JWT_LIFETIME_SECONDS });
    expect(body.exp - body.iat).toBeLessThanOrEqual(JWT_MAX_LIFETIME_SECONDS);
    expect(JWT_MAX_LIFETIME_SECONDS).toBe(86_400);
  });

  it('reuses a token until five minutes before it ends, then signs a new one', () => {
    const clock = fixedClock('2025-03-01T12:00:00Z');
    const signer = createJwtSigner(clock);
    const first = signer.token(APP);
    clock.advance(JWT_LIFETIME_SECONDS - JWT_RENEW_BEFORE_SECONDS - 1);
    expect(signer.token(APP)).toBe(first);
    clock.advance(1);
    const second = signer.token(APP);
    expect(second).not.toBe(first);
    expect(parts(second).body.iat).toBe(parts(first).body.iat + JWT_LIFETIME_SECONDS - JWT_RENEW_BEFORE_SECONDS);
    expect(signer.token(APP)).toBe(second);
  });

  it('keeps tokens apart by application id and key', () => {
    const signer = createJwtSigner(fixedClock('2025-03-01T12:00:00Z'));
    const first = signer.token(APP);
    const otherKey = signer.token({ ...APP, privateKeyPem: OTHER_KEY.privateKey });
    const otherApp = signer.token({ ...APP, appId: 'another-app' });
    expect(new Set([first, otherKey, otherApp]).size).toBe(3);
    expect(parts(otherApp).header).toMatchObject({ kid: 'another-app' });
    expect(signer.token(APP)).toBe(first);
  });

  it('signs anew when the clock went back before the token was made', () => {
    const clock = fixedClock('2025-03-01T12:00:00Z');
    const signer = createJwtSigner(clock);
    const first = signer.token(APP);
    clock.advance(-60);
    expect(parts(signer.token(APP)).body.iat).toBe(parts(first).body.iat - 60);
  });
});

/** The refusal of checkCredentials: an AppError('invalid_input') that never shows the key. */
function refusal(appId: string, pem: string): AppError {
  try {
    checkCredentials(appId, pem);
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    const e = error as AppError;
    expect(e.code).toBe('invalid_input');
    for (const line of pem.split('\n').filter((l) => l.length > 20 && !l.startsWith('-----')))
      expect(`${e.message} ${e.hint ?? ''}`).not.toContain(line.slice(0, 20));
    return e;
  }
  throw new Error('expected a refusal');
}

describe('Enable Banking application credentials', () => {
  it('takes an application id and an RSA key of 2048 bits or more', () => {
    expect(checkCredentials(` ${APP.appId}\n`, KEY.privateKey)).toEqual({ appId: APP.appId, privateKeyPem: KEY.privateKey });
    const pkcs1 = crypto.createPrivateKey(KEY.privateKey).export({ type: 'pkcs1', format: 'pem' }).toString();
    expect(checkCredentials('app_1.x', pkcs1).appId).toBe('app_1.x');
  });

  it('refuses an application id that is empty, too long or has other characters, naming --app-id', () => {
    for (const id of ['', 'a'.repeat(101), 'app id', 'app/id', 'äpp'])
      expect(refusal(id, KEY.privateKey).message).toMatch(/^--app-id: /);
  });

  it('refuses text that is not a private key, naming --key-file and not the content', () => {
    expect(refusal(APP.appId, 'hello').message).toMatch(/^--key-file: not a PEM private key/);
    expect(refusal(APP.appId, KEY.publicKey).message).toMatch(/^--key-file: a public key/);
    const broken = KEY.privateKey.replace(/[A-Za-z]{8}/, 'AAAAAAAA');
    expect(refusal(APP.appId, broken).message).toMatch(/^--key-file: /);
    expect(refusal(APP.appId, 'x'.repeat(70_000)).message).toMatch(/too large/);
  });

  it('refuses an encrypted key, a key that is not RSA and an RSA key under 2048 bits', () => {
    const encrypted = crypto
      .createPrivateKey(KEY.privateKey)
      .export({ type: 'pkcs8', format: 'pem', cipher: 'aes-256-cbc', passphrase: 'secret' })
      .toString();
    expect(refusal(APP.appId, encrypted).message).toMatch(/encrypted/);
    const ec = crypto
      .generateKeyPairSync('ec', { namedCurve: 'P-256' })
      .privateKey.export({ type: 'pkcs8', format: 'pem' })
      .toString();
    expect(refusal(APP.appId, ec).message).toMatch(/an ec key/);
    expect(refusal(APP.appId, pair(1024).privateKey).message).toMatch(/1024 bits; at least 2048/);
  });
});
