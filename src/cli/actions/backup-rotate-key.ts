import type { Command } from 'commander';
import { rotateRecoveryKey } from '../../app/backups/recovery-key';
import type { AppContext } from '../../app/context';
import type { Output } from '../render/output';
import { showRecoveryKey } from '../render/recovery-key';

export default async function backupRotateKey(ctx: AppContext, out: Output, _command: Command): Promise<void> {
  const key = await rotateRecoveryKey(ctx);
  if (out.json) return out.data(key);
  showRecoveryKey(out, key);
  out.line('backups made before today still open with the old recovery key only: keep it while you keep them');
}
