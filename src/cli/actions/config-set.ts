import type { Command } from 'commander';
import type { AppContext } from '../../app/context';
import { setSetting } from '../../app/settings';
import type { Output } from '../render/output';
import { showChanged } from '../render/config';

export default async function configSet(ctx: AppContext, out: Output, command: Command): Promise<void> {
  showChanged(out, await setSetting(ctx, command.args[0]!, command.args[1]!));
}
