import type { AppContext } from '../../app/context';
import { AppError } from '../../core/errors';
import type { CliIO } from '../io';
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
  // Ink and React load here and only here: no other command pays for them.
  const { runDashboard } = await withoutFetch(() => import('../../dashboard/run-dashboard'));
  await runDashboard(ctx, io, { paint: out.color, exitAfterFirstFrame });
}

/**
 * yoga-layout (Ink's layout engine) reads its WebAssembly from a data: URL with fetch()
 * when fetch exists, and the first fetch() loads Node's whole HTTP client: about 35 ms of
 * the 500 ms the first frame may take. Without fetch it decodes the same bytes directly.
 */
async function withoutFetch<T>(load: () => Promise<T>): Promise<T> {
  const saved = Object.getOwnPropertyDescriptor(globalThis, 'fetch');
  if (!saved?.configurable) return load();
  Object.defineProperty(globalThis, 'fetch', { value: undefined, configurable: true, writable: true });
  try {
    return await load();
  } finally {
    Object.defineProperty(globalThis, 'fetch', saved);
  }
}
