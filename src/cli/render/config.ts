import type { SettingView } from '../../app/settings';
import type { Output } from './output';

/** The `--json` shape of the config commands: `{key: value}`, null for unset. */
export function settingsJson(settings: readonly SettingView[]): Record<string, string | null> {
  return Object.fromEntries(settings.map((s) => [s.key, s.value]));
}

/** What `config set` and `config unset` say once the setting is stored. */
export function showChanged(out: Output, setting: SettingView): void {
  if (out.json) return out.data(settingsJson([setting]));
  if (setting.value === null) return out.line(`${setting.key} is unset`);
  out.line(
    `${setting.key} = ${shownValue(setting.key, setting.value)}${setting.isDefault ? out.color.dim(' (the default)') : ''}`,
  );
}

/**
 * A value as a terminal shows it. A webhook URL may carry a token in its query, and an
 * ntfy topic is one; a screen is easily shared, so they are cut short there (`config get`
 * and --json give them whole).
 */
export function shownValue(key: string, value: string | null): string {
  if (value === null) return '(unset)';
  // An ntfy topic is as good as a password: its first letters, enough to tell which.
  if (key === 'alerts.push.ntfy') return value.replace(/([^/]{3})[^/]*$/, '$1…');
  if (key !== 'alerts.webhook') return value;
  const query = value.indexOf('?');
  return query === -1 ? value : `${value.slice(0, query)}?…`;
}
