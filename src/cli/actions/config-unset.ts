import type { Command } from 'commander';
import type { AppContext } from '../../app/context';
import { unsetSecret } from '../../app/secrets';
import { unsetSetting } from '../../app/settings';
import { isSecretKey } from '../../core/settings';
import type { Output } from '../render/output';
import { showChanged } from '../render/config';

export default async function configUnset(ctx: AppContext, out: Output, command: Command): Promise<void> {
  const key = command.args[0]!;
  if (isSecretKey(key)) {
    await unsetSecret(ctx, key);
    if (out.json) return out.data({ [key]: null });
    return out.line(`${key} is unset`);
  }
  showChanged(out, await unsetSetting(ctx, key));
}
