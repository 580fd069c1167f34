import type { AuthorizationServer } from './sim/oauth-types';

/**
 * How a person grants finagg access to a provider. Providers differ here, so linking is
 * a method the provider declares, not one flow for all (DESIGN.md, Providers):
 * - `oauth_code`: the authorization-code flow with PKCE (the simulated banks);
 * - `setup_token`: a one-time token the person pastes, claimed once for a long-lived
 *   secret (SimpleFIN Bridge).
 * - `redirect_consent`: PSD2 consent by redirect to the bank and back, signed by the
 *   person's own application (Enable Banking).
 * A hosted browser flow would be a fourth member.
 */
export type LinkMethod = OAuthCodeLink | SetupTokenLink | RedirectConsentLink;

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

/** The person's own application at an aggregator: its id and RS256 private key (PEM). */
export interface AppCredentials {
  readonly appId: string;
  readonly privateKeyPem: string;
}

/** A bank the aggregator reaches, as its list says. */
export interface ConsentBank {
  readonly name: string;
  /** ISO 3166 two-letter code. */
  readonly country: string;
  /** The longest consent the bank allows, in seconds. */
  readonly maximumConsentSeconds: number;
  readonly psuTypes: readonly string[];
  readonly beta: boolean;
}

/** What a finished consent grants. */
export interface ConsentGrant {
  /** The connection's secret, sealed by the caller (it holds the session id). */
  readonly secret: string;
  /** When the consent ends (ISO), as the aggregator confirmed it; null when it did not say. */
  readonly consentExpiresAt: string | null;
  /** The bank of the session. */
  readonly bank: { readonly name: string; readonly country: string };
}

export interface RedirectConsentLink {
  readonly method: 'redirect_consent';
  /** The longest consent finagg asks for, whatever a bank allows. */
  readonly longestConsentSeconds: number;
  /**
   * Checks an application id and key text before any use: throws AppError('invalid_input')
   * naming the field (never the key's content).
   */
  checkCredentials(appId: string, privateKeyPem: string): AppCredentials;
  /** The banks of a country (GET /aspsps). */
  banks(app: AppCredentials, country: string): Promise<ConsentBank[]>;
  /** Starts a consent (POST /auth); returns the URL of the bank's consent page. */
  start(
    app: AppCredentials,
    request: { bank: string; country: string; redirectUrl: string; state: string; validUntil: string },
  ): Promise<{ url: string }>;
  /** Turns the code of the redirect into a session (POST /sessions, once). */
  authorize(app: AppCredentials, code: string): Promise<ConsentGrant>;
  /** Ends the session at the aggregator (DELETE /sessions/{id}). */
  end(app: AppCredentials, secret: string): Promise<void>;
}
