import { stripUrlCredentials } from '../../security/redact';
import type { ProviderNotice } from '../provider';
import { displayText } from '../../core/display-text';
import type { SimpleFinAccountSet as AccountSet } from './schema';

/**
 * What a SimpleFIN answer says besides its data: `errlist` (protocol 2: a code, a message,
 * and the connection or account it is about), the older `errors` strings, and the
 * Bridge's `x-api-message` strings. The protocol requires showing them to the person and
 * sanitizing them first: they come from a server and reach a terminal.
 */

/** Messages are shown on one line of a table; longer ones are cut. */
const MAX_MESSAGE = 200;

export interface AnswerNotices {
  /** About the whole answer or a connection at the Bridge: every account's page gets them. */
  general: ProviderNotice[];
  /** About one account (`act.*`), by account id. */
  byAccount: Map<string, ProviderNotice[]>;
  /** Connection ids at the Bridge with a connection-level problem (`con.*`). */
  connections: Map<string, ProviderNotice[]>;
  /** The Bridge capped the date range of this request. */
  capped: boolean;
}

/** The Bridge's notice that a request's date range was cut to its limit: not an error. */
const RANGE_CAPPED = /date range|exceeds? (the )?limit|was capped/i;

export function readNotices(set: AccountSet): AnswerNotices {
  const out: AnswerNotices = { general: [], byAccount: new Map(), connections: new Map(), capped: false };
  const add = (map: Map<string, ProviderNotice[]>, key: string, notice: ProviderNotice) => {
    const list = map.get(key) ?? [];
    if (!list.some((n) => n.message === notice.message)) list.push(notice);
    map.set(key, list);
  };
  const seen = new Set<string>();
  for (const entry of set.errlist ?? []) {
    const message = clean(entry.msg ?? entry.message ?? '');
    const code = clean(entry.code).slice(0, 40) || 'gen.';
    if (message === '') continue;
    seen.add(message);
    const prefix = code.split('.')[0];
    if (prefix === 'gen' && code === 'gen.api' && RANGE_CAPPED.test(message)) {
      out.capped = true;
      continue;
    }
    // Unknown sub-codes fall back to their prefix, as the protocol asks.
    if (prefix === 'act' && entry.account_id) add(out.byAccount, entry.account_id, { code, message, attention: true });
    else if (prefix === 'con' && entry.conn_id) add(out.connections, entry.conn_id, { code, message, attention: true });
    else out.general.push({ code, message, attention: code !== 'gen.api' });
  }
  // Servers of protocol 2 repeat errlist's messages in `errors`; only new ones are added.
  for (const text of set.errors ?? []) {
    const message = clean(text);
    if (message === '' || seen.has(message)) continue;
    seen.add(message);
    if (RANGE_CAPPED.test(message)) {
      out.capped = true;
      continue;
    }
    out.general.push({ code: 'message', message, attention: true });
  }
  const apiMessages: unknown = Reflect.get(set, 'x-api-message');
  if (Array.isArray(apiMessages)) {
    for (const text of apiMessages) {
      if (typeof text !== 'string') continue;
      const message = clean(text);
      if (message === '' || seen.has(message)) continue;
      seen.add(message);
      out.general.push({ code: 'gen.api', message, attention: false });
    }
  }
  return out;
}

function clean(text: string): string {
  return displayText(stripUrlCredentials(text), MAX_MESSAGE);
}
