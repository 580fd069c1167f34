import type { Command } from 'commander';
import type { AppContext } from '../../app/context';
import { getSetting } from '../../app/settings';
import type { Output } from '../render/output';
import { settingsJson } from '../render/config';

export default async function configGet(ctx: AppContext, out: Output, command: Command): Promise<void> {
  const setting = await getSetting(ctx, command.args[0]!);
  if (out.json) return out.data(settingsJson([setting]));
  // The bare value, so `$(finagg config get week_start)` works; unset says so on stderr.
  if (setting.value === null) return out.notice(`${setting.key} is unset`);
  out.line(setting.value);
}
