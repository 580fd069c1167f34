import { closestName } from '../../core/closest-name';
import { AppError, invalidInput } from '../../core/errors';
import type { AppCredentials, ConsentBank, ConsentGrant, RedirectConsentLink } from '../../providers/link-method';
import { displayText } from '../../core/display-text';
import type { AppContext } from '../context';
import { newState } from '../pkce';
import { getSettings } from '../settings';
import { requireAppCredentials, saveAppCredentials } from './app-credentials';

/** What a person gives to link a bank by redirect consent (Enable Banking). */
export interface ConsentOptions {
  /** The application given on this link (`--app-id`, the key file's text); stored ones otherwise. */
  app?: { appId: string; privateKeyPem: string };
  /** The bank's exact name in the aggregator's list, and its country. */
  bank?: string;
  country?: string;
  /**
   * Sends the person to the bank's consent page and returns the address their browser
   * landed on afterwards (received on a loopback listener, or pasted).
   */
  consentRedirect?: (request: ConsentRedirect) => Promise<string>;
}

export interface ConsentRedirect {
  bankName: string;
  /** The bank's consent page. */
  url: string;
  /** Where the bank sends the browser back to. */
  redirectUrl: string;
  /** The state the address must carry back. */
  state: string;
  /** When the consent asked for ends (ISO). */
  validUntil: string;
}

/** A finished consent and what the link must store beside its secret. */
export interface ConsentResult {
  grant: ConsentGrant;
  bank: ConsentBank;
  app: AppCredentials;
}

/** `DE:Finagg Testbank`: the bank a connection's consent is given at, as stored. */
export function institutionOf(bank: { name: string; country: string }): string {
  return `${bank.country}:${bank.name}`;
}

export function parseInstitution(text: string | null): { name: string; country: string } | undefined {
  const match = text === null ? null : /^([A-Z]{2}):(.+)$/s.exec(text);
  return match ? { country: match[1]!, name: match[2]! } : undefined;
}

/** An ISO 3166 two-letter country code, upper-cased; refused in one line otherwise. */
export function countryCode(text: string): string {
  const code = text.trim().toUpperCase();
  if (!/^[A-Z]{2}$/.test(code))
    throw invalidInput(
      `--country: not a two-letter country code (got ${JSON.stringify(text.slice(0, 20))})`,
      'such as DE, FR, FI',
    );
  return code;
}

/** The application to use: the one given now (checked, not yet stored), else the stored one. */
export async function applicationFor(
  ctx: AppContext,
  link: RedirectConsentLink,
  given: ConsentOptions['app'],
): Promise<AppCredentials> {
  if (given) return link.checkCredentials(given.appId, given.privateKeyPem);
  return requireAppCredentials(ctx);
}

/** The bank of a country by its exact name (case aside), or a refusal that names the near ones. */
export async function findConsentBank(
  link: RedirectConsentLink,
  app: AppCredentials,
  name: string,
  country: string,
): Promise<ConsentBank> {
  const banks = await link.banks(app, country);
  const wanted = name.trim().toLowerCase();
  const found = banks.find((b) => b.name.toLowerCase() === wanted);
  if (found) return found;
  const near =
    closestName(
      name,
      banks.map((b) => b.name),
    ) ?? banks.find((b) => b.name.toLowerCase().includes(wanted))?.name;
  throw new AppError(
    'not_found',
    `no bank ${JSON.stringify(name)} in ${country} at Enable Banking${near ? ` (did you mean ${JSON.stringify(near)}?)` : ''}`,
    `find its exact name: finagg banks --country ${country} --search <part of the name>`,
  );
}

/**
 * PSD2 consent by redirect: the bank is found by name, a consent as long as the bank
 * allows (at most the provider's longest) is started with a fresh `state`, the person
 * approves at the bank, and the address the browser lands on is checked (same redirect
 * URL, same state, no error) before its code is used, once. The application given on this
 * link is stored only after the aggregator accepted it.
 */
export async function redirectConsent(
  ctx: AppContext,
  providerName: string,
  link: RedirectConsentLink,
  options: ConsentOptions,
  renew?: { name: string; country: string },
): Promise<ConsentResult> {
  const app = await applicationFor(ctx, link, options.app);
  const bankName = options.bank ?? renew?.name;
  const country = options.country !== undefined ? countryCode(options.country) : renew?.country;
  if (bankName === undefined || bankName.trim() === '' || country === undefined) {
    throw new AppError(
      'usage',
      `linking through ${providerName} needs the bank and its country`,
      '--bank "<name>" --country <CC> (finagg banks --country <CC> lists them)',
    );
  }
  if (!options.consentRedirect) throw new AppError('usage', `linking ${providerName} needs a browser or a pasted address`);
  const bank = await findConsentBank(link, app, bankName, country);
  const seconds = Math.min(link.longestConsentSeconds, bank.maximumConsentSeconds);
  // A minute short of the bank's longest: the aggregator refuses a validity past it, and
  // the request takes a moment to arrive.
  const validUntil = new Date(ctx.clock.nowMs() + Math.max(60, seconds - 60) * 1000).toISOString();
  const redirectUrl = (await getSettings(ctx))['enablebanking.redirect_url'];
  const state = newState(ctx.random);
  const { url } = await link.start(app, { bank: bank.name, country: bank.country, redirectUrl, state, validUntil });
  const landed = await options.consentRedirect({ bankName: bank.name, url, redirectUrl, state, validUntil });
  const code = readConsentRedirect(bank.name, landed, redirectUrl, state);
  const grant = await link.authorize(app, code);
  if (options.app) await saveAppCredentials(ctx, app);
  return { grant, bank, app };
}

/** The code from the address the browser landed on, after checking it answers our own request. */
export function readConsentRedirect(bankName: string, landed: string, redirectUrl: string, state: string): string {
  const text = landed.trim();
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw invalidInput(
      `the address pasted is not a URL (got ${JSON.stringify(displayText(text, 60))})`,
      `paste the whole address from the browser, starting ${redirectUrl}`,
    );
  }
  const expected = new URL(redirectUrl);
  if (url.origin !== expected.origin || url.pathname !== expected.pathname) {
    throw new AppError(
      'security',
      `the address is not the redirect URL (${redirectUrl})`,
      'nothing was linked; paste the address the bank sent you back to',
    );
  }
  // A mismatched state means this redirect answers someone else's request (CSRF).
  if (url.searchParams.get('state') !== state) {
    throw new AppError(
      'security',
      `${bankName} answered with a state that does not match the request`,
      'nothing was linked; try again',
    );
  }
  const error = url.searchParams.get('error');
  if (error !== null) {
    const said = displayText(url.searchParams.get('error_description') ?? '', 160);
    const what = error === 'access_denied' ? 'consent was declined' : `${bankName} refused (${displayText(error, 40)})`;
    throw new AppError('provider_error', `${what}${said ? `: ${said}` : ''}; nothing was linked`);
  }
  const code = url.searchParams.get('code');
  if (!code) throw new AppError('provider_error', `${bankName} sent no authorization code; nothing was linked`);
  return code;
}
