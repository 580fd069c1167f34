import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { LATEST_SCHEMA_VERSION, MIGRATIONS } from '../../src/storage/migrations/index';
import { freshHome, spawnCli } from '../helpers/cli';

// The built CLI as a new user meets it: `npm test` builds dist/ before vitest runs.
describe('first run of the built CLI', () => {
  it('lists its commands in --help and prints its version', () => {
    const help = spawnCli(['--help']);
    expect(help.code).toBe(0);
    for (const command of ['providers', 'link', 'unlink', 'connections', 'accounts', 'tx', 'doctor']) {
      expect(help.stdout).toMatch(new RegExp(`\\n  ${command}\\b`));
    }
    const pkg = JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../package.json'), 'utf8'));
    expect(spawnCli(['--version']).stdout.trim()).toBe(pkg.version);
  });

  it('doctor creates a private data dir and database, and migrates once', () => {
    const home = freshHome();
    const first = spawnCli(['doctor', '--json'], { FINAGG_HOME: home });
    expect(first.code).toBe(0);
    const report = JSON.parse(first.stdout);
    expect(report).toMatchObject({
      home,
      db_path: path.join(home, 'finagg.db'),
      schema_version: LATEST_SCHEMA_VERSION,
      migrations_applied: MIGRATIONS.map((m) => m.version),
      integrity: 'ok',
      key_store: 'none',
      daemon: { running: false, pid: null },
      problems: [],
    });
    expect(fs.statSync(home).mode & 0o777).toBe(0o700);
    expect(fs.statSync(report.db_path).mode & 0o777).toBe(0o600);

    const second = spawnCli(['doctor', '--json'], { FINAGG_HOME: home });
    expect(JSON.parse(second.stdout)).toMatchObject({ schema_version: LATEST_SCHEMA_VERSION, migrations_applied: [] });
  });

  it('--home wins over FINAGG_HOME', () => {
    const flagHome = freshHome();
    const r = spawnCli(['--home', flagHome, 'doctor', '--json'], { FINAGG_HOME: freshHome() });
    expect(JSON.parse(r.stdout).home).toBe(flagHome);
  });

  it.each([[['nosuch']], [['tx', '--limit', 'abc']]])('%j prints one line and exits 2 without a stack', (argv) => {
    const r = spawnCli(argv, { FINAGG_HOME: freshHome() });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/^finagg: /);
  });

  it('doctor reports a data dir that others can read', () => {
    const home = freshHome();
    spawnCli(['doctor'], { FINAGG_HOME: home });
    fs.chmodSync(home, 0o755);
    const r = spawnCli(['doctor', '--json'], { FINAGG_HOME: home });
    expect(JSON.parse(r.stdout).problems).toEqual([expect.stringContaining(`data dir ${home} is open to others (mode 755)`)]);
  });
});
