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
