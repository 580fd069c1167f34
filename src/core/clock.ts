/** Time comes in through the AppContext so that core stays pure and tests fix the clock. */
export interface Clock {
  /** Milliseconds since the epoch. */
  nowMs(): number;
  /** Waits without blocking the event loop; a fixed clock only advances itself. */
  sleep(ms: number): Promise<void>;
}

/** The current time as a UTC ISO string, the form every timestamp is stored in. */
export function isoNow(clock: Clock): string {
  return new Date(clock.nowMs()).toISOString();
}
