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
  out.line(`${setting.key} = ${setting.value}${setting.isDefault ? out.color.dim(' (the default)') : ''}`);
}
