import { AppError } from '../../core/errors';
import { DEFAULT_DAILY } from './household';

export interface SimConfig {
  /** Days of history a simulated bank holds before now. */
  historyDays: number;
  /**
   * Everyday purchases a day across the household at home (household.ts). Recurring
   * payments and transfers stay as they are; prices scale inversely, so the money is the same.
   */
  daily: number;
}

export const DEFAULT_SIM_CONFIG: SimConfig = { historyDays: 180, daily: DEFAULT_DAILY };

/** Reads FINAGG_SIM_HISTORY_DAYS and FINAGG_SIM_DAILY; throws AppError('invalid_input') on a bad value. */
export function readSimConfig(env: NodeJS.ProcessEnv): SimConfig {
  return {
    historyDays: readHistoryDays(env.FINAGG_SIM_HISTORY_DAYS),
    daily: readDaily(env.FINAGG_SIM_DAILY),
  };
}

function readHistoryDays(text: string | undefined): number {
  if (text === undefined || text.trim() === '') return DEFAULT_SIM_CONFIG.historyDays;
  const value = /^\s*\d+\s*$/.test(text) ? Number(text) : Number.NaN;
  if (!Number.isSafeInteger(value) || value < 1 || value > 36500) {
    throw new AppError(
      'invalid_input',
      `invalid FINAGG_SIM_HISTORY_DAYS "${text}": must be a whole number of days from 1 to 36500`,
    );
  }
  return value;
}

function readDaily(text: string | undefined): number {
  if (text === undefined || text.trim() === '') return DEFAULT_SIM_CONFIG.daily;
  const value = /^\s*(\d+(\.\d*)?|\.\d+)\s*$/.test(text) ? Number(text) : Number.NaN;
  if (!Number.isFinite(value) || value <= 0 || value > 1000) {
    throw new AppError('invalid_input', `invalid FINAGG_SIM_DAILY "${text}": must be a number above 0 and at most 1000`);
  }
  return value;
}
