import { invalidInput } from '../../core/errors';
import { ProviderError } from '../errors';
import type { ConsentBank, RedirectConsentLink } from '../link-method';
import { displayText } from '../../core/display-text';
import { EnableBankingError, type EnableBankingApi, PROVIDER } from './client';
import { checkCredentials } from './credentials';
import { aspspSchema, aspspsAnswerSchema, authAnswerSchema, sessionAnswerSchema } from './schema';
import { buildSecret, readSecret } from './secret';

/**
 * Linking through Enable Banking: the banks of a country, a consent started at the bank
 * (POST /auth), the redirect's code turned into a session (POST /sessions), and the
 * session ended on unlink (DELETE /sessions/{id}). Each call is signed by the person's own
 * application, given explicitly: at link time it is not sealed anywhere yet.
 */

/** finagg asks for at most 180 days of consent, whatever a bank allows. */
export const LONGEST_CONSENT_SECONDS = 180 * 24 * 60 * 60;
/** A bank whose list entry leaves out its longest consent is taken to allow PSD2's classic 90 days. */
const UNSTATED_CONSENT_SECONDS = 90 * 24 * 60 * 60;

const COUNTRY = /^[A-Za-z]{2}$/;
const ISO_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})$/i;

export function createConsentLink(api: EnableBankingApi): RedirectConsentLink {
  return {
    method: 'redirect_consent',
    longestConsentSeconds: LONGEST_CONSENT_SECONDS,
    checkCredentials,

    async banks(app, country) {
      if (!COUNTRY.test(country.trim())) {
        throw invalidInput(
          `--country: not a two-letter country code like DE or FI (got ${JSON.stringify(country.slice(0, 10))})`,
        );
      }
      const code = country.trim().toUpperCase();
      const json = await api.call(app, {
        method: 'GET',
        path: '/aspsps',
        query: { country: code, psu_type: 'personal' },
        what: 'the list of banks',
      });
      const answer = aspspsAnswerSchema.safeParse(json);
      if (!answer.success) throw notWhat('the list of banks');
      return answer.data.aspsps.flatMap((item): ConsentBank[] => {
        const bank = aspspSchema.safeParse(item);
        if (!bank.success) return [];
        const { name, country: bankCountry, psu_types, maximum_consent_validity, beta } = bank.data;
        // The name goes back to the API as it is (POST /auth) and is shown as it is: a name
        // that sanitizing would change can be neither, so the bank is not offered.
        if (name === '' || displayText(name, 200) !== name || !COUNTRY.test(bankCountry)) return [];
        const seconds =
          maximum_consent_validity != null && Number.isSafeInteger(maximum_consent_validity) && maximum_consent_validity > 0
            ? maximum_consent_validity
            : UNSTATED_CONSENT_SECONDS;
        return [
          {
            name,
            country: bankCountry.toUpperCase(),
            maximumConsentSeconds: seconds,
            psuTypes: (psu_types ?? []).map((t) => displayText(t, 20)).filter((t) => t !== ''),
            beta: beta === true,
          },
        ];
      });
    },

    async start(app, request) {
      const json = await api.call(app, {
        method: 'POST',
        path: '/auth',
        body: {
          access: { valid_until: request.validUntil, balances: true, transactions: true },
          aspsp: { name: request.bank, country: request.country },
          state: request.state,
          redirect_url: request.redirectUrl,
          psu_type: 'personal',
        },
        what: 'a consent',
        hide: [request.state],
      });
      const answer = authAnswerSchema.safeParse(json);
      const url = answer.success ? consentPage(answer.data.url) : undefined;
      if (url === undefined) throw notWhat('a consent (no https URL of a consent page)');
      return { url };
    },

    async authorize(app, code) {
      if (code.trim() === '') throw invalidInput('code: empty; paste the whole address the bank sent the browser to');
      const json = await api.call(app, {
        method: 'POST',
        path: '/sessions',
        body: { code },
        what: 'the session',
        hide: [code],
      });
      const answer = sessionAnswerSchema.safeParse(json);
      if (!answer.success) throw notWhat('the session');
      const { session_id, accounts, aspsp, access } = answer.data;
      const secret = buildSecret(session_id, { name: aspsp.name, country: aspsp.country }, accounts);
      return {
        secret,
        consentExpiresAt: isoInstant(access?.valid_until),
        bank: { name: displayText(aspsp.name, 100) || 'the bank', country: displayText(aspsp.country, 2).toUpperCase() },
      };
    },

    async end(app, secretText) {
      const secret = readSecret(secretText);
      try {
        await api.call(app, {
          method: 'DELETE',
          path: `/sessions/${encodeURIComponent(secret.session_id)}`,
          what: 'the end of the session',
          hide: [secret.session_id],
        });
      } catch (error) {
        // Ended already (expired, revoked, closed, unknown): what unlinking wanted is true.
        if (error instanceof ProviderError && error.kind === 'login_required') return;
        if (error instanceof EnableBankingError && error.status === 404) return;
        throw error;
      }
    },
  };
}

function notWhat(what: string): ProviderError {
  return new ProviderError(PROVIDER, 'institution_down', `Enable Banking answered with something that is not ${what}`);
}

/** The consent page: https, or http on this machine only (a local test server). */
function consentPage(text: string): string | undefined {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return undefined;
  }
  const loopback = url.hostname === 'localhost' || url.hostname === '127.0.0.1' || url.hostname === '[::1]';
  return url.protocol === 'https:' || (url.protocol === 'http:' && loopback) ? url.href : undefined;
}

/** An RFC 3339 time with an offset as ISO UTC; null for anything that does not name an instant. */
export function isoInstant(text: string | null | undefined): string | null {
  if (text == null || !ISO_WITH_OFFSET.test(text.trim())) return null;
  const ms = Date.parse(text.trim());
  if (!Number.isFinite(ms)) return null;
  const iso = new Date(ms).toISOString();
  return /^\d{4}-/.test(iso) ? iso : null;
}
