import { describe, expect, it } from 'vitest';
import { AppError, type ErrorCode, exitCodeFor, toAppError } from '../../src/core/errors';

describe('AppError exit codes', () => {
  const cases: [ErrorCode, number][] = [
    ['usage', 2],
    ['invalid_input', 2],
    ['not_found', 2],
    ['conflict', 2],
    ['provider_error', 1],
    ['needs_relink', 1],
    ['storage', 1],
    ['security', 1],
    ['busy', 1],
    ['internal', 1],
  ];
  it.each(cases)('%s exits %i', (code, exit) => {
    expect(exitCodeFor(new AppError(code, 'x'))).toBe(exit);
  });

  it('turns an unknown thrown value into an internal error that keeps its cause', () => {
    const cause = new TypeError('boom');
    const error = toAppError(cause);
    expect(error.code).toBe('internal');
    expect(error.message).toBe('boom');
    expect(error.cause).toBe(cause);
    expect(exitCodeFor(error)).toBe(1);
  });
});
