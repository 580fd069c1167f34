import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { freshHome, readStore, spawnCliAsync } from '../helpers/cli';
import { hasTmux, terminal } from '../helpers/terminal';

// `finagg restore` of an encrypted backup at a real terminal: the recovery key is asked for and never shown.
if (!hasTmux) console.log('skipping the tmux restore test: tmux is not installed');

describe.skipIf(!hasTmux)('finagg restore at a terminal', () => {
  const term = terminal('restore', { width: 160, height: 30 });
  afterAll(() => term.close());

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
    term.run(['restore', folder], env);
    await term.waitFor(/Recovery key \(AGE-SECRET-KEY-1…\): *$/m);
    term.type(key);
    await new Promise((r) => setTimeout(r, 300));
    expect(term.screen()).not.toContain(key.slice(16, 30));
    term.press('Enter');
    const done = await term.waitFor(/restored the backup of 2026-11-23T12:00:00.000Z/);
    expect(done).not.toContain(key.slice(16, 30));
    const connections = readStore(home, (db) => db.prepare('SELECT provider FROM connections').all());
    expect(connections).toEqual([{ provider: 'banka' }]);
    const sync = await spawnCliAsync(['sync', '--json'], { ...env, FINAGG_NOW: '2026-11-24T12:00:00Z' });
    expect(sync.code, sync.stderr).toBe(0);
  });
});
