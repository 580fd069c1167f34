// Setup tokens and the access URLs they turn into. A claim code works once; an access URL's
// user and password are the whole secret, so only a digest of the password is kept and it is
// compared in constant time.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

export interface AccessCredentials {
  readonly user: string;
  readonly password: string;
}

const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** `length` characters of [A-Za-z0-9] from the OS's random source, without modulo bias. */
export function randomAlphanumeric(length: number): string {
  let out = '';
  while (out.length < length) {
    for (const byte of randomBytes(length)) {
      // 248 = 4 * 62: bytes above it would favour the first letters.
      if (byte < 248 && out.length < length) out += alphabet[byte % 62];
    }
  }
  return out;
}

export class AccessRegistry {
  private readonly openCodes = new Set<string>();
  private readonly passwordDigests = new Map<string, Buffer>();

  newClaimCode(): string {
    const code = randomAlphanumeric(32);
    this.openCodes.add(code);
    return code;
  }

  /** The credentials for a code seen for the first time; undefined for a used or unknown code. */
  claim(code: string): AccessCredentials | undefined {
    if (!this.openCodes.delete(code)) return undefined;
    const credentials = { user: randomAlphanumeric(32), password: randomAlphanumeric(40) };
    this.passwordDigests.set(credentials.user, digest(credentials.password));
    return credentials;
  }

  /** The user of a valid `Authorization: Basic ...` header, else undefined. */
  authenticate(authorization: string | undefined): string | undefined {
    const match = /^Basic ([A-Za-z0-9+/=]+)$/i.exec(authorization ?? '');
    if (!match?.[1]) return undefined;
    const decoded = Buffer.from(match[1], 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon < 0) return undefined;
    const user = decoded.slice(0, colon);
    const expected = this.passwordDigests.get(user);
    if (!expected) return undefined;
    return timingSafeEqual(expected, digest(decoded.slice(colon + 1))) ? user : undefined;
  }

  /** Every access URL claimed so far stops working; setup tokens not yet claimed still work. */
  revokeAll(): void {
    this.passwordDigests.clear();
  }
}

// Equal-length inputs for timingSafeEqual, whatever the password's length.
function digest(password: string): Buffer {
  return createHash('sha256').update(password).digest();
}
