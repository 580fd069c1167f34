import { describe, expect, it } from 'vitest';
import { AppError } from '../../../src/core/errors';
import { readSimConfig } from '../../../src/providers/sim/config';

describe('simulation settings', () => {
  it('defaults to 180 days of history and 2 everyday purchases a day', () => {
    expect(readSimConfig({})).toEqual({ historyDays: 180, daily: 2 });
    expect(readSimConfig({ FINAGG_SIM_HISTORY_DAYS: '', FINAGG_SIM_DAILY: ' ' })).toEqual({ historyDays: 180, daily: 2 });
  });

  it('reads valid values', () => {
    expect(readSimConfig({ FINAGG_SIM_HISTORY_DAYS: '3650', FINAGG_SIM_DAILY: '40' })).toEqual({ historyDays: 3650, daily: 40 });
    expect(readSimConfig({ FINAGG_SIM_DAILY: '0.5' }).daily).toBe(0.5);
    expect(readSimConfig({ FINAGG_SIM_HISTORY_DAYS: '1', FINAGG_SIM_DAILY: '1000' })).toEqual({ historyDays: 1, daily: 1000 });
  });

  it.each([
    ['FINAGG_SIM_HISTORY_DAYS', '0'],
    ['FINAGG_SIM_HISTORY_DAYS', '36501'],
    ['FINAGG_SIM_HISTORY_DAYS', '1.5'],
    ['FINAGG_SIM_HISTORY_DAYS', 'ten'],
    ['FINAGG_SIM_DAILY', '0'],
    ['FINAGG_SIM_DAILY', '-1'],
    ['FINAGG_SIM_DAILY', '1001'],
    ['FINAGG_SIM_DAILY', '1e3'],
    ['FINAGG_SIM_DAILY', 'x'],
  ])('refuses %s=%s with invalid_input naming the variable and value', (name, value) => {
    const read = () => readSimConfig({ [name]: value });
    expect(read).toThrow(AppError);
    expect(read).toThrow(`invalid ${name} "${value}": must be`);
    try {
      read();
    } catch (error) {
      expect(error instanceof AppError && error.code).toBe('invalid_input');
    }
  });
});
