import type { Random } from '../core/random';
import { pkceChallenge } from '../providers/sim/oauth-server';

export interface PkcePair {
  verifier: string;
  challenge: string;
}

/** A PKCE verifier of 43 characters (32 random bytes, RFC 7636 4.1) and its S256 challenge. */
export function newPkce(random: Random): PkcePair {
  const verifier = Buffer.from(random.bytes(32)).toString('base64url');
  return { verifier, challenge: pkceChallenge(verifier) };
}

/** An unguessable `state` that ties the redirect to the request we made. */
export function newState(random: Random): string {
  return Buffer.from(random.bytes(16)).toString('base64url');
}
