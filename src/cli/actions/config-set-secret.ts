import type { Command } from 'commander';
import type { AppContext } from '../../app/context';
import { setSecret } from '../../app/secrets';
import { AppError } from '../../core/errors';
import { isSecretKey, SECRET_KEYS } from '../../core/settings';
import type { CliIO } from '../io';
import { askSecret, readAllStdin, SecretCancelled } from '../read-secret';
import type { Output } from '../render/output';

const MAX_SECRET = 1000;

/**
 * `config set-secret <key>`: the value is never an argument (other users can read a
 * process's arguments). Typed at a terminal without echo, or piped in on stdin.
 */
export default async function configSetSecret(ctx: AppContext, out: Output, command: Command, io: CliIO): Promise<void> {
  const key = command.args[0]!;
  if (command.args.length > 1)
    throw new AppError(
      'usage',
      `config set-secret takes no value on the command line`,
      `type it when asked, or pipe it: … | finagg config set-secret ${key}`,
    );
  if (!isSecretKey(key))
    throw new AppError('invalid_input', `unknown secret ${JSON.stringify(key.slice(0, 60))}`, `known: ${SECRET_KEYS.join(', ')}`);
  let value: string;
  if (io.stdin.isTTY) {
    try {
      value = await askSecret(io, `${key} (not shown): `);
    } catch (error) {
      if (error instanceof SecretCancelled) throw new AppError('usage', 'cancelled; nothing was changed');
      throw error;
    }
  } else {
    value = await readAllStdin(io, MAX_SECRET + 2);
  }
  await setSecret(ctx, key, value);
  if (out.json) return out.data({ [key]: 'set' });
  out.line(`${key} is set (sealed; it is never shown)`);
}
