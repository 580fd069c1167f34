import crypto from 'node:crypto';
import { invalidInput } from '../../core/errors';
import type { AppCredentials } from '../link-method';

/**
 * The person's Enable Banking application: the id the control panel shows and the private
 * key it let them download. Both are checked before any request, so a wrong file is told
 * apart from a refused application. A message never quotes the key: it names the option
 * and what kind of text it found, nothing of the content.
 */

const APP_ID = /^[A-Za-z0-9._-]{1,100}$/;
/** RS256 keys under 2048 bits are refused by current RSA guidance (and by the API). */
const MIN_KEY_BITS = 2048;
/** A PEM of an 8192-bit RSA key is under 7 KB; anything much larger is not a key file. */
const MAX_PEM_CHARS = 64 * 1024;

export function checkCredentials(appId: string, pemText: string): AppCredentials {
  const id = appId.trim();
  if (!APP_ID.test(id)) {
    throw invalidInput(
      `--app-id: not an application id (1 to 100 letters, digits, '.', '_' or '-'; got ${id.length} characters)`,
      'copy the application id from the Enable Banking control panel',
    );
  }
  if (pemText.length > MAX_PEM_CHARS) {
    throw invalidInput(`--key-file: too large to be a private key (${pemText.length} characters)`);
  }
  let key: crypto.KeyObject;
  try {
    key = crypto.createPrivateKey({ key: pemText, format: 'pem' });
  } catch (error) {
    throw invalidInput(`--key-file: ${unreadableKey(pemText, error)}`, 'give the .pem file the control panel let you download');
  }
  if (key.asymmetricKeyType !== 'rsa') {
    throw invalidInput(`--key-file: an ${key.asymmetricKeyType ?? 'unknown'} key; Enable Banking signs with RSA (RS256)`);
  }
  const bits = key.asymmetricKeyDetails?.modulusLength ?? 0;
  if (bits < MIN_KEY_BITS) {
    throw invalidInput(`--key-file: an RSA key of ${bits} bits; at least ${MIN_KEY_BITS} are needed`);
  }
  return { appId: id, privateKeyPem: pemText };
}

/** Why a text is not a readable private key, from its PEM labels and the error's code only. */
function unreadableKey(text: string, error: unknown): string {
  const code = typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : '';
  if (code === 'ERR_MISSING_PASSPHRASE' || /-----BEGIN ENCRYPTED PRIVATE KEY-----|Proc-Type: 4,ENCRYPTED/.test(text))
    return 'the private key is encrypted; give it without a passphrase';
  if (/-----BEGIN (?:RSA )?PUBLIC KEY-----/.test(text)) return 'a public key, not the private key';
  if (/-----BEGIN CERTIFICATE-----/.test(text)) return 'a certificate, not the private key';
  if (!/-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(text)) return 'not a PEM private key';
  return 'a PEM private key that cannot be read';
}
