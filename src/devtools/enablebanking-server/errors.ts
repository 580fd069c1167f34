// The API's error answers: JSON {message, code, error, detail}, where `code` repeats the HTTP
// status and `error` is one of Enable Banking's error codes. Messages never carry a JWT, a
// session id, a code or a continuation key.

export type ErrorCode =
  | 'ACCESS_DENIED'
  | 'ALREADY_AUTHORIZED'
  | 'ASPSP_ACCOUNT_NOT_ACCESSIBLE'
  | 'ASPSP_ERROR'
  | 'ASPSP_RATE_LIMIT_EXCEEDED'
  | 'ASPSP_TIMEOUT'
  | 'CLOSED_SESSION'
  | 'DATE_FROM_IN_FUTURE'
  | 'EXPIRED_AUTHORIZATION_CODE'
  | 'EXPIRED_SESSION'
  | 'ACCOUNT_DOES_NOT_EXIST'
  | 'METHOD_NOT_ALLOWED'
  | 'NOT_FOUND'
  | 'REDIRECT_URI_NOT_ALLOWED'
  | 'REVOKED_SESSION'
  | 'SESSION_DOES_NOT_EXIST'
  | 'UNAUTHORIZED_ACCESS'
  | 'WRONG_ASPSP_PROVIDED'
  | 'WRONG_AUTHORIZATION_CODE'
  | 'WRONG_CONTINUATION_KEY'
  | 'WRONG_REQUEST_PARAMETERS'
  | 'WRONG_SESSION_STATUS'
  | 'WRONG_TRANSACTIONS_PERIOD';

export interface ErrorResponse {
  readonly message: string;
  readonly code: number;
  readonly error: ErrorCode;
  readonly detail: unknown;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly error: ErrorCode,
    message: string,
    readonly detail: unknown = null,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  body(): ErrorResponse {
    return { message: this.message, code: this.status, error: this.error, detail: this.detail };
  }
}

/** What an injected failure of status `status` says (failNext). */
export function injectedFailure(status: number): ApiError {
  if (status === 429) return new ApiError(429, 'ASPSP_RATE_LIMIT_EXCEEDED', 'The bank refused the request: too many requests');
  if (status === 408 || status === 504) return new ApiError(status, 'ASPSP_TIMEOUT', 'The bank did not answer in time');
  return new ApiError(status, 'ASPSP_ERROR', 'The bank answered with an error');
}

export function wrongParameters(message: string, detail: unknown = null): ApiError {
  return new ApiError(422, 'WRONG_REQUEST_PARAMETERS', message, detail);
}
