import type { AuthorizationServer } from './sim/oauth-types';

/**
 * How a person grants finagg access to a provider. Providers differ here, so linking is
 * a method the provider declares, not one flow for all (DESIGN.md, Providers):
 * - `oauth_code`: the authorization-code flow with PKCE (the simulated banks);
 * - `setup_token`: a one-time token the person pastes, claimed once for a long-lived
 *   secret (SimpleFIN Bridge).
 * A hosted browser flow would be a third member.
 */
export type LinkMethod = OAuthCodeLink | SetupTokenLink;

export interface OAuthCodeLink {
  readonly method: 'oauth_code';
  /** Scopes asked for at link time, shown in the consent prompt. */
  readonly scopes: readonly string[];
  readonly authorization: AuthorizationServer;
}

export interface SetupTokenLink {
  readonly method: 'setup_token';
  /** Where a person makes a setup token (shown when asking for one). */
  readonly tokenPage: string;
  /**
   * Checks the token's form before any request: throws AppError('invalid_input') for
   * a token that is not what the provider issues.
   */
  checkToken(setupToken: string): void;
  /**
   * Claims the token and returns the long-lived secret it grants (it never expires and
   * is not refreshed). Throws ProviderError('invalid_grant') for a token the provider
   * refuses (wrong, or claimed already).
   */
  claim(setupToken: string): Promise<string>;
  /** What unlinking cannot do here and the person must do at the provider, if anything. */
  readonly revokeHint?: string;
}
