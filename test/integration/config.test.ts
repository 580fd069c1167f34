import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { freshHome, runCli } from '../helpers/cli';

const DEFAULTS = {
  week_start: 'monday',
  'alerts.desktop': 'off',
  'alerts.webhook': null,
  'alerts.command': null,
  'daemon.every': '15m',
  'alerts.low_balance': null,
  'alerts.email.to': null,
  'alerts.email.from': null,
  'alerts.email.host': null,
  'alerts.email.port': '587',
  'alerts.email.tls': null,
  'alerts.email.user': null,
  'alerts.push.ntfy': null,
  'enablebanking.redirect_url': 'http://localhost:8765/enablebanking',
  'currency.home': null,
  'backup.to': null,
  'backup.keep': '7d,4w,12m',
  'backup.recipient': null,
};
const KNOWN = 'finagg config list shows every setting';

function configCli() {
  const env = { FINAGG_HOME: freshHome(), FINAGG_NOW: '2026-11-23T12:00:00Z', FINAGG_KEYSTORE: 'file' };
  const cli = (...argv: string[]) => runCli(argv, env);
  const settings = async () => {
    const r = await cli('config', 'list', '--json');
    expect(r.code).toBe(0);
    return JSON.parse(r.stdout) as Record<string, string | null>;
  };
  return { cli, settings, home: env.FINAGG_HOME };
}

describe('finagg config', () => {
  it('hides the query of a webhook URL (a token) on the terminal, gives it whole to scripts', async () => {
    const { cli, settings } = configCli();
    const url = 'https://hooks.example.com/finagg?token=s3cret';
    const set = await cli('config', 'set', 'alerts.webhook', url);
    expect(set.stdout).toContain('alerts.webhook = https://hooks.example.com/finagg?…');
    expect(set.stdout + set.stderr).not.toContain('s3cret');
    const table = await cli('config', 'list');
    expect(table.stdout).toContain('https://hooks.example.com/finagg?…');
    expect(table.stdout).not.toContain('s3cret');
    expect((await settings())['alerts.webhook']).toBe(url);
  });

  it('lists every setting with its default in a fresh home', async () => {
    const { cli, settings } = configCli();
    expect(await settings()).toEqual(DEFAULTS);
    const table = await cli('config');
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(/^KEY\s+VALUE\s+FROM\s+ABOUT/);
    expect(table.stdout).toMatch(/week_start\s+monday\s+default\s+first day/);
    expect(table.stdout).toMatch(/alerts\.webhook\s+\(unset\)\s+default/);
  });

  it('sets, gets and unsets values', async () => {
    const { cli, settings, home } = configCli();
    expect(await cli('config', 'set', 'week_start', 'Sunday')).toEqual({ code: 0, stdout: 'week_start = sunday\n', stderr: '' });
    expect(await cli('config', 'get', 'week_start')).toEqual({ code: 0, stdout: 'sunday\n', stderr: '' });
    expect((await cli('config', 'set', 'daemon.every', '90m')).stdout).toBe('daemon.every = 1h30m\n');
    expect((await cli('config', 'set', 'alerts.desktop', 'on', '--json')).stdout).toBe('{\n  "alerts.desktop": "on"\n}\n');
    const url = 'https://hooks.example.com/services/T0/B0/tok3n';
    expect((await cli('config', 'set', 'alerts.webhook', url)).code).toBe(0);
    expect((await cli('config', 'set', 'alerts.command', 'jq -r .message >> /tmp/alerts.txt')).code).toBe(0);
    expect(await settings()).toEqual({
      ...DEFAULTS,
      week_start: 'sunday',
      'alerts.desktop': 'on',
      'alerts.webhook': url,
      'alerts.command': 'jq -r .message >> /tmp/alerts.txt',
      'daemon.every': '1h30m',
    });
    expect((await cli('config', 'list')).stdout).toMatch(/week_start\s+sunday\s+config set/);
    // The log names the webhook's host, never its token, and nothing of the command.
    const log = fs.readFileSync(path.join(home, 'logs', 'finagg.log'), 'utf8');
    expect(log).toContain('"setting":"alerts.webhook","value":"host hooks.example.com"');
    expect(log).toContain('"setting":"alerts.command"}');
    expect(log).not.toContain('tok3n');
    expect(log).not.toContain('jq -r');

    // "" unsets the keys whose default is unset; `unset` puts any key back.
    expect((await cli('config', 'set', 'alerts.webhook', '')).code).toBe(0);
    expect(await cli('config', 'get', 'alerts.webhook')).toEqual({ code: 0, stdout: '', stderr: 'alerts.webhook is unset\n' });
    expect((await cli('config', 'unset', 'alerts.command')).code).toBe(0);
    expect((await cli('config', 'unset', 'week_start')).stdout).toBe('week_start = monday (the default)\n');
    expect((await cli('config', 'unset', 'daemon.every', '--json')).stdout).toBe('{\n  "daemon.every": "15m"\n}\n');
    expect(await settings()).toEqual({ ...DEFAULTS, 'alerts.desktop': 'on' });
  });

  it('refuses an unknown key with one line, exit 2, nothing changed', async () => {
    const { cli, settings } = configCli();
    await cli('config', 'set', 'week_start', 'sunday');
    for (const argv of [
      ['config', 'set', 'foo', 'bar'],
      ['config', 'get', 'foo'],
      ['config', 'unset', 'foo'],
    ]) {
      const r = await cli(...argv);
      expect(r).toEqual({ code: 2, stdout: '', stderr: `finagg: unknown setting "foo" (${KNOWN})\n` });
    }
    expect(await settings()).toEqual({ ...DEFAULTS, week_start: 'sunday' });
    // A near miss is named.
    expect((await cli('config', 'set', 'backup.kep', '7d')).stderr).toBe(
      'finagg: unknown setting "backup.kep" (did you mean backup.keep? finagg config list shows every setting)\n',
    );
  });

  it.each([
    ['week_start', 'tuesday', 'must be monday or sunday'],
    ['week_start', '', 'must be monday or sunday'],
    ['alerts.desktop', 'yes', 'must be on or off'],
    ['alerts.webhook', 'ftp://example.com/x', 'must be an http:// or https:// URL'],
    ['alerts.webhook', 'example.com/hook', 'must be an http:// or https:// URL'],
    ['alerts.webhook', 'https://me:pw@example.com/', 'must not hold a user or password (put a token in the path or query)'],
    ['daemon.every', '30s', 'must be a duration from 1m to 24h, such as 15m or 1h'],
    ['daemon.every', '25h', 'must be a duration from 1m to 24h, such as 15m or 1h'],
    ['daemon.every', 'often', 'must be a duration from 1m to 24h, such as 15m or 1h'],
  ])('refuses %s %j: one line, exit 2, nothing changed', async (key, value, reason) => {
    const { cli, settings } = configCli();
    await cli('config', 'set', 'alerts.desktop', 'on');
    const before = await settings();
    const r = await cli('config', 'set', key, value);
    // A password typed into a URL is not echoed back (see stripUrlCredentials).
    const shown = JSON.stringify(value.replace('://me:pw@', '://***@'));
    expect(r).toEqual({ code: 2, stdout: '', stderr: `finagg: invalid value ${shown} for ${key}: ${reason}\n` });
    expect(await settings()).toEqual(before);
  });

  it('gives the error document with --json', async () => {
    const { cli } = configCli();
    const r = await cli('config', 'set', 'week_start', 'tuesday', '--json');
    expect(r.code).toBe(2);
    expect(JSON.parse(r.stdout)).toEqual({
      error: { code: 'invalid_input', message: 'invalid value "tuesday" for week_start: must be monday or sunday' },
    });
  });
});
