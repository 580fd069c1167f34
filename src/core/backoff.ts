/** How a connection that keeps failing is retried by the daemon. */
export interface BackoffPolicy {
  baseMs: number;
  capMs: number;
}

export const CONNECTION_BACKOFF: BackoffPolicy = { baseMs: 60_000, capMs: 60 * 60_000 };

/**
 * The wait after the `failures`-th failure in a row: exponential from the base, capped,
 * with "equal jitter" (half fixed, half random) so that connections failing together do
 * not retry together; never sooner than the bank's retry-after. `random01` is in [0, 1).
 */
export function backoffMs(failures: number, random01: number, policy: BackoffPolicy, retryAfterMs?: number): number {
  const exponential = Math.min(policy.capMs, policy.baseMs * 2 ** Math.max(0, failures - 1));
  const jittered = exponential / 2 + (exponential / 2) * random01;
  return Math.max(Math.round(jittered), retryAfterMs ?? 0);
}
