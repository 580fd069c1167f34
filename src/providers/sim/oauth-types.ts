/**
 * The OAuth 2.0 authorization-code flow with PKCE (RFC 6749, RFC 7636) as a simulated
 * bank's authorization server speaks it. Field names are the wire names of the RFCs.
 */
export interface AuthorizeRequest {
  response_type: 'code';
  client_id: string;
  redirect_uri: string;
  scope: string;
  state: string;
  code_challenge: string;
  code_challenge_method: string;
}

export type TokenRequest =
  | { grant_type: 'authorization_code'; code: string; redirect_uri: string; client_id: string; code_verifier?: string }
  | { grant_type: 'refresh_token'; refresh_token: string; client_id: string };

export interface TokenResponse {
  access_token: string;
  refresh_token: string;
  token_type: 'Bearer';
  /** Seconds. */
  expires_in: number;
  scope: string;
}

export interface AuthorizationServer {
  /** Where a real bank would send the browser; shown in the consent prompt. */
  readonly authorizeEndpoint: string;
  /**
   * The person's answer on the bank's consent page. Returns the redirect URI the
   * browser would be sent to, carrying `code` and `state`, or `error` and `state`.
   * Throws ProviderError('invalid_request') for a request the bank refuses outright
   * (unknown client, redirect URI not registered, no S256 challenge), and
   * ProviderError('invalid_credentials') when the login at the bank fails.
   */
  authorize(request: AuthorizeRequest, decision: 'approve' | 'deny'): Promise<string>;
  /** Throws ProviderError('invalid_grant' | 'invalid_request'). */
  token(request: TokenRequest): Promise<TokenResponse>;
  /** Revokes an access or refresh token and everything issued with it. Idempotent. */
  revoke(token: string): Promise<void>;
  /**
   * Used by the bank's data API on every request. Returns the granted scopes, or throws
   * ProviderError('token_expired') for an expired access token (refresh it) and
   * ProviderError('login_required') for an unknown or revoked one (relink).
   */
  verifyAccessToken(accessToken: string): Promise<{ scopes: string[] }>;
}
