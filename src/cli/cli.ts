import type { Command } from 'commander';
import type { AppContext } from '../app/context';
import type { Environment } from './environment';
import type { CliIO } from './io';
import { createColor } from './render/color';
import { Output } from './render/output';

export interface GlobalOptions {
  home?: string;
  json?: boolean;
  color?: boolean;
}

/** What an action module exports: the work of one command, run after parsing. */
export interface ActionModule {
  default(ctx: AppContext, out: Output, command: Command, io: CliIO): Promise<void> | void;
}

/**
 * What command actions share: the process IO, the validated environment, and the one
 * AppContext, made on first use from the global options.
 *
 * Command specs (commands/) hold only commander declarations; their actions (actions/)
 * are imported when the command runs. So a command pays only for what it uses, and
 * `--version` or `--help` load neither zod nor kysely nor SQLite.
 */
export class Cli {
  private context: AppContext | undefined;

  constructor(
    readonly io: CliIO,
    readonly environment: Environment,
  ) {}

  output(globals: GlobalOptions): Output {
    return new Output(
      this.io.stdout,
      this.io.stderr,
      globals.json === true,
      createColor(this.io.stdout, this.io.env, globals.color !== false),
    );
  }

  async appContext(globals: GlobalOptions, banks = false): Promise<AppContext> {
    if (!this.context) {
      const [{ createCliContext }, providers] = await Promise.all([
        import('./context-factory'),
        banks ? import('./bank-providers') : undefined,
      ]);
      this.context = createCliContext(this.io, this.environment, globals.home, providers?.createBankProviders);
    }
    return this.context;
  }

  /**
   * A commander action that loads its module, then runs it with the context. A command
   * that talks to a bank (link, sync, the daemon, the dashboard's sync ...) says
   * `{ banks: true }`; the others never load the providers' code, a third of the CLI.
   */
  action(load: () => Promise<ActionModule>, needs: { banks?: boolean } = {}): (...args: unknown[]) => Promise<void> {
    return async (...args: unknown[]) => {
      const command = args[args.length - 1] as Command;
      const globals = command.optsWithGlobals<GlobalOptions>();
      const [module, ctx] = await Promise.all([load(), this.appContext(globals, needs.banks === true)]);
      await module.default(ctx, this.output(globals), command, this.io);
    };
  }

  async close(): Promise<void> {
    await this.context?.close();
  }
}
