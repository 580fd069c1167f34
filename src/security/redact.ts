/** Field names whose values are secrets wherever they appear. */
const SECRET_KEY = /token|secret|password|verifier|(^|_)key$|authorization|code$/i;

/**
 * A copy of `fields` with secret-looking values replaced, at any depth. Logs and error
 * details go through this; it is a second line of defence, not the first (secrets are
 * never put into fields on purpose).
 */
export function redact(fields: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(fields)) {
    if (SECRET_KEY.test(key)) out[key] = '[redacted]';
    else if (value !== null && typeof value === 'object' && !Array.isArray(value))
      out[key] = redact(value as Record<string, unknown>);
    else out[key] = value;
  }
  return out;
}

/** `scheme://user:password@` in any text: a URL's credentials. */
const URL_USERINFO = /\b([a-z][a-z0-9+.-]*:\/\/)[^\s/?#@]*@/gi;

/**
 * The text with the credentials of every URL in it masked (`https://u:p@host/x` ->
 * `https://***@host/x`: the reader still sees that the URL had some). SimpleFIN's access
 * URL carries its secret as userinfo; a message that quotes a URL must not carry it to a
 * terminal or a log.
 */
export function stripUrlCredentials(text: string): string {
  return text.replace(URL_USERINFO, '$1***@');
}
