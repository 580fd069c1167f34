import { execFileSync, spawnSync } from 'node:child_process';
import path from 'node:path';

export const hasTmux = spawnSync('tmux', ['-V'], { stdio: 'ignore' }).status === 0;

const BIN = path.resolve(__dirname, '../../bin/finagg.js');

/**
 * A real terminal (a tmux server on a socket of its own) running the built CLI with only
 * the given environment, read back as a person sees it. The shell stays a minute after
 * finagg exits, so its last screen can still be read.
 */
export function terminal(name: string, size = { width: 120, height: 30 }) {
  const socket = `finagg-${name}-${process.pid}`;
  const tmux = (...args: string[]) => execFileSync('tmux', ['-L', socket, ...args], { encoding: 'utf8' });
  const screen = () => tmux('capture-pane', '-p', '-t', name);
  return {
    screen,
    run(argv: string[], env: Record<string, string>) {
      const command = ['env', '-i', `PATH=${process.env.PATH}`, `HOME=${process.env.HOME}`, 'TERM=xterm-256color']
        .concat(
          Object.entries(env).map(([k, v]) => `${k}=${v}`),
          [process.execPath, BIN, ...argv],
        )
        .map((w) => `'${w.replace(/'/g, `'\\''`)}'`)
        .join(' ');
      tmux('new-session', '-d', '-s', name, '-x', String(size.width), '-y', String(size.height), `${command}; sleep 60`);
    },
    /** Typed as is, key by key (a paste). */
    type: (text: string) => tmux('send-keys', '-t', name, '-l', text),
    press: (key: string) => tmux('send-keys', '-t', name, key),
    async waitFor(text: RegExp, timeoutMs = 15_000): Promise<string> {
      const start = Date.now();
      for (;;) {
        const s = screen();
        if (text.test(s)) return s;
        if (Date.now() - start > timeoutMs) throw new Error(`not on the screen: ${String(text)}\n${s}`);
        await new Promise((r) => setTimeout(r, 100));
      }
    },
    close: () => spawnSync('tmux', ['-L', socket, 'kill-server'], { stdio: 'ignore' }),
  };
}
