import crypto from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../../src/core/errors';
import type { Random } from '../../../src/core/random';
import { openToken, sealToken } from '../../../src/security/vault';

const random: Random = { bytes: (n) => new Uint8Array(crypto.randomBytes(n)) };
const key = crypto.randomBytes(32);
const TOKEN = 'access-token-s3cr3t-value';
const AD = 'finagg:connection:conn_1';

/** The error openToken throws, checked to be the one documented error and to leak nothing. */
function openError(k: Buffer, sealed: Buffer, ad: string): AppError {
  let caught: unknown;
  try {
    openToken(k, sealed, ad);
  } catch (error) {
    caught = error;
  }
  if (!(caught instanceof AppError)) throw new Error(`expected an AppError, got ${String(caught)}`);
  const error = caught;
  expect(error.code).toBe('security');
  expect(error.message).toBe('stored bank token cannot be opened');
  expect(error.hint).toBe('relink the bank: finagg link <bank>');
  const everything = `${error.message} ${error.hint} ${String(error.stack)} ${String(error.cause)}`;
  expect(everything).not.toContain(TOKEN);
  expect(everything).not.toContain(key.toString('base64'));
  expect(everything).not.toContain(key.toString('hex'));
  return error;
}

describe('vault', () => {
  it('opens what it sealed', () => {
    const sealed = sealToken(key, TOKEN, AD, random);
    expect(openToken(key, sealed, AD)).toBe(TOKEN);
    expect(openToken(key, sealToken(key, '', AD, random), AD)).toBe('');
    expect(openToken(key, sealToken(key, 'ünïcødé ✓', AD, random), AD)).toBe('ünïcødé ✓');
  });

  it('lays out version, 12-byte nonce, ciphertext and 16-byte tag, without the plaintext', () => {
    const sealed = sealToken(key, TOKEN, AD, random);
    expect(sealed[0]).toBe(1);
    expect(sealed.length).toBe(1 + 12 + Buffer.byteLength(TOKEN) + 16);
    expect(sealed.includes(Buffer.from(TOKEN))).toBe(false);
  });

  it('uses a fresh nonce from the random source each time', () => {
    const asked: number[] = [];
    const counting: Random = {
      bytes: (n) => {
        asked.push(n);
        return random.bytes(n);
      },
    };
    const a = sealToken(key, TOKEN, AD, counting);
    const b = sealToken(key, TOKEN, AD, counting);
    expect(asked).toEqual([12, 12]);
    expect(a.equals(b)).toBe(false);
    expect(a.subarray(1, 13).equals(b.subarray(1, 13))).toBe(false);
  });

  it('does not open a ciphertext moved to another connection', () => {
    const sealed = sealToken(key, TOKEN, AD, random);
    openError(key, sealed, 'finagg:connection:conn_2');
    openError(key, sealed, '');
  });

  it.each([
    ['version', 0],
    ['nonce', 5],
    ['body', 13 + 3],
    ['tag', -1],
  ])('does not open when the %s is tampered with', (_part, index) => {
    const sealed = sealToken(key, TOKEN, AD, random);
    const at = index < 0 ? sealed.length + index : index;
    for (const flip of [0x01, 0x80]) {
      const tampered = Buffer.from(sealed);
      tampered[at] = (tampered[at] ?? 0) ^ flip;
      openError(key, tampered, AD);
    }
  });

  it('does not open after any single byte changes', () => {
    const sealed = sealToken(key, TOKEN, AD, random);
    for (let i = 0; i < sealed.length; i++) {
      const tampered = Buffer.from(sealed);
      tampered[i] = (tampered[i] ?? 0) ^ 0x01;
      expect(() => openToken(key, tampered, AD), `byte ${i}`).toThrow('stored bank token cannot be opened');
    }
  });

  it('does not open a truncated or extended ciphertext', () => {
    const sealed = sealToken(key, TOKEN, AD, random);
    for (const length of [0, 1, 13, 28, sealed.length - 1]) openError(key, sealed.subarray(0, length), AD);
    openError(key, Buffer.concat([sealed, Buffer.from([0])]), AD);
  });

  it('does not open a future version', () => {
    const sealed = Buffer.from(sealToken(key, TOKEN, AD, random));
    sealed[0] = 2;
    openError(key, sealed, AD);
  });

  it('does not open with another key', () => {
    openError(crypto.randomBytes(32), sealToken(key, TOKEN, AD, random), AD);
  });

  it('refuses a key that is not 32 bytes', () => {
    for (const bad of [Buffer.alloc(0), Buffer.alloc(16), Buffer.alloc(31), Buffer.alloc(33)]) {
      expect(() => sealToken(bad, TOKEN, AD, random)).toThrow(AppError);
      expect(() => openToken(bad, sealToken(key, TOKEN, AD, random), AD)).toThrow(expect.objectContaining({ code: 'security' }));
    }
  });
});
