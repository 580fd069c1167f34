import { PassThrough } from 'node:stream';
import type { AppContext } from '../../src/app/context';
import { createBankProviders } from '../../src/cli/bank-providers';
import { createCliContext } from '../../src/cli/context-factory';
import { readEnvironment } from '../../src/cli/environment';

/** The same AppContext the CLI builds, in this process, for tests that call app/ directly. */
export function cliContext(home: string, env: Record<string, string>): AppContext {
  const io = {
    stdout: { write: () => true },
    stderr: { write: () => true },
    stdin: new PassThrough(),
    env,
    cwd: process.cwd(),
  };
  return createCliContext(io, readEnvironment(env), home, createBankProviders);
}
