import type { RecoveryKey } from '../../app/backups/recovery-key';
import type { Output } from './output';

/** The one time a recovery key is shown, with what losing it means. */
export function showRecoveryKey(out: Output, key: RecoveryKey): void {
  out.line('your recovery key (shown this once; finagg keeps only its public half):');
  out.line('');
  out.line(`  ${out.color.bold(key.recovery_key)}`);
  out.line('');
  out.line('keep it in your password manager. Without it the backups written off this machine cannot be');
  out.line('opened by anyone, you included; with it, `age -d` or `finagg restore` opens them on any machine.');
  out.line(
    `backups go to: ${key.targets.length > 0 ? key.targets.join(', ') : 'the data dir only (add a target: finagg config set backup.to <folder>)'}`,
  );
}
