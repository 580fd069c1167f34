import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { freshHome, readStore, spawnCliAsync } from '../helpers/cli';

// `finagg restore` of an encrypted backup at a real terminal: the recovery key is asked for and never shown.
const hasTmux = spawnSync('tmux', ['-V'], { stdio: 'ignore' }).status === 0;
if (!hasTmux) console.log('skipping the tmux restore test: tmux is not installed');

const BIN = path.resolve(__dirname, '../../bin/finagg.js');
const socket = `finagg-restore-${process.pid}`;
const tmux = (...args: string[]) => execFileSync('tmux', ['-L', socket, ...args], { encoding: 'utf8' });
const screen = () => tmux('capture-pane', '-p', '-t', 'restore');

async function waitFor(text: RegExp, timeoutMs = 15_000): Promise<string> {
  const start = Date.now();
  for (;;) {
    const s = screen();
    if (text.test(s)) return s;
    if (Date.now() - start > timeoutMs) throw new Error(`not on the screen: ${String(text)}\n${s}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe.skipIf(!hasTmux)('finagg restore at a terminal', () => {
  afterAll(() => {
    spawnSync('tmux', ['-L', socket, 'kill-server'], { stdio: 'ignore' });
  });

  it('asks for the recovery key without echo, restores, and the key is on no screen', async () => {
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'finagg-restore-'));
    const base = { FINAGG_KEYSTORE: 'file', FINAGG_NOW: '2026-11-23T12:00:00Z', FINAGG_SIM_HISTORY_DAYS: '20', NO_COLOR: '1' };
    const old = { ...base, FINAGG_HOME: freshHome() };
    expect((await spawnCliAsync(['link', 'banka', '--yes'], old)).code).toBe(0);
    const init = await spawnCliAsync(['backup', 'init', '--to', folder, '--json'], old);
    const key = (JSON.parse(init.stdout) as { recovery_key: string }).recovery_key;
    expect((await spawnCliAsync(['backup'], old)).code).toBe(0);

    const home = freshHome();
    const env = { ...base, FINAGG_HOME: home, FINAGG_SIM_STATE: path.join(old.FINAGG_HOME, 'sim') };
    const command = ['env', '-i', `PATH=${process.env.PATH}`, `HOME=${process.env.HOME}`, 'TERM=xterm-256color']
      .concat(
        Object.entries(env).map(([k, v]) => `${k}=${v}`),
        [process.execPath, BIN, 'restore', folder],
      )
      .map((w) => `'${w.replace(/'/g, `'\\''`)}'`)
      .join(' ');
    // The shell stays after finagg exits, so its last screen can be read.
    tmux('new-session', '-d', '-s', 'restore', '-x', '160', '-y', '30', `${command}; sleep 60`);
    await waitFor(/Recovery key \(AGE-SECRET-KEY-1…\): *$/m);
    tmux('send-keys', '-t', 'restore', '-l', key);
    await new Promise((r) => setTimeout(r, 300));
    expect(screen()).not.toContain(key.slice(16, 30));
    tmux('send-keys', '-t', 'restore', 'Enter');
    const done = await waitFor(/restored the backup of 2026-11-23T12:00:00.000Z/);
    expect(done).not.toContain(key.slice(16, 30));
    const connections = readStore(home, (db) => db.prepare('SELECT provider FROM connections').all());
    expect(connections).toEqual([{ provider: 'banka' }]);
    const sync = await spawnCliAsync(['sync', '--json'], { ...env, FINAGG_NOW: '2026-11-24T12:00:00Z' });
    expect(sync.code, sync.stderr).toBe(0);
  });
});
