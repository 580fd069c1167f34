import { describe, expect, it } from 'vitest';
import { freshHome, runCli } from '../helpers/cli';

describe('CLI errors', () => {
  it('an unknown command is one line and exit 2', async () => {
    const r = await runCli(['nosuch'], { FINAGG_HOME: freshHome() });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe("finagg: unknown command 'nosuch' (see finagg --help)\n");
  });

  it('an unknown option names the command to read help for', async () => {
    const r = await runCli(['tx', '--colour'], { FINAGG_HOME: freshHome() });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe("finagg: unknown option '--colour' (see finagg tx --help)\n");
  });

  it('a subcommand error points at the subcommand’s help', async () => {
    const home = freshHome();
    expect((await runCli(['tx', 'show'], { FINAGG_HOME: home })).stderr).toBe(
      "finagg: missing required argument 'id' (see finagg tx show --help)\n",
    );
    expect((await runCli(['tx', 'show', '0'], { FINAGG_HOME: home })).stderr).toBe(
      'finagg: invalid <id> "0": must be a whole number of at least 1 (see finagg tx show --help)\n',
    );
  });

  it('an invalid value names the flag and the value', async () => {
    const r = await runCli(['tx', '--limit', 'abc'], { FINAGG_HOME: freshHome() });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('finagg: invalid --limit "abc": must be a whole number from 1 to 100000 (see finagg tx --help)\n');
  });

  it('with --json, the error document is on stdout and the line on stderr', async () => {
    const r = await runCli(['tx', '--from', '2026-02-30', '--json'], { FINAGG_HOME: freshHome() });
    expect(r.code).toBe(2);
    expect(JSON.parse(r.stdout)).toEqual({
      error: {
        code: 'invalid_input',
        message: 'invalid --from "2026-02-30": must be a date as YYYY-MM-DD',
        hint: 'see finagg tx --help',
      },
    });
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('commander errors take the --json shape too', async () => {
    const r = await runCli(['nosuch', '--json']);
    expect(r.code).toBe(2);
    expect(JSON.parse(r.stdout).error).toMatchObject({ code: 'usage', message: "unknown command 'nosuch'" });
  });

  it('an unknown reference is exit 2 with what exists', async () => {
    const r = await runCli(['tx', '--category', 'groceriez'], { FINAGG_HOME: freshHome() });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^finagg: no category "groceriez" \(did you mean groceries\?\) \(see finagg categories\)/);
  });

  it.each([
    ['FINAGG_NOW', 'yesterday', /invalid FINAGG_NOW "yesterday"/],
    ['FINAGG_SEED', '-1', /invalid FINAGG_SEED "-1"/],
  ])('an invalid %s is a usage error', async (name, value, message) => {
    const r = await runCli(['doctor'], { FINAGG_HOME: freshHome(), [name]: value });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
  });

  it('a hostile value is quoted, escaped and cut short', async () => {
    const hostile = `'; DROP TABLE transactions; --\u0007${'x'.repeat(100_000)}`;
    const r = await runCli(['tx', '--limit', hostile], { FINAGG_HOME: freshHome() });
    expect(r.code).toBe(2);
    expect(r.stderr.split('\n')).toHaveLength(2);
    expect(r.stderr.length).toBeLessThan(200);
    expect(r.stderr).toContain('\\u0007');
  });

  it('no stack trace unless FINAGG_DEBUG=1', async () => {
    const home = freshHome();
    const plain = await runCli(['tx', '--limit', '0'], { FINAGG_HOME: home });
    expect(plain.stderr).not.toMatch(/\n\s+at /);
    const debug = await runCli(['tx', '--limit', '0'], { FINAGG_HOME: home, FINAGG_DEBUG: '1' });
    expect(debug.code).toBe(2);
    expect(debug.stderr).toMatch(/\n\s+at /);
  });
});
