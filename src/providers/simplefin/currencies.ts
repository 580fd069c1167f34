import * as z from '../../validation/zod';
import { displayText } from '../../core/display-text';
import { httpsRequest } from './https';

/**
 * SimpleFIN's currencies: an ISO 4217 code, or the URL of a custom currency (airline
 * miles, reward points) whose JSON gives its `name` and `abbr`. A URL is resolved once
 * and remembered (CurrencyStore), so later syncs ask nobody; the abbreviation becomes
 * the account's currency code, upper-cased and cut to what fits a table.
 */

export interface CurrencyStore {
  get(url: string): string | undefined;
  put(url: string, abbr: string, name: string): void;
}

const customCurrency = z.object({ name: z.string(), abbr: z.string() });

const ISO_CODE = /^[A-Za-z]{3}$/;

export type Resolved = { code: string } | { problem: string };

export async function resolveCurrency(
  currency: string,
  store: CurrencyStore | undefined,
  memory: Map<string, string>,
  timeoutMs: number,
): Promise<Resolved> {
  const text = currency.trim();
  if (ISO_CODE.test(text)) return { code: text.toUpperCase() };
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return { problem: `currency ${JSON.stringify(displayText(text, 40))} is neither an ISO code nor a URL` };
  }
  if (url.protocol !== 'https:') return { problem: `custom currency ${url.host} is not served over https` };
  const known = memory.get(url.href) ?? store?.get(url.href);
  if (known) {
    memory.set(url.href, known);
    return { code: known };
  }
  try {
    const answer = await httpsRequest({ method: 'GET', url, timeoutMs, maxBytes: 64 * 1024 });
    if (answer.status !== 200) return { problem: `custom currency at ${url.host} answered ${answer.status}` };
    const parsed = customCurrency.safeParse(JSON.parse(answer.body));
    const code = parsed.success ? currencyCode(parsed.data.abbr) : undefined;
    if (!parsed.success || !code) return { problem: `custom currency at ${url.host} has no usable abbr` };
    memory.set(url.href, code);
    store?.put(url.href, code, displayText(parsed.data.name, 80));
    return { code };
  } catch (error) {
    return {
      problem: `custom currency at ${url.host} could not be read (${error instanceof Error ? displayText(error.message, 80) : 'error'})`,
    };
  }
}

/** `pts` -> `PTS`, `Maple Points!` -> `MAPLEPOINTS`; at most 12 characters, starting with a letter. */
export function currencyCode(abbr: string): string | undefined {
  const code = abbr
    .toUpperCase()
    .replace(/[^A-Z0-9]/g, '')
    .slice(0, 12);
  return /^[A-Z][A-Z0-9]{1,11}$/.test(code) ? code : undefined;
}
