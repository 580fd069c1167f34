import { isoNow } from '../core/clock';
import { closestName } from '../core/closest-name';
import { invalidInput } from '../core/errors';
import {
  isSecretKey,
  SETTINGS,
  type SettingKey,
  type Settings,
  type SettingSpec,
  settingSpec,
  settingsFrom,
} from '../core/settings';
import { deleteSetting, readStoredSettings, writeSetting } from '../storage/settings-repo';
import type { AppContext } from './context';

/** One setting as `config list` and `config get` show it. */
export interface SettingView {
  key: SettingKey;
  /** The text form; null when unset. */
  value: string | null;
  isDefault: boolean;
  description: string;
}

/** A typed value for a person's error line: quoted, escaped, cut short. */
function quote(text: string): string {
  return JSON.stringify(text.length > 60 ? `${text.slice(0, 57)}...` : text);
}

function specOf(key: string): SettingSpec {
  if (isSecretKey(key))
    throw invalidInput(
      `${key} is a secret: it is never shown or set on the command line`,
      `set it with: finagg config set-secret ${key}`,
    );
  const spec = settingSpec(key);
  if (!spec) {
    // Every key would make the line longer than a person reads: the nearest one, or where to see them all.
    const near = closestName(
      key,
      SETTINGS.map((s) => s.key),
    );
    throw invalidInput(
      `unknown setting ${quote(key)}`,
      near ? `did you mean ${near}? finagg config list shows every setting` : 'finagg config list shows every setting',
    );
  }
  return spec;
}

/**
 * The stored texts that still pass their check. A row that does not (edited by hand,
 * written by another version) is ignored, so a bad row never stops a sync.
 */
async function storedTexts(ctx: AppContext): Promise<Partial<Record<SettingKey, string>>> {
  const stored = await readStoredSettings(ctx.db);
  const texts: Partial<Record<SettingKey, string>> = {};
  for (const [key, value] of stored) {
    const spec = settingSpec(key);
    const checked = spec && typeof value === 'string' ? spec.check(value) : undefined;
    if (spec && checked?.ok) texts[spec.key] = checked.text;
    else ctx.log.log('warn', 'setting.ignored', { setting: key, reason: spec ? 'invalid value' : 'unknown key' });
  }
  return texts;
}

/** Every setting, typed, with defaults filled in: what budgets, alerts and the daemon read. */
export async function getSettings(ctx: AppContext): Promise<Settings> {
  return settingsFrom(await storedTexts(ctx));
}

function viewOf(spec: SettingSpec, texts: Partial<Record<SettingKey, string>>): SettingView {
  const value = texts[spec.key] ?? spec.defaultText;
  return { key: spec.key, value, isDefault: value === spec.defaultText, description: spec.description };
}

/** `config list`: every known setting, in registry order. */
export async function listSettings(ctx: AppContext): Promise<SettingView[]> {
  const texts = await storedTexts(ctx);
  return SETTINGS.map((spec) => viewOf(spec, texts));
}

/** `config get`. */
export async function getSetting(ctx: AppContext, key: string): Promise<SettingView> {
  const spec = specOf(key);
  return viewOf(spec, await storedTexts(ctx));
}

/**
 * `config set`: checked before anything is written, so a refused value changes nothing.
 * An empty value unsets a setting whose default is unset (`alerts.webhook ""`).
 */
export async function setSetting(ctx: AppContext, key: string, text: string): Promise<SettingView> {
  const spec = specOf(key);
  if (text.trim() === '' && spec.defaultText === null) return unsetSetting(ctx, key);
  const checked = spec.check(text);
  if (!checked.ok) throw invalidInput(`invalid value ${quote(text)} for ${spec.key}: ${checked.reason}`);
  await writeSetting(ctx.db, spec.key, checked.text, isoNow(ctx.clock));
  const logged = spec.logValue(checked.text);
  ctx.log.log('info', 'setting.changed', logged === undefined ? { setting: spec.key } : { setting: spec.key, value: logged });
  return viewOf(spec, { [spec.key]: checked.text });
}

/** `config unset`: back to the default. */
export async function unsetSetting(ctx: AppContext, key: string): Promise<SettingView> {
  const spec = specOf(key);
  await deleteSetting(ctx.db, spec.key);
  ctx.log.log('info', 'setting.unset', { setting: spec.key });
  return viewOf(spec, {});
}
