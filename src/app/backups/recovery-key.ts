import { generateX25519Identity, identityToRecipient } from 'age-encryption';
import { AppError } from '../../core/errors';
import { showValue } from '../../core/show-value';
import type { AppContext } from '../context';
import { getSettings, setSetting } from '../settings';
import { isDirectory } from '../backup';
import { targetOf } from './targets';

export interface RecoveryKey {
  /** The age identity (`AGE-SECRET-KEY-1…`): shown once, never stored. */
  recovery_key: string;
  /** Its public half (`age1…`): what finagg keeps and encrypts to. */
  recipient: string;
  targets: string[];
}

/**
 * `backup init`: makes the recovery key, keeps only its public half (the setting
 * `backup.recipient`) and the targets, and hands the key back to be shown once. A second
 * init is refused: the backups already written are readable only with the first key.
 */
export async function initBackups(ctx: AppContext, options: { to: readonly string[]; cwd: string }): Promise<RecoveryKey> {
  const settings = await getSettings(ctx);
  if (settings['backup.recipient'])
    throw new AppError(
      'conflict',
      'backups already have a recovery key',
      'make a new one for the backups that follow: finagg backup rotate-key',
    );
  const targets = options.to.map((text) => checkedTarget(text, options.cwd));
  const key = await newRecoveryKey();
  // Targets first: a refused one leaves no recovery key behind that nobody saw.
  if (targets.length > 0) await setSetting(ctx, 'backup.to', targets.join(','));
  await setSetting(ctx, 'backup.recipient', key.recipient);
  return { ...key, targets: targets.length > 0 ? targets : (settings['backup.to'] ?? []) };
}

/** `backup rotate-key`: a new recovery key for the backups that follow; older ones stay readable with the old key. */
export async function rotateRecoveryKey(ctx: AppContext): Promise<RecoveryKey> {
  const settings = await getSettings(ctx);
  if (!settings['backup.recipient'])
    throw new AppError('conflict', 'there is no recovery key to rotate', 'make one first: finagg backup init');
  const key = await newRecoveryKey();
  await setSetting(ctx, 'backup.recipient', key.recipient);
  ctx.log.log('info', 'backup.key_rotated', { recipient: key.recipient });
  return { ...key, targets: settings['backup.to'] ?? [] };
}

async function newRecoveryKey(): Promise<{ recovery_key: string; recipient: string }> {
  const identity = await generateX25519Identity();
  return { recovery_key: identity, recipient: await identityToRecipient(identity) };
}

/** A target as it is kept: a folder made absolute (and there now), or an rclone remote as written. */
function checkedTarget(text: string, cwd: string): string {
  const spec = targetOf(text, cwd);
  if (spec.kind === 'folder') {
    if (!isDirectory(spec.path))
      throw new AppError('invalid_input', `--to ${showValue(text)}: no such folder`, 'make it first, or mount the drive');
    return spec.path;
  }
  return spec.text;
}
