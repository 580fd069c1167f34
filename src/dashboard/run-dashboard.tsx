import type { ChalkInstance } from 'chalk';
import { render } from 'ink';
import type { AppContext } from '../app/context';
import type { DashboardSnapshot } from '../app/dashboard';
import { queryTransactions } from '../app/transactions';
import type { CliIO } from '../cli/io';
import { App } from './App';
import { computeLayout, transactionRows, wantsOf } from './layout';

export interface DashboardOptions {
  paint: ChalkInstance;
  /** What the first frame shows, read while this module loaded (loadDashboardSnapshot). */
  initial: DashboardSnapshot;
  /**
   * Draw one frame and leave (`FINAGG_DASH_EXIT_AFTER_FIRST_FRAME=1`): the benchmark
   * times process start to first frame with it.
   */
  exitAfterFirstFrame: boolean;
}

const ALTERNATE_SCREEN = '\u001b[?1049h';
const MAIN_SCREEN = '\u001b[?1049l';

/**
 * Opens the dashboard and resolves when the person quits, after any sync in flight has
 * stopped at a page boundary (the caller closes the database next).
 */
export async function runDashboard(ctx: AppContext, io: CliIO, options: DashboardOptions): Promise<void> {
  const { initial } = options;
  const size = { columns: io.stdout.columns || 80, rows: io.stdout.rows || 24 };
  const stdout = withSize(io.stdout as NodeJS.WriteStream, size);
  const rows = transactionRows(computeLayout(size.columns, size.rows, wantsOf(initial)));
  const first = await queryTransactions(ctx, { sort: 'date', ascending: false, limit: rows + 1, offset: 0 });
  const initialPage = { rows: first.slice(0, rows), hasMore: first.length > rows, offset: 0 };
  const interactive = !options.exitAfterFirstFrame && io.stdin.isTTY === true;
  // A full-screen program draws on the terminal's alternate screen, so quitting gives
  // the person their shell back as it was.
  const fullScreen = interactive && io.stdout.isTTY === true;
  if (fullScreen) io.stdout.write(ALTERNATE_SCREEN);
  const background = new Set<Promise<unknown>>();
  try {
    const instance = render(
      <App
        ctx={ctx}
        initial={initial}
        initialPage={initialPage}
        paint={options.paint}
        interactive={interactive}
        track={(p) => {
          background.add(p);
          void p.finally(() => background.delete(p));
        }}
      />,
      {
        // CliIO's streams are the process's own outside tests; Ink wants their Node types.
        stdout,
        stderr: io.stderr as NodeJS.WriteStream,
        stdin: io.stdin as NodeJS.ReadStream,
        patchConsole: false,
        exitOnCtrlC: true,
      },
    );
    if (options.exitAfterFirstFrame) instance.unmount();
    await instance.waitUntilExit();
    await Promise.allSettled([...background]);
  } finally {
    if (fullScreen) io.stdout.write(MAIN_SCREEN);
  }
}

/**
 * A stream that is not a terminal (a pipe, a file) has no size. Ink then runs
 * `tput cols` and `tput lines` in child processes on every layout (about 50 ms before
 * the first frame); the dashboard has already chosen a size for it, so Ink is told that.
 */
function withSize(stream: NodeJS.WriteStream, size: { columns: number; rows: number }): NodeJS.WriteStream {
  if (stream.columns) return stream;
  return new Proxy(stream, {
    get(target, key) {
      if (key === 'columns') return size.columns;
      if (key === 'rows') return size.rows;
      const value: unknown = Reflect.get(target, key, target);
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
}
