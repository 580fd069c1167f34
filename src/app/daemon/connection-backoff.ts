import { backoffMs, CONNECTION_BACKOFF } from '../../core/backoff';

/**
 * Per connection, when the daemon may try it again: a connection that fails waits longer
 * each time (with jitter, never sooner than the bank's retry-after); one success resets it.
 */
export class ConnectionBackoff {
  private readonly state = new Map<number, { failures: number; notBefore: number }>();

  constructor(private readonly random01: () => number) {}

  due(connectionId: number, nowMs: number): boolean {
    return (this.state.get(connectionId)?.notBefore ?? 0) <= nowMs;
  }

  /** When it may be tried next, or undefined when it is not backing off. */
  notBefore(connectionId: number): number | undefined {
    return this.state.get(connectionId)?.notBefore;
  }

  failed(connectionId: number, nowMs: number, retryAfterMs?: number): number {
    const failures = (this.state.get(connectionId)?.failures ?? 0) + 1;
    const wait = backoffMs(failures, this.random01(), CONNECTION_BACKOFF, retryAfterMs);
    this.state.set(connectionId, { failures, notBefore: nowMs + wait });
    return wait;
  }

  succeeded(connectionId: number): void {
    this.state.delete(connectionId);
  }
}
