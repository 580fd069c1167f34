import { AppError } from '../../core/errors';

/**
 * SimpleFIN's two secrets, as URLs. A setup token is base64 of a one-time claim URL; the
 * claim returns an access URL whose `user:password` is the lasting secret. Neither is
 * ever quoted in a message: only its origin is.
 */

export interface AccessUrl {
  /** The server's root, without credentials (`https://bridge.simplefin.org/simplefin`). */
  root: URL;
  /** The `Authorization` header value (HTTP Basic of the URL's credentials). */
  authorization: string;
}

/** The claim URL inside a setup token; refuses anything but base64 of an https URL. */
export function decodeSetupToken(token: string): URL {
  const compact = token.replace(/\s+/g, '');
  const refused = (why: string) =>
    new AppError(
      'invalid_input',
      `setup token: ${why} (got ${compact.length} characters)`,
      'paste the whole token the Bridge shows after "Create token"',
    );
  if (compact === '' || !/^[A-Za-z0-9+/_-]+={0,2}$/.test(compact)) throw refused('not base64');
  const text = Buffer.from(compact.replace(/-/g, '+').replace(/_/g, '/'), 'base64').toString('utf8');
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    throw refused('not base64 of a URL');
  }
  if (url.protocol !== 'https:') throw refused('its URL is not https');
  if (url.username !== '' || url.password !== '') throw refused('its URL carries credentials');
  return url;
}

/** Reads the access URL a claim returned; undefined when it is not an https URL with credentials. */
export function parseAccessUrl(text: string): AccessUrl | undefined {
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    return undefined;
  }
  if (url.protocol !== 'https:' || url.username === '' || url.password === '') return undefined;
  const user = decodeURIComponent(url.username);
  const password = decodeURIComponent(url.password);
  url.username = '';
  url.password = '';
  url.search = '';
  url.hash = '';
  url.pathname = url.pathname.replace(/\/+$/, '');
  return { root: url, authorization: `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}` };
}

/** A URL for messages: its origin only (paths may hold one-time codes). */
export const originOf = (url: URL): string => url.origin;
