import type { Command } from 'commander';
import type { AppContext } from '../../app/context';
import { unsetSetting } from '../../app/settings';
import type { Output } from '../render/output';
import { showChanged } from '../render/config';

export default async function configUnset(ctx: AppContext, out: Output, command: Command): Promise<void> {
  showChanged(out, await unsetSetting(ctx, command.args[0]!));
}
