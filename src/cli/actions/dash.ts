import type { AppContext } from '../../app/context';
import { loadDashboardSnapshot } from '../../app/dashboard';
import { AppError } from '../../core/errors';
import type { CliIO } from '../io';
import { loadDashboard } from '../load-dashboard';
import type { Output } from '../render/output';

/** `finagg dash`; also what bare `finagg` and `finagg demo` open on a terminal. */
export default async function dash(ctx: AppContext, out: Output, _command: unknown, io: CliIO): Promise<void> {
  await openDashboard(ctx, out, io);
}

export async function openDashboard(ctx: AppContext, out: Output, io: CliIO): Promise<void> {
  const exitAfterFirstFrame = io.env.FINAGG_DASH_EXIT_AFTER_FIRST_FRAME === '1';
  if (!exitAfterFirstFrame && (io.stdout.isTTY !== true || io.stdin.isTTY !== true))
    throw new AppError(
      'usage',
      'the dashboard needs a terminal',
      'for scripts: finagg accounts, finagg tx, finagg budget list (each with --json)',
    );
  // Ink and React load here and only here: no other command pays for them. Everything the
  // first frame shows (bounded queries only) is read meanwhile: the module's files and
  // yoga's WebAssembly compile on other threads while this one reads the database.
  const loading = loadDashboard();
  const initial = await loadDashboardSnapshot(ctx);
  const { runDashboard } = await loading;
  await runDashboard(ctx, io, { paint: out.color, exitAfterFirstFrame, initial });
}
