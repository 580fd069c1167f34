/** Text forms of 32-bit words for the banks' opaque ids; they run for every record served. */

const HEX_PAIRS = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));
const BASE62 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const BASE62_CODES = Array.from(BASE62, (ch) => ch.charCodeAt(0));

/** Eight lower-case hex digits. */
export function hex8(word: number): string {
  const n = word >>> 0;
  return (
    (HEX_PAIRS[n >>> 24] ?? '') +
    (HEX_PAIRS[(n >>> 16) & 255] ?? '') +
    (HEX_PAIRS[(n >>> 8) & 255] ?? '') +
    (HEX_PAIRS[n & 255] ?? '')
  );
}

const codes: number[] = [];

/** Five base-62 characters per word (62^5 < 2^32), from the words `next` gives. */
export function base62(words: number, next: (index: number) => number): string {
  codes.length = 0;
  for (let w = 0; w < words; w++) {
    let h = next(w) >>> 0;
    for (let i = 0; i < 5; i++) {
      codes.push(BASE62_CODES[h % 62] ?? 65);
      h = Math.floor(h / 62);
    }
  }
  return String.fromCharCode(...codes);
}
