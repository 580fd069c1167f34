import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { type SimpleFinServer, startSimpleFinServer } from '../../src/devtools/simplefin-server';
import { freshHome, spawnCliAsync } from '../helpers/cli';

// `finagg link simplefin` at a real terminal: the pasted setup token is never shown.
const hasTmux = spawnSync('tmux', ['-V'], { stdio: 'ignore' }).status === 0;
if (!hasTmux) console.log('skipping the tmux link test: tmux is not installed');

const BIN = path.resolve(__dirname, '../../bin/finagg.js');
const socket = `finagg-link-${process.pid}`;
const tmux = (...args: string[]) => execFileSync('tmux', ['-L', socket, ...args], { encoding: 'utf8' });
const screen = () => tmux('capture-pane', '-p', '-t', 'link');

async function waitFor(text: RegExp, timeoutMs = 15_000): Promise<string> {
  const start = Date.now();
  for (;;) {
    const s = screen();
    if (text.test(s)) return s;
    if (Date.now() - start > timeoutMs) throw new Error(`not on the screen: ${String(text)}\n${s}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe.skipIf(!hasTmux)('finagg link simplefin at a terminal', () => {
  let server: SimpleFinServer | undefined;
  afterAll(async () => {
    spawnSync('tmux', ['-L', socket, 'kill-server'], { stdio: 'ignore' });
    await server?.close();
  });

  it('asks for the setup token without echo, links, and the token is on no screen', async () => {
    server = await startSimpleFinServer({ dir: fs.mkdtempSync(path.join(os.tmpdir(), 'finagg-sfin-')), historyDays: 20 });
    const home = freshHome();
    const env = { FINAGG_HOME: home, FINAGG_KEYSTORE: 'file', NO_COLOR: '1', NODE_EXTRA_CA_CERTS: server.caPath };
    const command = ['env', '-i', `PATH=${process.env.PATH}`, `HOME=${process.env.HOME}`, 'TERM=xterm-256color']
      .concat(
        Object.entries(env).map(([k, v]) => `${k}=${v}`),
        [process.execPath, BIN, 'link', 'simplefin', '--no-sync'],
      )
      .map((w) => `'${w.replace(/'/g, `'\\''`)}'`)
      .join(' ');
    // The shell stays after finagg exits, so its last screen can be read.
    tmux('new-session', '-d', '-s', 'link', '-x', '120', '-y', '30', `${command}; sleep 60`);
    await waitFor(/Setup token: *$/m);
    const token = server.newSetupToken();
    tmux('send-keys', '-t', 'link', '-l', token);
    await new Promise((r) => setTimeout(r, 300));
    expect(screen()).not.toContain(token.slice(0, 12));
    tmux('send-keys', '-t', 'link', 'Enter');
    const linked = await waitFor(/Linked simplefin \(connection 1\) with 5 accounts/);
    expect(linked).not.toContain(token.slice(0, 12));
    const connections = await spawnCliAsync(['connections', '--json'], env);
    expect(JSON.parse(connections.stdout)).toEqual([expect.objectContaining({ provider: 'simplefin', status: 'active' })]);
  });
});
