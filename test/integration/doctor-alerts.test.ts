import { describe, expect, it } from 'vitest';
import { setSecret } from '../../src/app/secrets';
import { writeSetting } from '../../src/storage/settings-repo';
import { freshHome, runCli } from '../helpers/cli';
import { cliContext } from '../helpers/context';

const BASE = { FINAGG_KEYSTORE: 'file', FINAGG_NOW: '2026-11-23T12:00:00Z' };

interface Check {
  channel: 'email' | 'push';
  check: string;
  ok: boolean;
  problem: string | null;
  detail: string | null;
}

/** A fresh home, a way to run the CLI in it, and its `doctor --json` alert checks. */
function home() {
  const dir = freshHome();
  const env = { ...BASE, FINAGG_HOME: dir };
  const cli = (...argv: string[]) => runCli(argv, env);
  const checks = async () => JSON.parse((await cli('doctor', '--json')).stdout).alerts as Check[];
  // Secrets are read from a prompt by the CLI: set them the way it does, in this process.
  const secret = async (key: string, value: string) => {
    const ctx = cliContext(dir, env);
    await setSecret(ctx, key, value);
    await ctx.close();
  };
  return { dir, env, cli, checks, secret };
}

const problems = (checks: Check[]) => checks.filter((c) => !c.ok).map((c) => `${c.channel} ${c.check}: ${c.problem}`);

describe('finagg doctor: mail and push settings, checked without sending', () => {
  it('says both are off on a fresh home, each on a line', async () => {
    const h = home();
    expect(await h.checks()).toEqual([
      expect.objectContaining({ channel: 'email', check: 'setup', ok: true, problem: null }),
      expect.objectContaining({ channel: 'push', check: 'setup', ok: true, problem: null }),
    ]);
    const text = (await h.cli('doctor')).stdout;
    expect(text).toMatch(/^mail {8}ok setup: off/m);
    expect(text).toMatch(/^push {8}ok setup: off/m);
  });

  it('finds mail to an address with no server, and a server with no address', async () => {
    const h = home();
    await h.cli('config', 'set', 'alerts.email.to', 'me@example.com');
    expect(problems(await h.checks())).toEqual([
      'email setup: alerts.email.to is set but alerts.email.host is not, so no mail is sent; finagg config set alerts.email.host smtp.example.com',
    ]);
    await h.cli('config', 'unset', 'alerts.email.to');
    await h.cli('config', 'set', 'alerts.email.host', 'smtp.example.com');
    expect(problems(await h.checks())[0]).toMatch(/^email setup: alerts.email.host is set but alerts.email.to is not/);
    await h.cli('config', 'set', 'alerts.email.to', 'me@example.com');
    const checks = await h.checks();
    expect(problems(checks)).toEqual([]);
    expect(checks.filter((c) => c.channel === 'email').map((c) => `${c.check}: ${c.detail}`)).toEqual([
      'setup: to 1 address through smtp.example.com:587',
      'login: none (the server takes mail without one)',
      'connection: STARTTLS required by smtp.example.com:587 (never plain to another host)',
    ]);
  });

  it('finds a login without its password, and a password without a login', async () => {
    const h = home();
    await h.cli('config', 'set', 'alerts.email.to', 'me@example.com');
    await h.cli('config', 'set', 'alerts.email.host', 'smtp.example.com');
    await h.cli('config', 'set', 'alerts.email.user', 'me');
    expect(problems(await h.checks())).toEqual([
      'email login: alerts.email.user is set but its password is not, so every mail fails; finagg config set-secret alerts.email.password',
    ]);
    await h.secret('alerts.email.password', 'hunter2');
    expect(problems(await h.checks())).toEqual([]);
    await h.cli('config', 'unset', 'alerts.email.user');
    expect(problems(await h.checks())[0]).toMatch(/^email login: alerts.email.password is set but alerts.email.user is not/);
    // Never the password itself, in either output.
    expect((await h.cli('doctor')).stdout + (await h.cli('doctor', '--json')).stdout).not.toContain('hunter2');
  });

  it('finds a TLS mode the port does not speak; plain only to this machine', async () => {
    const h = home();
    await h.cli('config', 'set', 'alerts.email.to', 'me@example.com');
    await h.cli('config', 'set', 'alerts.email.host', 'smtp.example.com');
    await h.cli('config', 'set', 'alerts.email.tls', 'tls');
    expect(problems(await h.checks())[0]).toMatch(
      /^email connection: port 587 starts plain .* finagg config set alerts.email.tls starttls/,
    );
    await h.cli('config', 'set', 'alerts.email.port', '465');
    expect(problems(await h.checks())).toEqual([]);
    await h.cli('config', 'set', 'alerts.email.tls', 'starttls');
    expect(problems(await h.checks())[0]).toMatch(/^email connection: port 465 speaks TLS from the first byte/);
    await h.cli('config', 'set', 'alerts.email.host', 'localhost');
    await h.cli('config', 'set', 'alerts.email.port', '25');
    const connection = (await h.checks()).find((c) => c.check === 'connection')!;
    expect(connection).toMatchObject({ ok: true, detail: 'plain to localhost:25 (this machine), STARTTLS when offered' });
  });

  it('finds an ntfy URL that is ignored and a token without a URL; never shows the topic', async () => {
    const h = home();
    await h.secret('alerts.push.token', 'tk_secret');
    expect(problems(await h.checks())).toEqual([
      'push token: alerts.push.token is set but alerts.push.ntfy is not, so nothing is pushed; finagg config set alerts.push.ntfy https://ntfy.sh/your-topic (or finagg config unset alerts.push.token)',
    ]);
    // Stored by hand or by another version: the settings read it as unset, so push is silently off.
    const ctx = cliContext(h.dir, h.env);
    await writeSetting(ctx.db, 'alerts.push.ntfy', 'http://ntfy.example.com/my-private-topic', BASE.FINAGG_NOW);
    await ctx.close();
    expect(problems(await h.checks())).toEqual([
      'push url: the stored alerts.push.ntfy is ignored (it must be an https:// URL (plain http only to this machine)), so nothing is pushed; finagg config set alerts.push.ntfy https://ntfy.sh/your-topic',
    ]);
    await h.cli('config', 'set', 'alerts.push.ntfy', 'https://ntfy.example.com/my-private-topic');
    const checks = await h.checks();
    expect(problems(checks)).toEqual([]);
    expect(checks.filter((c) => c.channel === 'push').map((c) => `${c.check}: ${c.detail}`)).toEqual([
      'url: ntfy at ntfy.example.com',
      'token: access token set',
    ]);
    const text = (await h.cli('doctor')).stdout;
    expect(text).toMatch(/^push {8}ok url: ntfy at ntfy.example.com$/m);
    expect(text).not.toContain('my-private-topic');
    expect(text).not.toContain('tk_secret');
  });

  it('lists a warning with its fix on its own line', async () => {
    const h = home();
    await h.cli('config', 'set', 'alerts.email.to', 'me@example.com');
    const r = await h.cli('doctor');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^mail {8}warning setup: alerts.email.to is set but alerts.email.host is not/m);
    expect(JSON.parse((await h.cli('doctor', '--json')).stdout).problems).toEqual([]);
  });
});
