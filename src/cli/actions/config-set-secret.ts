import type { Command } from 'commander';
import type { AppContext } from '../../app/context';
import { MAX_SECRET_LENGTH, settableSecretKeyOf, setSecret } from '../../app/secrets';
import { AppError } from '../../core/errors';
import type { CliIO } from '../io';
import { askSecret, readAllStdin, SecretCancelled } from '../read-secret';
import type { Output } from '../render/output';

/**
 * `config set-secret <key>`: the value is never an argument (other users can read a
 * process's arguments). Typed at a terminal without echo, or piped in on stdin.
 */
export default async function configSetSecret(ctx: AppContext, out: Output, command: Command, io: CliIO): Promise<void> {
  const key = command.args[0]!;
  // An unknown key is refused before anything is asked for.
  settableSecretKeyOf(key);
  let value: string;
  if (io.stdin.isTTY) {
    try {
      value = await askSecret(io, `${key} (not shown): `);
    } catch (error) {
      if (error instanceof SecretCancelled) throw new AppError('usage', 'cancelled; nothing was changed');
      throw error;
    }
  } else {
    value = await readAllStdin(io, MAX_SECRET_LENGTH + 2);
  }
  await setSecret(ctx, key, value);
  if (out.json) return out.data({ [key]: 'set' });
  out.line(`${key} is set (sealed; it is never shown)`);
}
