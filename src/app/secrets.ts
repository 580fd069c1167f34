import { isoNow } from '../core/clock';
import { AppError, invalidInput } from '../core/errors';
import { isSecretKey, SECRET_KEYS, type SecretKey } from '../core/settings';
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

/**
 * `config set-secret`: sealed with the data key (created on first use) and stored in the
 * secrets table. The value is checked for shape only and never logged or echoed.
 */
export async function setSecret(ctx: AppContext, key: string, value: string): Promise<void> {
  const secret = secretKeyOf(key);
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
