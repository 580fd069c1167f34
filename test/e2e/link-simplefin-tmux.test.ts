import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { type SimpleFinServer, startSimpleFinServer } from '../../src/devtools/simplefin-server';
import { freshHome, spawnCliAsync } from '../helpers/cli';
import { hasTmux, terminal } from '../helpers/terminal';

// `finagg link simplefin` at a real terminal: the pasted setup token is never shown.
if (!hasTmux) console.log('skipping the tmux link test: tmux is not installed');

describe.skipIf(!hasTmux)('finagg link simplefin at a terminal', () => {
  let server: SimpleFinServer | undefined;
  const term = terminal('link');
  afterAll(async () => {
    term.close();
    await server?.close();
  });

  it('asks for the setup token without echo, links, and the token is on no screen', async () => {
    server = await startSimpleFinServer({ dir: fs.mkdtempSync(path.join(os.tmpdir(), 'finagg-sfin-')), historyDays: 20 });
    const home = freshHome();
    const env = { FINAGG_HOME: home, FINAGG_KEYSTORE: 'file', NO_COLOR: '1', NODE_EXTRA_CA_CERTS: server.caPath };
    term.run(['link', 'simplefin', '--no-sync'], env);
    await term.waitFor(/Setup token: *$/m);
    const token = server.newSetupToken();
    term.type(token);
    await new Promise((r) => setTimeout(r, 300));
    expect(term.screen()).not.toContain(token.slice(0, 12));
    term.press('Enter');
    const linked = await term.waitFor(/Linked simplefin \(connection 1\) with 5 accounts/);
    expect(linked).not.toContain(token.slice(0, 12));
    const connections = await spawnCliAsync(['connections', '--json'], env);
    expect(JSON.parse(connections.stdout)).toEqual([expect.objectContaining({ provider: 'simplefin', status: 'active' })]);
  });
});
