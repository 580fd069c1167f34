import { type Command, CommanderError } from 'commander';
import { AppError, toAppError } from '../core/errors';
import { Cli } from './cli';
import { readEnvironment } from './environment';
import { type CliIO, processIO } from './io';
import { buildProgram } from './program';
import { createColor } from './render/color';
import { renderError } from './render/error';
import { Output } from './render/output';
import { clipMessage } from './render/quote';

/**
 * Runs one invocation and returns its exit code: 0 success, 1 failure at run time,
 * 2 bad usage or input. Nothing below here exits the process.
 */
export async function run(argv: readonly string[], io: CliIO): Promise<number> {
  const json = argv.includes('--json');
  const out = new Output(io.stdout, io.stderr, json, createColor(io.stdout, io.env, !argv.includes('--no-color')));
  const debug = io.env.FINAGG_DEBUG === '1';
  let cli: Cli | undefined;
  try {
    cli = new Cli(io, readEnvironment(io.env));
    const program = buildProgram(cli);
    let words = [...argv];
    if (words.length === 0) {
      // On a terminal, bare `finagg` is the dashboard; in a pipe or a script, the help.
      if (io.stdin.isTTY !== true || io.stdout.isTTY !== true) {
        program.outputHelp();
        return 0;
      }
      words = ['dash'];
    }
    await program.parseAsync(words, { from: 'user' });
    return 0;
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.exitCode === 0) return 0; // --help, --version
      const hint = `see finagg ${commandPath(buildProgram(cli!), argv)}--help`;
      // Commander quotes an unknown option or command whole, however long.
      return renderError(new AppError('usage', clipMessage(error.message.replace(/^error: /, '')), hint), out, debug);
    }
    return renderError(toAppError(error), out, debug);
  } finally {
    await cli?.close().catch(() => undefined);
  }
}

/** The command (and subcommand) the words name, such as `tx show `, for a help hint. */
function commandPath(program: Command, argv: readonly string[]): string {
  let path = '';
  let current = program;
  for (const word of argv.filter((a) => !a.startsWith('-'))) {
    const next = current.commands.find((c) => c.name() === word);
    if (!next) break;
    path += `${word} `;
    current = next;
  }
  return path;
}

/** The process entry: the only place that sets the exit code. */
export async function main(): Promise<void> {
  // A reader that stops early (`finagg tx | head`) closes the pipe; that is not an error.
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code !== 'EPIPE') throw error;
      process.exit(process.exitCode ?? 0);
    });
  }
  process.exitCode = await run(process.argv.slice(2), processIO());
}
