import * as z from '../../validation/zod';
import { ProviderError } from '../errors';
import { enableBankingAccountKey } from './normalize';
import { ID_TEXT } from './schema';

/**
 * What a connection to Enable Banking keeps, sealed in the vault like any token: the
 * session id (what the consent grants), the bank, and for each account its stable key
 * with the session's `uid` for it. The uid is what the API's paths take, the key is what
 * finagg stores; the AccountResource the session gave is kept too, so accounts are
 * normalized without a request to /details (each request counts against the bank's
 * four unattended accesses a day).
 */

export interface SecretAccount {
  /** The stable key (normalize.ts: `iban:...`, `other:...`, `hash:...`), or null when the resource has none. */
  key: string | null;
  /** The session's id of the account; valid while the session is. */
  uid: string;
  /** The AccountResource as POST /sessions returned it. */
  resource: unknown;
}

export interface EnableBankingSecret {
  v: 1;
  session_id: string;
  bank: { name: string; country: string };
  accounts: SecretAccount[];
}

const secretSchema = z.object({
  v: z.literal(1),
  session_id: ID_TEXT,
  bank: z.object({ name: z.string(), country: z.string() }),
  accounts: z.array(
    z.object({
      key: z.nullable(z.string().check(z.minLength(1))),
      uid: ID_TEXT,
      resource: z.unknown(),
    }),
  ),
});

/**
 * The secret of a new session: one entry per account the session lists with a uid. An
 * account whose key repeats an earlier one's is left out (finagg would store the two as
 * one account and could not tell which uid to read).
 */
export function buildSecret(sessionId: string, bank: { name: string; country: string }, resources: readonly unknown[]): string {
  const accounts: SecretAccount[] = [];
  const keys = new Set<string>();
  for (const resource of resources) {
    const uid = typeof resource === 'object' && resource !== null ? Reflect.get(resource, 'uid') : undefined;
    if (typeof uid !== 'string' || !ID_TEXT.safeParse(uid).success) continue;
    const key = enableBankingAccountKey(resource) ?? null;
    if (key !== null) {
      if (keys.has(key)) continue;
      keys.add(key);
    }
    accounts.push({ key, uid, resource });
  }
  const secret: EnableBankingSecret = { v: 1, session_id: sessionId, bank, accounts };
  return JSON.stringify(secret);
}

/** The secret of a connection; one that does not read means the connection must be linked again. */
export function readSecret(text: string): EnableBankingSecret {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  const parsed = secretSchema.safeParse(json);
  if (!parsed.success) {
    // Never the text itself: it is the secret.
    throw new ProviderError('enablebanking', 'login_required', 'the stored Enable Banking session is not one finagg can read');
  }
  return parsed.data as EnableBankingSecret;
}
