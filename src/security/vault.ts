import crypto from 'node:crypto';
import { AppError } from '../core/errors';
import type { Random } from '../core/random';

/**
 * Bank tokens at rest: AES-256-GCM. Layout: version (1 byte) | nonce (12) | ciphertext |
 * tag (16). The associated data (e.g. `finagg:connection:<id>`) is authenticated but not
 * stored, so a ciphertext copied to another connection's row fails to open.
 */
const VERSION = 1;
const NONCE_BYTES = 12;
const TAG_BYTES = 16;
const KEY_BYTES = 32;
const HEADER_BYTES = 1 + NONCE_BYTES;

export function sealToken(key: Buffer, plaintext: string, associatedData: string, random: Random): Buffer {
  checkKey(key);
  // A GCM nonce reused under one key leaks the XOR of plaintexts and the auth key: fresh each time.
  const nonce = Buffer.from(random.bytes(NONCE_BYTES));
  if (nonce.length !== NONCE_BYTES) throw new AppError('internal', 'random source returned a short nonce');
  const cipher = crypto.createCipheriv('aes-256-gcm', key, nonce, { authTagLength: TAG_BYTES });
  cipher.setAAD(Buffer.from(associatedData, 'utf8'));
  const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return Buffer.concat([Buffer.from([VERSION]), nonce, body, cipher.getAuthTag()]);
}

export function openToken(key: Buffer, sealed: Buffer, associatedData: string): string {
  checkKey(key);
  if (sealed.length < HEADER_BYTES + TAG_BYTES || sealed[0] !== VERSION) throw cannotOpen();
  const nonce = sealed.subarray(1, HEADER_BYTES);
  const body = sealed.subarray(HEADER_BYTES, sealed.length - TAG_BYTES);
  const tag = sealed.subarray(sealed.length - TAG_BYTES);
  try {
    const decipher = crypto.createDecipheriv('aes-256-gcm', key, nonce, { authTagLength: TAG_BYTES });
    decipher.setAAD(Buffer.from(associatedData, 'utf8'));
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(body), decipher.final()]).toString('utf8');
  } catch {
    // node's message ("Unsupported state or unable to authenticate data") says nothing
    // useful and the cause is dropped on purpose: nothing about the key or data leaves here.
    throw cannotOpen();
  }
}

function checkKey(key: Buffer): void {
  if (key.length !== KEY_BYTES) throw new AppError('security', 'the data key must be 32 bytes');
}

function cannotOpen(): AppError {
  return new AppError('security', 'stored bank token cannot be opened', 'relink the bank: finagg link <bank>');
}
