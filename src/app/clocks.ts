import { setTimeout as delay } from 'node:timers/promises';
import type { Clock } from '../core/clock';

export const systemClock: Clock = {
  nowMs: () => Date.now(),
  sleep: (ms) => delay(ms).then(() => undefined),
};

/**
 * A clock fixed at one moment (`FINAGG_NOW`, tests). Sleeping moves it forward without
 * waiting, so retries with backoff are instant and reproducible.
 */
export function fixedClock(startMs: number): Clock & { advance(ms: number): void } {
  let now = startMs;
  return {
    nowMs: () => now,
    sleep: async (ms) => {
      now += Math.max(0, ms);
    },
    advance: (ms) => {
      now += ms;
    },
  };
}

/**
 * A clock that starts at one moment and runs `rate` times faster than real time
 * (`FINAGG_NOW` with `FINAGG_CLOCK_RATE`): the simulated banks' days pass in seconds, so
 * a daemon's rounds each find new rows, as they would over a day (npm run bench).
 */
export function runningClock(startMs: number, rate: number): Clock {
  const origin = performance.now();
  const now = () => startMs + Math.round((performance.now() - origin) * rate);
  return {
    nowMs: now,
    sleep: (ms) => delay(Math.max(0, ms) / rate).then(() => undefined),
  };
}
