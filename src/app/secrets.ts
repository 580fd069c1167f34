import { isoNow } from '../core/clock';
import { AppError, invalidInput } from '../core/errors';
import { isSecretKey, LINK_SECRET_KEYS, SECRET_KEYS, type SecretKey } from '../core/settings';
import { openToken, sealToken } from '../security/vault';
import { deleteSecret, readSealedSecret, secretKeysSet, writeSealedSecret } from '../storage/secrets-repo';
import type { AppContext } from './context';

/** The longest secret taken: an SMTP password or an ntfy token is far shorter. */
export const MAX_SECRET_LENGTH = 1000;

/** Binds a sealed secret to its key: a ciphertext copied to another key's row does not open. */
const associatedData = (key: SecretKey) => `finagg:secret:${key}`;

/** The secret a key names, or the one-line refusal (checked before a value is asked for). */
export function secretKeyOf(key: string): SecretKey {
  if (!isSecretKey(key))
    throw invalidInput(`unknown secret ${JSON.stringify(key.slice(0, 60))}`, `known: ${SECRET_KEYS.join(', ')}`);
  return key;
}

/** A secret `config set-secret` takes: not one a link takes from its own options. */
export function settableSecretKeyOf(key: string): SecretKey {
  const secret = secretKeyOf(key);
  if (LINK_SECRET_KEYS.includes(secret))
    throw invalidInput(`${secret} is given when linking`, 'finagg link enablebanking --app-id <id> --key-file <private key PEM>');
  return secret;
}

/**
 * `config set-secret`: sealed with the data key (created on first use) and stored in the
 * secrets table. The value is checked for shape only and never logged or echoed.
 */
export async function setSecret(ctx: AppContext, key: string, value: string): Promise<void> {
  const secret = settableSecretKeyOf(key);
  // A trailing newline from `echo pw |` is not part of the secret.
  const text = value.replace(/\r?\n$/, '');
  if (text === '') throw invalidInput(`the value for ${secret} is empty`, `to remove it: finagg config unset ${secret}`);
  if (text.length > MAX_SECRET_LENGTH)
    throw invalidInput(`the value for ${secret} is longer than ${MAX_SECRET_LENGTH} characters`);
  if (/[\u0000-\u001f\u007f]/.test(text)) throw invalidInput(`the value for ${secret} holds a control character or a line break`);
  const dataKey = await ctx.keyStore.getOrCreateKey();
  await writeSealedSecret(ctx.db, secret, sealToken(dataKey, text, associatedData(secret), ctx.random), isoNow(ctx.clock));
  ctx.log.log('info', 'secret.set', { secret });
}

/**
 * Seals secrets a link was given (an application's id and key, checked by the provider)
 * in one transaction: both or neither.
 */
export async function sealLinkSecrets(ctx: AppContext, values: ReadonlyMap<SecretKey, string>): Promise<void> {
  const dataKey = await ctx.keyStore.getOrCreateKey();
  const nowIso = isoNow(ctx.clock);
  await ctx.db.transaction().execute(async (trx) => {
    for (const [key, value] of values) {
      await writeSealedSecret(trx, key, sealToken(dataKey, value, associatedData(key), ctx.random), nowIso);
    }
  });
  ctx.log.log('info', 'secret.set', { secret: [...values.keys()].join(',') });
}

/** `config unset` of a secret. */
export async function unsetSecret(ctx: AppContext, key: string): Promise<void> {
  const secret = secretKeyOf(key);
  await deleteSecret(ctx.db, secret);
  ctx.log.log('info', 'secret.unset', { secret });
}

/** A secret opened for use by a channel, undefined when unset. */
export async function readSecret(ctx: AppContext, key: SecretKey): Promise<string | undefined> {
  const sealed = await readSealedSecret(ctx.db, key);
  if (!sealed) return undefined;
  const again = `set it again: finagg config set-secret ${key}`;
  const dataKey = await ctx.keyStore.getKey();
  if (!dataKey) throw new AppError('security', `the data key is missing, so ${key} cannot be opened`, again);
  try {
    return openToken(dataKey, sealed, associatedData(key));
  } catch {
    throw new AppError('security', `the stored ${key} cannot be opened`, again);
  }
}

/** Which secrets are set: `config list` says so, never what they are. */
export async function secretsSet(ctx: AppContext): Promise<SecretKey[]> {
  return (await secretKeysSet(ctx.db)).filter(isSecretKey);
}
