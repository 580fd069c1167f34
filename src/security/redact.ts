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
