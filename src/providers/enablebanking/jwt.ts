import crypto from 'node:crypto';
import type { Clock } from '../../core/clock';
import type { AppCredentials } from '../link-method';

/**
 * The JWT that Enable Banking wants on every request: RS256, signed by the person's own
 * application key, with the application id as `kid` so the server knows which public key
 * to verify it with. Made with node:crypto alone: a JWT library would be a dependency
 * (and start-up time) for three base64url parts and one signature.
 */

/** How long a token lives. The API takes at most a day; an hour limits what a leaked one is worth. */
export const JWT_LIFETIME_SECONDS = 60 * 60;
/** The API's own bound on exp - iat. */
export const JWT_MAX_LIFETIME_SECONDS = 24 * 60 * 60;
/** A token this close to its end is renewed, so one never expires between signing and the server's check. */
export const JWT_RENEW_BEFORE_SECONDS = 5 * 60;

const ISSUER = 'enablebanking.com';
const AUDIENCE = 'api.enablebanking.com';

const base64url = (data: string | Buffer): string => Buffer.from(data).toString('base64url');

/** One signed token, valid from `nowSeconds` for `lifetimeSeconds`. */
export function signJwt(
  appId: string,
  key: crypto.KeyObject,
  nowSeconds: number,
  lifetimeSeconds: number = JWT_LIFETIME_SECONDS,
): string {
  if (lifetimeSeconds <= 0 || lifetimeSeconds > JWT_MAX_LIFETIME_SECONDS)
    throw new RangeError(`a JWT for Enable Banking lives 1 to ${JWT_MAX_LIFETIME_SECONDS} seconds`);
  const header = base64url(JSON.stringify({ typ: 'JWT', alg: 'RS256', kid: appId }));
  const body = base64url(JSON.stringify({ iss: ISSUER, aud: AUDIENCE, iat: nowSeconds, exp: nowSeconds + lifetimeSeconds }));
  const input = `${header}.${body}`;
  // RS256 is RSASSA-PKCS1-v1_5 with SHA-256, which is what crypto.sign does with an RSA key.
  const signature = crypto.sign('sha256', Buffer.from(input), key);
  return `${input}.${base64url(signature)}`;
}

/** Hands out the bearer token of an application, signing a new one only when needed. */
export interface JwtSigner {
  token(app: AppCredentials): string;
}

interface Signed {
  key: crypto.KeyObject;
  token: string;
  expiresAt: number;
}

/**
 * A signer that reuses each application's token until 5 minutes before it ends: a sync of
 * ten accounts makes dozens of requests, and an RSA signature per request is wasted work.
 * Tokens are kept per application id and key (a new key after `finagg link` takes effect
 * at once), in this process only.
 */
export function createJwtSigner(clock: Pick<Clock, 'nowMs'>): JwtSigner {
  const signed = new Map<string, Signed>();
  return {
    token(app) {
      const now = Math.floor(clock.nowMs() / 1000);
      // The key's hash, not the key, names the entry: the map never holds the PEM as a key.
      const id = `${app.appId}\u0000${crypto.createHash('sha256').update(app.privateKeyPem).digest('hex')}`;
      let entry = signed.get(id);
      if (entry && now < entry.expiresAt - JWT_RENEW_BEFORE_SECONDS && now >= entry.expiresAt - JWT_LIFETIME_SECONDS)
        return entry.token;
      const key = entry?.key ?? crypto.createPrivateKey({ key: app.privateKeyPem, format: 'pem' });
      entry = { key, token: signJwt(app.appId, key, now), expiresAt: now + JWT_LIFETIME_SECONDS };
      signed.set(id, entry);
      return entry.token;
    },
  };
}
