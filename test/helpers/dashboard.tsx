import fs from 'node:fs';
import path from 'node:path';
import { Chalk } from 'chalk';
import { render } from 'ink-testing-library';
import type { AppContext } from '../../src/app/context';
import { loadDashboardSnapshot } from '../../src/app/dashboard';
import { App } from '../../src/dashboard/App';
import { freshHome, runCli } from './cli';
import { cliContext } from './context';

/** A small demo home: three banks, about seven months of history, fixed clock and seed. */
export const DEMO_ENV = {
  FINAGG_NOW: '2026-11-23T12:00:00Z',
  FINAGG_SEED: '42',
  FINAGG_KEYSTORE: 'file',
  FINAGG_SIM_HISTORY_DAYS: '200',
  FINAGG_SIM_DAILY: '2',
  TZ: 'UTC',
};

/** Runs `finagg demo --json` into a fresh home once; `copy()` gives each test its own copy to change. */
export async function demoHome(): Promise<{ home: string; copy(): string }> {
  const home = freshHome();
  const r = await runCli(['demo', '--json'], { ...DEMO_ENV, FINAGG_HOME: home });
  if (r.code !== 0) throw new Error(`demo failed: ${r.stderr}`);
  return {
    home,
    copy() {
      const to = freshHome();
      fs.cpSync(home, to, { recursive: true });
      return to;
    },
  };
}

export function demoContext(home: string): AppContext {
  return cliContext(home, { ...DEMO_ENV, FINAGG_HOME: home });
}

/** Waits until `check` stops throwing (Ink renders and the queries settle asynchronously). */
export async function eventually<T>(check: () => T, timeoutMs = 5000): Promise<T> {
  const start = Date.now();
  for (;;) {
    try {
      return check();
    } catch (error) {
      if (Date.now() - start > timeoutMs) throw error;
      await new Promise((r) => setTimeout(r, 20));
    }
  }
}

export const KEY = {
  tab: '\t',
  shiftTab: '\u001b[Z',
  enter: '\r',
  escape: '\u001b',
  up: '\u001b[A',
  down: '\u001b[B',
  pageDown: '\u001b[6~',
  backspace: '\u007f',
};

export interface Dash {
  ctx: AppContext;
  frame(): string;
  press(...keys: string[]): Promise<void>;
  /** Waits for text on the screen and returns the frame. */
  see(text: string | RegExp): Promise<string>;
  /** Draws at a new terminal size, as a resize does. */
  resize(columns: number, rows: number): Promise<void>;
  unmount(): Promise<void>;
}

/** The real App over a real AppContext, at a fixed size, colour off unless asked. */
export async function renderDashboard(
  home: string,
  options: { columns?: number; rows?: number; color?: boolean } = {},
): Promise<Dash> {
  const ctx = demoContext(home);
  const initial = await loadDashboardSnapshot(ctx);
  const paint = new Chalk({ level: options.color ? 1 : 0 });
  const app = (columns: number, rows: number) => (
    <App ctx={ctx} initial={initial} paint={paint} size={{ columns, rows }} pollMs={50} />
  );
  const r = render(app(options.columns ?? 80, options.rows ?? 24));
  const frame = () => r.lastFrame() ?? '';
  return {
    ctx,
    frame,
    async press(...keys) {
      for (const k of keys) {
        r.stdin.write(k);
        // Ink reads input on the next turns of the event loop (a lone Esc a turn later).
        await new Promise((res) => setTimeout(res, 15));
      }
    },
    see: (text) =>
      eventually(() => {
        const f = frame();
        const found = typeof text === 'string' ? f.includes(text) : text.test(f);
        if (!found) throw new Error(`not on screen: ${String(text)}\n${f}`);
        return f;
      }),
    async resize(columns, rows) {
      r.rerender(app(columns, rows));
      await new Promise((res) => setTimeout(res, 30));
    },
    async unmount() {
      r.unmount();
      await ctx.close();
    },
  };
}

export const homeFile = (home: string) => path.join(home, 'finagg.db');
