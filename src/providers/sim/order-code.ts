import type { Rng } from './rng';

/** Characters of the order codes that some descriptors carry (`AMZN MKTP US*2K4LM83F2`). */
const CODE_CHARS = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';

/**
 * Fills each `@` of a descriptor with a fresh order-code character. Its own file, so that
 * the day's events (day.ts) and the planted purchases (plant-plan.ts) both use it and the
 * simulated world reads in one direction: day.ts -> plant-plan.ts, never back.
 */
export function fillCode(descriptor: string, rng: Rng): string {
  let out = '';
  for (const ch of descriptor) out += ch === '@' ? CODE_CHARS[rng.int(0, CODE_CHARS.length - 1)] : ch;
  return out;
}

/** Draws what fillCode would draw, without the text: the stream stays where fillCode leaves it. */
export function skipCode(descriptor: string, rng: Rng): void {
  for (const ch of descriptor) if (ch === '@') rng.int(0, CODE_CHARS.length - 1);
}
