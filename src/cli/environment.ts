import { invalidInput } from '../core/errors';
import { showValue } from './render/quote';

export interface Environment {
  /** Fixed clock (`FINAGG_NOW`), or undefined for the system clock. */
  nowMs: number | undefined;
  /** With `nowMs`: how many times faster than real time the clock runs from it (`FINAGG_CLOCK_RATE`); 0 stands still. */
  clockRate: number;
  seed: number;
  debug: boolean;
}

/** The default seed of the simulated banks, so two fresh homes see the same banks. */
export const DEFAULT_SEED = 42;

/** The environment variables of CLI.md, validated: a bad value is a usage error. */
export function readEnvironment(env: NodeJS.ProcessEnv): Environment {
  return {
    nowMs: readNow(env.FINAGG_NOW),
    clockRate: readClockRate(env.FINAGG_CLOCK_RATE),
    seed: readSeed(env.FINAGG_SEED),
    debug: env.FINAGG_DEBUG === '1',
  };
}

function readClockRate(text: string | undefined): number {
  if (text === undefined || text === '') return 0;
  const rate = /^\d{1,7}(\.\d+)?$/.test(text) ? Number(text) : NaN;
  if (!(rate > 0 && rate <= 1_000_000))
    throw invalidInput(
      `invalid FINAGG_CLOCK_RATE ${showValue(text)}: must be a number from above 0 to 1000000 (times real time)`,
    );
  return rate;
}

function readNow(text: string | undefined): number | undefined {
  if (text === undefined || text === '') return undefined;
  // A date alone means its midnight UTC; otherwise a full ISO time with a zone.
  const ok = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2}))?$/.test(text);
  const ms = ok ? Date.parse(text.length === 10 ? `${text}T00:00:00Z` : text) : NaN;
  if (Number.isNaN(ms)) {
    throw invalidInput(`invalid FINAGG_NOW ${showValue(text)}: must be an ISO time such as 2026-01-31T12:00:00Z`);
  }
  return ms;
}

function readSeed(text: string | undefined): number {
  if (text === undefined || text === '') return DEFAULT_SEED;
  if (!/^\d{1,9}$/.test(text)) {
    throw invalidInput(`invalid FINAGG_SEED ${showValue(text)}: must be a whole number from 0 to 999999999`);
  }
  return Number(text);
}
