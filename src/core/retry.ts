/** Attempts a bank request gets before its failure is final. */
export const MAX_ATTEMPTS = 4;

/**
 * How long to wait before attempt `attempt + 1` (attempts count from 1): the bank's
 * retry-after when it gives one, else exponential backoff from one second, capped.
 */
export function retryDelayMs(attempt: number, retryAfterMs: number | undefined, capMs = 30_000): number {
  if (retryAfterMs !== undefined) return Math.min(Math.max(retryAfterMs, 0), capMs);
  return Math.min(1000 * 2 ** (attempt - 1), capMs);
}
