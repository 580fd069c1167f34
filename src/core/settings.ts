import { isActiveCurrencyCode } from './fx/currency-codes';
import type { WeekStart } from './budget-period';
import { formatDuration, parseDuration } from './duration';
import { AGE_RECIPIENT } from './backups/manifest';
import { parseTargetText } from './backups/target-text';
import { formatKeepPolicy, type KeepPolicy, parseKeepPolicy } from './backups/retention';

export type { WeekStart };

/**
 * The known settings of `finagg config`: each with a check, a default and one line of
 * description. Values are stored in their text form (what `config get` prints), checked
 * again when read, and turned into the typed `Settings` the rest of finagg reads.
 */

/**
 * Every setting with its default filled in, typed, under the same key as in
 * `finagg config`, so a setting has one name everywhere.
 */
export interface Settings {
  week_start: WeekStart;
  'alerts.desktop': boolean;
  /** May hold a token in its path or query: never log it, log `webhookHost` instead. */
  'alerts.webhook': string | null;
  /** May hold a secret too (a curl header): never logged. */
  'alerts.command': string | null;
  /** In milliseconds. */
  'daemon.every': number;
  /** An amount in each account's currency (decimal text): projected lower than this raises an alert. */
  'alerts.low_balance': string | null;
  /** Addresses alerts are mailed to; the email channel is on when this and the host are set. */
  'alerts.email.to': string[] | null;
  /** The sender; the first `to` address when unset. */
  'alerts.email.from': string | null;
  'alerts.email.host': string | null;
  'alerts.email.port': number;
  /** TLS from the first byte, or a STARTTLS upgrade; null: TLS on port 465, STARTTLS on any other. */
  'alerts.email.tls': 'tls' | 'starttls' | null;
  /** The SMTP login; its password is the secret `alerts.email.password`. */
  'alerts.email.user': string | null;
  /** An ntfy topic URL; the topic is as good as a password (anyone who knows it reads it): log `webhookHost`. */
  'alerts.push.ntfy': string | null;
  /** The redirect URL registered with the person's Enable Banking application. */
  'enablebanking.redirect_url': string;
  /** The currency of the one net worth (ISO 4217); null: the one holding most of the money, chosen once. */
  'currency.home': string | null;
  /** Where backups are written: folders and `rclone:<remote>:<path>` remotes, as the person wrote them. */
  'backup.to': string[] | null;
  /** How many daily, weekly and monthly backups each target keeps. */
  'backup.keep': KeepPolicy;
  /** The recovery key's public half (`age1…`): every backup is encrypted to it; null until `backup init`. */
  'backup.recipient': string | null;
}

export const SETTING_KEYS = [
  'week_start',
  'alerts.desktop',
  'alerts.webhook',
  'alerts.command',
  'daemon.every',
  'alerts.low_balance',
  'alerts.email.to',
  'alerts.email.from',
  'alerts.email.host',
  'alerts.email.port',
  'alerts.email.tls',
  'alerts.email.user',
  'alerts.push.ntfy',
  'enablebanking.redirect_url',
  'currency.home',
  'backup.to',
  'backup.keep',
  'backup.recipient',
] as const;
export type SettingKey = (typeof SETTING_KEYS)[number];

export type SettingCheck = { ok: true; text: string } | { ok: false; reason: string };

export interface SettingSpec {
  readonly key: SettingKey;
  readonly description: string;
  /** The default as text; null when the default is unset. */
  readonly defaultText: string | null;
  /** The value as stored and shown, or why it is refused. */
  check(text: string): SettingCheck;
  /** What a log line may say about a value: the value itself unless it may hold a secret. */
  logValue(text: string): string | undefined;
}

const ok = (text: string): SettingCheck => ({ ok: true, text });
const fail = (reason: string): SettingCheck => ({ ok: false, reason });
const CONTROL = /[\u0000-\u001f\u007f]/;

function oneOfWords(...words: string[]) {
  const reason = `must be ${words.slice(0, -1).join(', ')} or ${words[words.length - 1]}`;
  return (text: string) => {
    const word = text.trim().toLowerCase();
    return words.includes(word) ? ok(word) : fail(reason);
  };
}

function checkWebhook(text: string): SettingCheck {
  const value = text.trim();
  const reason = 'must be an http:// or https:// URL';
  if (!/^https?:\/\//i.test(value) || /\s/.test(value) || CONTROL.test(value)) return fail(reason);
  if (value.length > 2000) return fail('must be at most 2000 characters');
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return fail(reason);
  }
  if (!url.hostname) return fail(reason);
  // fetch refuses URLs with credentials, and its error would quote the whole URL.
  if (url.username || url.password) return fail('must not hold a user or password (put a token in the path or query)');
  return ok(value);
}

function checkCommand(text: string): SettingCheck {
  const value = text.trim();
  if (value === '') return fail('must not be empty');
  if (CONTROL.test(value)) return fail('must be one line (put a longer script in a file and run that)');
  if (value.length > 1000) return fail('must be at most 1000 characters');
  return ok(value);
}

const MIN_EVERY_MS = 60_000;
const MAX_EVERY_MS = 24 * 3_600_000;

function checkEvery(text: string): SettingCheck {
  const ms = parseDuration(text);
  if (ms === undefined || ms < MIN_EVERY_MS || ms > MAX_EVERY_MS)
    return fail('must be a duration from 1m to 24h, such as 15m or 1h');
  return ok(formatDuration(ms));
}

function checkAmount(text: string): SettingCheck {
  const value = text.trim();
  if (!/^\d{1,12}(\.\d{1,2})?$/.test(value)) return fail('must be an amount such as 250 or 99.50 (in each account’s currency)');
  return ok(value);
}

/** One mail address: a local part and a domain, no spaces or brackets (display names are not taken). */
const ADDRESS = /^[^\s@<>,;"]+@[^\s@<>,;"]+$/;

function checkAddress(text: string): SettingCheck {
  const value = text.trim();
  return ADDRESS.test(value) && value.length <= 254 ? ok(value) : fail('must be a mail address such as you@example.com');
}

function checkAddresses(text: string): SettingCheck {
  const parts = text.split(',').map((p) => p.trim());
  if (parts.length > 10) return fail('must be at most 10 addresses, separated by commas');
  for (const p of parts)
    if (!ADDRESS.test(p) || p.length > 254) return fail(`${JSON.stringify(p)} is not a mail address such as you@example.com`);
  return ok(parts.join(','));
}

function checkHost(text: string): SettingCheck {
  const value = text.trim().toLowerCase();
  // A DNS name or an IPv4 address; an IPv6 address in brackets.
  if (
    /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$/.test(value) ||
    /^\[[0-9a-f:.]+\]$/.test(value)
  )
    return ok(value);
  return fail('must be a host name such as smtp.example.com (no scheme, no port)');
}

function checkPort(text: string): SettingCheck {
  const value = text.trim();
  const port = /^\d{1,5}$/.test(value) ? Number(value) : NaN;
  return port >= 1 && port <= 65535 ? ok(String(port)) : fail('must be a port from 1 to 65535 (587 for STARTTLS, 465 for TLS)');
}

function checkUser(text: string): SettingCheck {
  const value = text.trim();
  if (CONTROL.test(value)) return fail('must be one line');
  return value.length <= 254 ? ok(value) : fail('must be at most 254 characters');
}

/** Whether a host is this machine: the one place a plain (unencrypted) connection is allowed. */
export function isLoopbackHost(host: string): boolean {
  const h = host.toLowerCase().replace(/^\[|\]$/g, '');
  return h === 'localhost' || h === '::1' || /^127\.\d+\.\d+\.\d+$/.test(h);
}

/** Where Enable Banking sends the browser back to: https, or http only to this machine (finagg listens there). */
function checkRedirectUrl(text: string): SettingCheck {
  const checked = checkWebhook(text);
  const example = `such as ${DEFAULT_REDIRECT_URL}`;
  if (!checked.ok) return fail(`must be the redirect URL registered with your Enable Banking application, ${example}`);
  const url = new URL(checked.text);
  if (url.protocol !== 'https:' && !isLoopbackHost(url.hostname))
    return fail('must be an https:// URL (plain http only to this machine, where finagg receives it)');
  if (url.search !== '' || url.hash !== '') return fail('must not hold a query or a fragment (the bank adds its own)');
  return checked;
}

function checkCurrency(text: string): SettingCheck {
  const code = text.trim().toUpperCase();
  return isActiveCurrencyCode(code) ? ok(code) : fail('must be a currency code (ISO 4217) such as USD or EUR');
}

/**
 * Backup targets, comma-separated: folders (absolute or `~/…`) and rclone remotes. Checked for shape here; whether one can be written is
 * found when a backup is (app/backups/targets.ts).
 */
function checkTargets(text: string): SettingCheck {
  const parts = text.split(',').map((p) => p.trim());
  if (parts.length > 10) return fail('must be at most 10 targets, separated by commas');
  for (const p of parts) {
    if (p === '' || CONTROL.test(p) || p.length > 1000)
      return fail(`${JSON.stringify(p)} is not a folder or rclone:<remote>:<path>`);
    const read = parseTargetText(p);
    if ('error' in read) return fail(`${JSON.stringify(p)}: ${read.error}`);
    if (read.kind === 'folder' && !p.startsWith('/') && !p.startsWith('~/')) {
      // The daemon runs from anywhere: a folder relative to today's shell would be another folder tomorrow.
      return fail(`${JSON.stringify(p)} must be an absolute folder (or ~/…) or rclone:<remote>:<path>`);
    }
  }
  return ok(parts.join(','));
}

function checkKeep(text: string): SettingCheck {
  const policy = parseKeepPolicy(text);
  return 'error' in policy ? fail(policy.error) : ok(formatKeepPolicy(policy));
}

function checkRecipient(text: string): SettingCheck {
  const value = text.trim();
  return AGE_RECIPIENT.test(value) ? ok(value) : fail('must be an age X25519 recipient (age1 and 58 more characters)');
}

/** A loopback address finagg can listen on while the person approves at the bank. */
export const DEFAULT_REDIRECT_URL = 'http://localhost:8765/enablebanking';

function checkNtfy(text: string): SettingCheck {
  const checked = checkWebhook(text);
  if (!checked.ok) return fail('must be an ntfy topic URL such as https://ntfy.sh/your-topic');
  const url = new URL(checked.text);
  if (url.protocol !== 'https:' && !isLoopbackHost(url.hostname))
    return fail('must be an https:// URL (plain http only to this machine)');
  if (url.pathname.split('/').filter((p) => p !== '').length === 0)
    return fail('must name the topic: https://ntfy.sh/your-topic');
  return checked;
}

/**
 * Secrets of the alert channels: set with `config set-secret`, sealed with the data key in
 * a table of their own, never shown by `config list` or `config get`.
 */
export const SECRET_KEYS = [
  'alerts.email.password',
  'alerts.push.token',
  'enablebanking.app_id',
  'enablebanking.private_key',
] as const;
export type SecretKey = (typeof SECRET_KEYS)[number];

export const SECRET_DESCRIPTIONS: Record<SecretKey, string> = {
  'alerts.email.password': 'the SMTP password of alerts.email.user',
  'alerts.push.token': 'an ntfy access token (for a protected topic)',
  'enablebanking.app_id': 'your Enable Banking application id (given with finagg link enablebanking --app-id)',
  'enablebanking.private_key': 'its private key (given with finagg link enablebanking --key-file)',
};

/** Secrets a link takes from its own options (a key file), never from `config set-secret`. */
export const LINK_SECRET_KEYS: readonly SecretKey[] = ['enablebanking.app_id', 'enablebanking.private_key'];

export function isSecretKey(key: string): key is SecretKey {
  return (SECRET_KEYS as readonly string[]).includes(key);
}

/** The host of a webhook URL: all a log line or an error may say about it. */
export function webhookHost(url: string): string {
  try {
    return new URL(url).host || '?';
  } catch {
    return '?';
  }
}

export const SETTINGS: readonly SettingSpec[] = [
  {
    key: 'week_start',
    description: 'first day of a weekly budget period',
    defaultText: 'monday',
    check: oneOfWords('monday', 'sunday'),
    logValue: (text) => text,
  },
  {
    key: 'alerts.desktop',
    description: 'desktop notifications for alerts (notify-send or osascript)',
    defaultText: 'off',
    check: oneOfWords('on', 'off'),
    logValue: (text) => text,
  },
  {
    key: 'alerts.webhook',
    description: 'URL that alerts are POSTed to as JSON',
    defaultText: null,
    check: checkWebhook,
    logValue: (text) => `host ${webhookHost(text)}`,
  },
  {
    key: 'alerts.command',
    description: 'shell command run for each alert, with the alert JSON on stdin',
    defaultText: null,
    check: checkCommand,
    logValue: () => undefined,
  },
  {
    key: 'daemon.every',
    description: 'how often the daemon syncs (1m to 24h)',
    defaultText: '15m',
    check: checkEvery,
    logValue: (text) => text,
  },
  {
    key: 'alerts.low_balance',
    description: 'alert when an account is projected below this amount within 30 days (finagg upcoming)',
    defaultText: null,
    check: checkAmount,
    logValue: (text) => text,
  },
  {
    key: 'alerts.email.to',
    description: 'mail alerts to these addresses (comma-separated); needs alerts.email.host',
    defaultText: null,
    check: checkAddresses,
    logValue: () => undefined,
  },
  {
    key: 'alerts.email.from',
    description: 'the sender of alert mail (the first alerts.email.to when unset)',
    defaultText: null,
    check: checkAddress,
    logValue: () => undefined,
  },
  {
    key: 'alerts.email.host',
    description: 'the SMTP server that sends alert mail',
    defaultText: null,
    check: checkHost,
    logValue: (text) => text,
  },
  {
    key: 'alerts.email.port',
    description: 'its port: 587 with STARTTLS, 465 with TLS',
    defaultText: '587',
    check: checkPort,
    logValue: (text) => text,
  },
  {
    key: 'alerts.email.tls',
    description: 'tls (from the first byte) or starttls; unset: tls on port 465, starttls on others',
    defaultText: null,
    check: oneOfWords('tls', 'starttls'),
    logValue: (text) => text,
  },
  {
    key: 'alerts.email.user',
    description: 'the SMTP login (password: finagg config set-secret alerts.email.password)',
    defaultText: null,
    check: checkUser,
    logValue: () => undefined,
  },
  {
    key: 'alerts.push.ntfy',
    description: 'ntfy topic URL that alerts are pushed to (token: finagg config set-secret alerts.push.token)',
    defaultText: null,
    check: checkNtfy,
    logValue: (text) => `host ${webhookHost(text)}`,
  },
  {
    key: 'enablebanking.redirect_url',
    description: 'the redirect URL registered with your Enable Banking application (http only to this machine)',
    defaultText: DEFAULT_REDIRECT_URL,
    check: checkRedirectUrl,
    logValue: (text) => text,
  },
  {
    key: 'currency.home',
    description: 'the currency of the one net worth and of --home reports (unset: the one holding most money)',
    defaultText: null,
    check: checkCurrency,
    logValue: (text) => text,
  },
  {
    key: 'backup.to',
    description: 'where backups are written: folders or rclone:<remote>:<path>, comma-separated (finagg backup init)',
    defaultText: null,
    check: checkTargets,
    // A remote's path or a folder may name the person: the count is enough for a log.
    logValue: (text) => `${text.split(',').length} target(s)`,
  },
  {
    key: 'backup.keep',
    description: 'backups each target keeps: daily, weekly and monthly ones',
    defaultText: '7d,4w,12m',
    check: checkKeep,
    logValue: (text) => text,
  },
  {
    key: 'backup.recipient',
    description: "the recovery key's public half (age1…): backups are encrypted to it (finagg backup init)",
    defaultText: null,
    check: checkRecipient,
    logValue: (text) => text,
  },
];

export function settingSpec(key: string): SettingSpec | undefined {
  return SETTINGS.find((s) => s.key === key);
}

/**
 * The typed settings from stored texts (already checked); a missing key takes its
 * default.
 */
export function settingsFrom(stored: Partial<Record<SettingKey, string>>): Settings {
  const text = (key: SettingKey) => (key in stored ? stored[key]! : settingSpec(key)!.defaultText);
  return {
    week_start: text('week_start') as WeekStart,
    'alerts.desktop': text('alerts.desktop') === 'on',
    'alerts.webhook': text('alerts.webhook'),
    'alerts.command': text('alerts.command'),
    'daemon.every': parseDuration(text('daemon.every')!)!,
    'alerts.low_balance': text('alerts.low_balance'),
    'alerts.email.to': text('alerts.email.to')?.split(',') ?? null,
    'alerts.email.from': text('alerts.email.from'),
    'alerts.email.host': text('alerts.email.host'),
    'alerts.email.port': Number(text('alerts.email.port')),
    'alerts.email.tls': text('alerts.email.tls') as Settings['alerts.email.tls'],
    'alerts.email.user': text('alerts.email.user'),
    'alerts.push.ntfy': text('alerts.push.ntfy'),
    'enablebanking.redirect_url': text('enablebanking.redirect_url')!,
    'currency.home': text('currency.home'),
    'backup.to': text('backup.to')?.split(',') ?? null,
    'backup.keep': parseKeepPolicy(text('backup.keep')!) as KeepPolicy,
    'backup.recipient': text('backup.recipient'),
  };
}

export const DEFAULT_SETTINGS: Settings = settingsFrom({});
