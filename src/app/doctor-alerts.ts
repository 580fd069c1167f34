import {
  isLoopbackHost,
  type SecretKey,
  SETTING_KEYS,
  type SettingKey,
  type Settings,
  settingSpec,
  webhookHost,
} from '../core/settings';
import { readStoredSettings } from '../storage/settings-repo';
import type { AppContext } from './context';
import { secretsSet } from './secrets';
import { getSettings } from './settings';

/** One check of the mail or push settings, as `doctor` shows it (a line) and `doctor --json` lists it. */
export interface AlertCheck {
  channel: 'email' | 'push';
  /** What was checked: setup, stored, login, connection, url, token. */
  check: string;
  ok: boolean;
  /** What was found; for a warning, what is wrong and the command that fixes it. */
  problem: string | null;
  /** For an ok check, what it found (never a password, a token or an ntfy topic). */
  detail: string | null;
}

/** What the checks read: the typed settings, the secrets set, and stored texts the settings ignore. */
export interface AlertCheckInput {
  settings: Settings;
  secrets: readonly SecretKey[];
  /** Stored values that fail their setting's check, with the reason: read as unset, so silently off. */
  ignored: ReadonlyMap<SettingKey, string>;
}

/** The mail settings, as the settings list has them. */
const MAIL_KEYS: readonly SettingKey[] = SETTING_KEYS.filter((k) => k.startsWith('alerts.email.'));

/**
 * The mail and push settings checked without sending anything: a doctor run must not
 * mail anyone or touch the network (`alerts test` is the one that sends).
 */
export async function alertChecks(ctx: AppContext): Promise<AlertCheck[]> {
  return checkAlertChannels({
    settings: await getSettings(ctx),
    secrets: await secretsSet(ctx),
    ignored: await ignoredSettings(ctx, [...MAIL_KEYS, 'alerts.push.ntfy']),
  });
}

/** Stored values of these keys that the settings ignore (edited by hand, or written by another version). */
async function ignoredSettings(ctx: AppContext, keys: readonly SettingKey[]): Promise<Map<SettingKey, string>> {
  const stored = await readStoredSettings(ctx.db);
  const ignored = new Map<SettingKey, string>();
  for (const key of keys) {
    if (!stored.has(key)) continue;
    const value = stored.get(key);
    const checked = typeof value === 'string' ? settingSpec(key)!.check(value) : undefined;
    if (!checked?.ok) ignored.set(key, checked ? checked.reason : 'is not readable text');
  }
  return ignored;
}

export function checkAlertChannels(input: AlertCheckInput): AlertCheck[] {
  return [...mailChecks(input), ...pushChecks(input)];
}

const ok = (channel: AlertCheck['channel'], check: string, detail: string): AlertCheck => ({
  channel,
  check,
  ok: true,
  problem: null,
  detail,
});
const warn = (channel: AlertCheck['channel'], check: string, problem: string): AlertCheck => ({
  channel,
  check,
  ok: false,
  problem,
  detail: null,
});

const ignoredWarning = (channel: AlertCheck['channel'], key: SettingKey, reason: string, example: string) =>
  warn(channel, 'stored', `the stored ${key} is ignored (it ${reason}); set it again: finagg config set ${key} ${example}`);

const MAIL_EXAMPLES: Partial<Record<SettingKey, string>> = {
  'alerts.email.to': 'you@example.com',
  'alerts.email.from': 'finagg@example.com',
  'alerts.email.host': 'smtp.example.com',
  'alerts.email.port': '587',
  'alerts.email.tls': 'starttls',
  'alerts.email.user': '<login>',
};

function mailChecks({ settings: s, secrets, ignored }: AlertCheckInput): AlertCheck[] {
  const checks = MAIL_KEYS.filter((k) => ignored.has(k)).map((k) =>
    ignoredWarning('email', k, ignored.get(k)!, MAIL_EXAMPLES[k]!),
  );
  const to = s['alerts.email.to'];
  const host = s['alerts.email.host'];
  const user = s['alerts.email.user'];
  const password = secrets.includes('alerts.email.password');
  if (to === null && host === null && user === null && !password)
    return checks.length > 0 ? checks : [ok('email', 'setup', 'off (finagg config set alerts.email.to and alerts.email.host)')];
  if (to !== null && host === null)
    checks.push(
      warn(
        'email',
        'setup',
        'alerts.email.to is set but alerts.email.host is not, so no mail is sent; finagg config set alerts.email.host smtp.example.com',
      ),
    );
  else if (to === null && host !== null)
    checks.push(
      warn(
        'email',
        'setup',
        'alerts.email.host is set but alerts.email.to is not, so no mail is sent; finagg config set alerts.email.to you@example.com',
      ),
    );
  else if (to !== null && host !== null)
    checks.push(
      ok('email', 'setup', `to ${to.length} address${to.length === 1 ? '' : 'es'} through ${host}:${s['alerts.email.port']}`),
    );
  if (user !== null && !password)
    checks.push(
      warn(
        'email',
        'login',
        'alerts.email.user is set but its password is not, so every mail fails; finagg config set-secret alerts.email.password',
      ),
    );
  else if (user === null && password)
    checks.push(
      warn(
        'email',
        'login',
        'alerts.email.password is set but alerts.email.user is not, so no login is tried; finagg config set alerts.email.user <login> (or finagg config unset alerts.email.password)',
      ),
    );
  else if (host !== null)
    checks.push(ok('email', 'login', user === null ? 'none (the server takes mail without one)' : 'user and password set'));
  if (host !== null) checks.push(connectionCheck(host, s['alerts.email.port'], s['alerts.email.tls']));
  return checks;
}

/**
 * How the mail channel connects (channels/email.ts): TLS from the first byte, or a plain
 * start that must upgrade with STARTTLS; only to this machine may it stay plain. So the
 * settings cannot ask for a plain connection to another host, but they can name a TLS
 * mode the port does not speak, which fails on every send.
 */
function connectionCheck(host: string, port: number, tls: Settings['alerts.email.tls']): AlertCheck {
  const implicit = tls === 'tls' || (tls === null && port === 465);
  if (implicit && (port === 587 || port === 25))
    return warn(
      'email',
      'connection',
      `port ${port} starts plain and upgrades with STARTTLS, but alerts.email.tls is tls (TLS from the first byte), so every mail fails; finagg config set alerts.email.tls starttls (or finagg config set alerts.email.port 465)`,
    );
  if (!implicit && port === 465)
    return warn(
      'email',
      'connection',
      'port 465 speaks TLS from the first byte, but alerts.email.tls is starttls, so every mail fails; finagg config set alerts.email.tls tls (or finagg config set alerts.email.port 587)',
    );
  if (implicit) return ok('email', 'connection', `TLS from the first byte to ${host}:${port}`);
  if (isLoopbackHost(host)) return ok('email', 'connection', `plain to ${host}:${port} (this machine), STARTTLS when offered`);
  return ok('email', 'connection', `STARTTLS required by ${host}:${port} (never plain to another host)`);
}

function pushChecks({ settings: s, secrets, ignored }: AlertCheckInput): AlertCheck[] {
  const url = s['alerts.push.ntfy'];
  const token = secrets.includes('alerts.push.token');
  const reason = ignored.get('alerts.push.ntfy');
  const checks: AlertCheck[] = [];
  if (reason !== undefined)
    checks.push(
      warn(
        'push',
        'url',
        `the stored alerts.push.ntfy is ignored (it ${reason}), so nothing is pushed; finagg config set alerts.push.ntfy https://ntfy.sh/your-topic`,
      ),
    );
  // The topic of a public ntfy server is what keeps it private: only the host is shown.
  else if (url !== null) checks.push(ok('push', 'url', `ntfy at ${webhookHost(url)}`));
  if (token && url === null && reason === undefined)
    checks.push(
      warn(
        'push',
        'token',
        'alerts.push.token is set but alerts.push.ntfy is not, so nothing is pushed; finagg config set alerts.push.ntfy https://ntfy.sh/your-topic (or finagg config unset alerts.push.token)',
      ),
    );
  else if (url !== null) checks.push(ok('push', 'token', token ? 'access token set' : 'none (a public topic)'));
  return checks.length > 0
    ? checks
    : [ok('push', 'setup', 'off (finagg config set alerts.push.ntfy https://ntfy.sh/your-topic)')];
}
