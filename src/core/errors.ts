/**
 * The one error type of finagg. `code` is stable (scripts read it from `--json`),
 * `message` is for people, `hint` says what to do next.
 */
export type ErrorCode =
  | 'usage' // a command, option or argument that does not exist
  | 'invalid_input' // a value that does not validate
  | 'not_found' // an id or name that matches nothing
  | 'conflict' // the request contradicts stored state (already linked, ...)
  | 'provider_error' // a bank failed or refused
  | 'needs_relink' // the bank wants the person to log in again
  | 'storage' // the database could not be opened or written
  | 'security' // a key or token could not be opened
  | 'busy' // another process holds what we need (daemon lock)
  | 'internal'; // a bug

/** Errors the person can fix by typing something else: nothing was changed. */
const USAGE_CODES: ReadonlySet<ErrorCode> = new Set(['usage', 'invalid_input', 'not_found', 'conflict']);

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly hint: string | undefined;

  constructor(code: ErrorCode, message: string, hint?: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'AppError';
    this.code = code;
    this.hint = hint;
  }
}

/** 2 for bad usage or input (nothing changed), 1 for a failure at run time. */
export function exitCodeFor(error: AppError): 1 | 2 {
  return USAGE_CODES.has(error.code) ? 2 : 1;
}

/** Anything thrown becomes an AppError; unknown errors are `internal` and keep their cause. */
export function toAppError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  const message = error instanceof Error ? error.message : String(error);
  // SQLite found damage mid-command (it refuses to go on): say so, and the way back.
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && (code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB'))
    return new AppError(
      'storage',
      `the database is damaged: ${message}`,
      'run finagg doctor; finagg restore <backup> brings it back',
      {
        cause: error,
      },
    );
  return new AppError('internal', message, 'run again with FINAGG_DEBUG=1 for details', { cause: error });
}

export const usageError = (message: string, hint?: string) => new AppError('usage', message, hint);
export const invalidInput = (message: string, hint?: string) => new AppError('invalid_input', message, hint);
