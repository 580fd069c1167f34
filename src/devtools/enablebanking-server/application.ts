// The application a person registers in Enable Banking's control panel: an id and an RSA key
// pair whose private half the panel hands out once as `<app id>.pem`. Every API request is
// signed by it: a short RS256 JWT whose `kid` names the application.
import { createPublicKey, generateKeyPair, randomUUID, verify, type KeyObject } from 'node:crypto';
import { chmodSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ApiError } from './errors';

export interface Application {
  readonly appId: string;
  readonly publicKey: KeyObject;
  /** `<dir>/<appId>.pem` when the server made the key pair; undefined when the public key was given. */
  readonly keyPath: string | undefined;
}

/** An application of one's own: its id and the public half of its key (PEM, SPKI or PKCS#1). */
export interface GivenApplication {
  readonly appId: string;
  readonly publicKeyPem: string;
}

export const jwtIssuer = 'enablebanking.com';
export const jwtAudience = 'api.enablebanking.com';
/** The longest lifetime (exp - iat) the API accepts, in seconds. */
export const maxJwtLifetimeSeconds = 86_400;
/** How far in the future `iat` may be, for clocks that run a little ahead. */
export const clockSkewSeconds = 60;

export async function createApplication(dir: string, given?: GivenApplication): Promise<Application> {
  if (given) {
    return { appId: given.appId, publicKey: createPublicKey(given.publicKeyPem), keyPath: undefined };
  }
  const appId = randomUUID();
  const { publicKey, privateKeyPem } = await newKeyPair();
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const keyPath = join(dir, `${appId}.pem`);
  // Created with its final mode, so the key never exists readable by others, even for a moment.
  rmSync(keyPath, { force: true });
  writeFileSync(keyPath, privateKeyPem, { mode: 0o600, flag: 'wx' });
  chmodSync(keyPath, 0o600);
  return { appId, publicKey, keyPath };
}

function newKeyPair(): Promise<{ publicKey: KeyObject; privateKeyPem: string }> {
  return new Promise((resolve, reject) => {
    generateKeyPair(
      'rsa',
      {
        modulusLength: 2048,
        privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
        publicKeyEncoding: { type: 'spki', format: 'pem' },
      },
      (error, publicKeyPem, privateKeyPem) => {
        if (error) reject(error);
        else resolve({ publicKey: createPublicKey(publicKeyPem), privateKeyPem });
      },
    );
  });
}

/**
 * Checks `Authorization: Bearer <JWT>` as the API does and throws 401 UNAUTHORIZED_ACCESS
 * saying what is wrong. The token itself never appears in a message.
 */
export function verifyRequestJwt(application: Application, authorization: string | undefined, nowMs: number): void {
  const match = /^Bearer ([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]*)$/i.exec(authorization ?? '');
  if (authorization === undefined || authorization === '') throw refused('the request has no Authorization header');
  if (!match) throw refused('the Authorization header is not "Bearer <JWT>"');
  const [, headerPart = '', payloadPart = '', signaturePart = ''] = match;
  const header = decodeJson(headerPart);
  const payload = decodeJson(payloadPart);
  if (!isRecord(header) || !isRecord(payload)) throw refused('the JWT header or body is not a JSON object');
  if (header.alg !== 'RS256') throw refused('the JWT must be signed with RS256 (header alg)');
  if (header.kid !== application.appId) throw refused('the JWT kid names no application known here');
  const signed = Buffer.from(`${headerPart}.${payloadPart}`, 'ascii');
  const signature = Buffer.from(signaturePart, 'base64url');
  if (!verify('sha256', signed, application.publicKey, signature)) {
    throw refused("the JWT signature does not verify with the application's public key");
  }
  if (payload.iss !== jwtIssuer) throw refused(`the JWT iss must be "${jwtIssuer}"`);
  const audience = payload.aud;
  if (!(audience === jwtAudience || (Array.isArray(audience) && audience.includes(jwtAudience)))) {
    throw refused(`the JWT aud must be "${jwtAudience}"`);
  }
  const { iat, exp } = payload;
  if (typeof iat !== 'number' || typeof exp !== 'number' || !Number.isFinite(iat) || !Number.isFinite(exp)) {
    throw refused('the JWT must carry numeric iat and exp');
  }
  const nowSeconds = nowMs / 1000;
  if (iat > nowSeconds + clockSkewSeconds) throw refused('the JWT iat is in the future');
  if (exp <= nowSeconds) throw refused('the JWT has expired (exp)');
  if (exp - iat > maxJwtLifetimeSeconds) {
    throw refused(`the JWT lifetime (exp - iat) exceeds ${maxJwtLifetimeSeconds} seconds`);
  }
}

function refused(message: string): ApiError {
  return new ApiError(401, 'UNAUTHORIZED_ACCESS', message);
}

function decodeJson(part: string): unknown {
  try {
    return JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
