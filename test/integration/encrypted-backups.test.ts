import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, onTestFinished } from 'vitest';
import { backupOfTheDay } from '../../src/app/backups/daily';
import { type SimpleFinServer, startSimpleFinServer } from '../../src/devtools/simplefin-server';
import { type CliResult, freshHome, readStore, runCli, spawnCliAsync } from '../helpers/cli';
import { cliContext } from '../helpers/context';
import { keychainUnavailableReason } from '../helpers/keychain';
import { KEYCHAIN_SERVICE, keychainAccount } from '../../src/security/key-store';
import { napiKeyringBackend } from '../../src/security/keyring-backend';

/**
 * Backups that survive the machine (issue 40): encrypted to a recovery key, written to a
 * folder and an rclone remote, opened by the standard `age` command, restored into a new
 * data dir with a key store of its own, after which the banks sync without a new link.
 */

const required = process.env.FINAGG_REQUIRE_BACKUP_TOOLS === '1';
const has = (tool: string) => spawnSync(tool, ['--version'], { encoding: 'utf8' }).status === 0;
const hasAge = has('age');
const hasRclone = has('rclone');

const NOW = '2026-11-23T12:00:00Z';
const NEXT_DAY = '2026-11-24T12:00:00Z';
const SIM = { FINAGG_SEED: '4', FINAGG_SIM_HISTORY_DAYS: '30', FINAGG_SIM_DAILY: '3', FINAGG_KEYSTORE: 'file' };

let server: SimpleFinServer | undefined;
const temps: string[] = [];
afterEach(async () => {
  await server?.close();
  server = undefined;
  for (const dir of temps.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

const tempDir = () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'finagg-backups-'));
  temps.push(dir);
  return dir;
};

/** The files under a folder (none when it is not there): what a refused restore must not leave. */
function filesIn(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((d) => !d.isDirectory())
    .map((d) => path.join(d.parentPath, d.name));
}

function ok(r: CliResult, what: string): CliResult {
  if (r.code !== 0) throw new Error(`${what} exited ${r.code}: ${r.stderr}`);
  return r;
}

/** A home with BankA linked and synced, and `backup init` done to `folder`. */
async function initialized(folder: string, extra: Record<string, string> = {}) {
  const env = { ...SIM, FINAGG_HOME: freshHome(), FINAGG_NOW: NOW, ...extra };
  const cli = (...argv: string[]) => runCli(argv, env);
  ok(await cli('link', 'banka', '--yes'), 'link');
  const init = JSON.parse(ok(await cli('backup', 'init', '--to', folder, '--json'), 'init').stdout) as {
    recovery_key: string;
    recipient: string;
    targets: string[];
  };
  return { env, cli, init };
}

describe('encrypted backups', () => {
  it.skipIf(!hasAge && !required)(
    'are age files that the age command opens with the recovery key, holding the database, the data key and a manifest',
    async () => {
      const folder = tempDir();
      const { env, cli, init } = await initialized(folder);
      expect(init.recovery_key).toMatch(/^AGE-SECRET-KEY-1[0-9A-Z]{58}$/);
      expect(init.recipient).toMatch(/^age1[0-9a-z]{58}$/);
      expect(init.targets).toEqual([folder]);
      // Only the public half is kept.
      expect(JSON.parse(ok(await cli('config', 'get', 'backup.recipient', '--json'), 'get').stdout)).toEqual({
        'backup.recipient': init.recipient,
      });

      const backup = JSON.parse(ok(await cli('backup', '--json'), 'backup').stdout) as {
        path: string;
        targets: { target: string; ok: boolean; name: string }[];
      };
      expect(backup.targets).toEqual([
        expect.objectContaining({ target: folder, ok: true, name: 'finagg-20261123-120000.tar.age' }),
      ]);
      expect(path.dirname(backup.path)).toBe(path.join(env.FINAGG_HOME, 'backups'));
      const written = path.join(folder, 'finagg-20261123-120000.tar.age');
      expect(fs.readFileSync(written).subarray(0, 21).toString()).toBe('age-encryption.org/v1');
      expect(fs.statSync(written).mode & 0o777).toBe(0o600);

      // Opened without finagg: age -d with the recovery key, then tar.
      const keyFile = path.join(tempDir(), 'key.txt');
      fs.writeFileSync(keyFile, `${init.recovery_key}\n`, { mode: 0o600 });
      const out = tempDir();
      const opened = spawnSync('sh', ['-c', `age -d -i "${keyFile}" "${written}" | tar -x -C "${out}"`], { encoding: 'utf8' });
      expect(opened.status, opened.stderr).toBe(0);
      expect(fs.readdirSync(path.join(out, 'finagg-backup')).sort()).toEqual(['data-key', 'finagg.db', 'manifest.json']);
      const manifest = JSON.parse(fs.readFileSync(path.join(out, 'finagg-backup', 'manifest.json'), 'utf8'));
      const stored = readStore(
        env.FINAGG_HOME,
        (db) => db.prepare('SELECT count(*) AS n FROM transactions').get() as { n: number },
      );
      expect(manifest).toMatchObject({ format: 'finagg-backup', rows: { transactions: stored.n } });
      expect(stored.n).toBeGreaterThan(10);
      expect(fs.readFileSync(path.join(env.FINAGG_HOME, 'key'), 'utf8').trim()).toBe(
        fs.readFileSync(path.join(out, 'finagg-backup', 'data-key'), 'utf8').trim(),
      );
      // Without the key, nothing opens.
      const other = spawnSync('sh', ['-c', `age-keygen 2>/dev/null | age -d -i - "${written}"`], { encoding: 'utf8' });
      expect(other.status).not.toBe(0);

      // The recovery key is nowhere in the data dir: not in the database, the logs or the backups.
      const files = fs.readdirSync(env.FINAGG_HOME, { recursive: true, withFileTypes: true }).filter((d) => d.isFile());
      for (const f of files) expect(fs.readFileSync(path.join(f.parentPath, f.name)).includes(init.recovery_key)).toBe(false);
    },
  );

  it('restore into a new data dir with its own key store brings the data key, and the banks sync without a new link', async () => {
    server = await startSimpleFinServer({ dir: tempDir(), now: () => Date.parse(NOW) });
    const folder = tempDir();
    const sfin = { NODE_EXTRA_CA_CERTS: server.caPath, FINAGG_SIMPLEFIN_TIMEOUT_MS: '2000' };
    const oldHome = freshHome();
    const oldEnv = { ...SIM, ...sfin, FINAGG_HOME: oldHome, FINAGG_NOW: NOW };
    const old = (argv: string[], stdin = '') => spawnCliAsync(argv, oldEnv, stdin);
    ok(await old(['link', 'banka', '--yes']), 'link banka');
    ok(await old(['link', 'simplefin', '--token-stdin'], server.newSetupToken()), 'link simplefin');
    const init = JSON.parse(ok(await old(['backup', 'init', '--to', folder, '--json']), 'init').stdout) as {
      recovery_key: string;
    };
    ok(await old(['backup']), 'backup');
    const before = readStore(oldHome, (db) => db.prepare('SELECT count(*) AS n FROM transactions').get() as { n: number }).n;

    // The new machine: another data dir whose key goes to the OS keychain where one answers
    // (CI has one), the same banks (their side of the world).
    const unavailable = await keychainUnavailableReason();
    if (unavailable !== undefined && process.env.FINAGG_REQUIRE_KEYCHAIN === '1')
      throw new Error(`FINAGG_REQUIRE_KEYCHAIN=1, but no keychain answers (${unavailable})`);
    const keyStore = unavailable === undefined ? 'keychain' : 'file';
    const newHome = freshHome();
    const newEnv = {
      ...SIM,
      ...sfin,
      FINAGG_HOME: newHome,
      FINAGG_NOW: NEXT_DAY,
      FINAGG_SIM_STATE: path.join(oldHome, 'sim'),
      FINAGG_KEYSTORE: keyStore,
      // The keychain answers on the session bus of whoever runs the tests.
      DBUS_SESSION_BUS_ADDRESS: process.env.DBUS_SESSION_BUS_ADDRESS,
    };
    const fresh = (argv: string[], stdin = '') => spawnCliAsync(argv, newEnv, stdin);
    const restored = JSON.parse(
      ok(await fresh(['restore', folder, '--recovery-key-stdin', '--json'], `${init.recovery_key}\n`), 'restore').stdout,
    ) as { path: string; rows: { transactions: number }; key_store: string; previous: string | null };
    expect(restored.path).toBe(path.join(folder, 'finagg-20261123-120000.tar.age'));
    // The new data dir held nothing: nothing is kept aside.
    expect(restored.previous).toBeNull();
    expect(fs.readdirSync(newHome).filter((f) => f.includes('before-restore'))).toEqual([]);
    expect(restored.rows.transactions).toBe(before);
    expect(restored.key_store).toBe(keyStore);
    if (keyStore === 'keychain') {
      const kept = await napiKeyringBackend().get(KEYCHAIN_SERVICE, keychainAccount(newHome));
      onTestFinished(async () => {
        await napiKeyringBackend().delete(KEYCHAIN_SERVICE, keychainAccount(newHome));
      });
      expect(kept).toBe(fs.readFileSync(path.join(oldHome, 'key'), 'utf8').trim());
      expect(fs.existsSync(path.join(newHome, 'key'))).toBe(false);
    } else expect(fs.readFileSync(path.join(newHome, 'key'), 'utf8')).toBe(fs.readFileSync(path.join(oldHome, 'key'), 'utf8'));

    const sync = JSON.parse(ok(await fresh(['sync', '--json']), 'sync after restore').stdout) as {
      runs: { status: string; provider?: string; inserted: number }[];
    };
    expect(sync.runs.length).toBeGreaterThanOrEqual(4); // BankA's three accounts and SimpleFIN's
    expect(sync.runs.every((r) => r.status === 'success')).toBe(true);
    const connections = readStore(newHome, (db) => db.prepare('SELECT provider, status FROM connections ORDER BY id').all());
    expect(connections).toEqual([
      { provider: 'banka', status: 'active' },
      { provider: 'simplefin', status: 'active' },
    ]);
    const after = readStore(newHome, (db) => db.prepare('SELECT count(*) AS n FROM transactions').get() as { n: number }).n;
    expect(after).toBeGreaterThan(before); // the next day's rows came

    // Nothing of the recovery key reached the new data dir or the output.
    const files = fs.readdirSync(newHome, { recursive: true, withFileTypes: true }).filter((d) => d.isFile());
    for (const f of files) expect(fs.readFileSync(path.join(f.parentPath, f.name)).includes(init.recovery_key)).toBe(false);
  });

  it('refuses a changed, cut or foreign file in one line, and nothing is written to the new data dir', async () => {
    const folder = tempDir();
    const { cli, init } = await initialized(folder);
    ok(await cli('backup'), 'backup');
    const good = fs.readFileSync(path.join(folder, 'finagg-20261123-120000.tar.age'));
    const dir = tempDir();
    const changed = Buffer.from(good);
    changed[Math.floor(changed.length / 2)]! ^= 0x01;
    const cases: [string, Buffer, string, RegExp][] = [
      ['changed.tar.age', changed, init.recovery_key, /damaged or cut short/],
      ['cut.tar.age', good.subarray(0, good.length - 100), init.recovery_key, /damaged or cut short/],
      ['good.tar.age', good, 'AGE-SECRET-KEY-1' + 'Q'.repeat(58), /not an age identity|not encrypted to this recovery key/],
    ];
    for (const [name, bytes, key, reason] of cases) {
      const file = path.join(dir, name);
      fs.writeFileSync(file, bytes);
      const home = freshHome();
      const r = await spawnCliAsync(
        ['restore', file, '--recovery-key-stdin'],
        { ...SIM, FINAGG_HOME: home, FINAGG_NOW: NOW },
        key,
      );
      expect(r.code, name).toBe(2);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toMatch(reason);
      expect(r.stderr).not.toContain(key);
      expect(filesIn(home), name).toEqual([]);
    }
    // A key for another backup: refused the same way.
    const other = await initialized(tempDir());
    const home = freshHome();
    const r = await spawnCliAsync(
      ['restore', path.join(folder, 'finagg-20261123-120000.tar.age'), '--recovery-key-stdin'],
      { ...SIM, FINAGG_HOME: home, FINAGG_NOW: NOW },
      other.init.recovery_key,
    );
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/not encrypted to this recovery key/);
    expect(filesIn(home)).toEqual([]);
  });

  it('a target that cannot be written raises an alert through the outbox, and the other targets are still written', async () => {
    const folder = tempDir();
    const { env, cli } = await initialized(folder);
    const blocked = path.join(tempDir(), 'a-file');
    fs.writeFileSync(blocked, 'not a folder');
    ok(await cli('config', 'set', 'alerts.webhook', 'http://127.0.0.1:9/hook'), 'webhook');
    ok(await cli('config', 'set', 'backup.to', `${folder},${path.join(blocked, 'finagg')}`), 'backup.to');
    const r = await cli('backup', '--json');
    expect(r.code).toBe(1);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    const result = JSON.parse(r.stdout) as { targets: { target: string; ok: boolean; error: string | null }[] };
    expect(result.targets.map((t) => t.ok)).toEqual([true, false]);
    expect(result.targets[1]!.error).toContain(path.join(blocked, 'finagg'));
    const alerts = readStore(env.FINAGG_HOME, (db) =>
      db
        .prepare(
          "SELECT a.message, group_concat(d.channel) AS channels FROM alerts a JOIN alert_deliveries d ON d.alert_id = a.id WHERE a.type = 'backup_failed' GROUP BY a.id",
        )
        .all(),
    ) as { message: string; channels: string }[];
    expect(alerts).toHaveLength(1);
    expect(alerts[0]!.message).toContain(path.join(blocked, 'finagg'));
    expect(alerts[0]!.channels.split(',')).toContain('webhook');
    // doctor reports each target: the one written with its backup, the other failing.
    const doctor = JSON.parse((await cli('doctor', '--json')).stdout) as {
      problems: string[];
      backup_targets: { target: string; last_backup: string | null; age_hours: number | null; last_error: string | null }[];
    };
    expect(doctor.backup_targets).toEqual([
      expect.objectContaining({ target: folder, last_backup: 'finagg-20261123-120000.tar.age', age_hours: 0, last_error: null }),
      expect.objectContaining({ target: path.join(blocked, 'finagg'), last_backup: null, last_error: expect.any(String) }),
    ]);
    expect(doctor.problems.filter((p) => p.includes(path.join(blocked, 'finagg')))).toHaveLength(1);
  });

  it.skipIf(!hasRclone && !required)('writes to an rclone remote, lists it, and restores from it', async () => {
    const remoteDir = tempDir();
    const rclone = { RCLONE_CONFIG: path.join(tempDir(), 'rclone.conf'), RCLONE_CONFIG_TESTLOCAL_TYPE: 'local' };
    const target = `rclone:testlocal:${remoteDir}/finagg`;
    const { env, cli, init } = await initialized(target, rclone);
    const backup = JSON.parse(ok(await cli('backup', '--json'), 'backup').stdout) as { targets: { ok: boolean }[] };
    expect(backup.targets).toEqual([expect.objectContaining({ target, ok: true })]);
    expect(fs.readdirSync(path.join(remoteDir, 'finagg'))).toEqual(['finagg-20261123-120000.tar.age']);
    const listed = JSON.parse(ok(await cli('backup', 'list', '--to', target, '--json'), 'list').stdout) as { target: string }[];
    expect(listed).toEqual([
      { target, name: 'finagg-20261123-120000.tar.age', bytes: expect.any(Number), created_at: '2026-11-23T12:00:00.000Z' },
    ]);
    const home = freshHome();
    const restored = await spawnCliAsync(
      ['restore', target, '--recovery-key-stdin', '--json'],
      { ...SIM, ...rclone, FINAGG_HOME: home, FINAGG_NOW: NOW, FINAGG_SIM_STATE: path.join(env.FINAGG_HOME, 'sim') },
      init.recovery_key,
    );
    expect(restored.code, restored.stderr).toBe(0);
    expect(JSON.parse(restored.stdout)).toMatchObject({ path: `${target}/finagg-20261123-120000.tar.age` });
    // An unconfigured remote fails in one line naming it, and raises an alert.
    const bad = await runCli(['backup', '--to', 'rclone:nosuchremote:x', '--json'], { ...env, FINAGG_NOW: NEXT_DAY });
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('rclone:nosuchremote:x');
  });

  it('restore says what its argument is: a missing file, a folder without backups, a file that is not encrypted', async () => {
    const env = { ...SIM, FINAGG_HOME: freshHome(), FINAGG_NOW: NOW };
    const dir = tempDir();
    const plain = path.join(dir, 'plain.db');
    fs.writeFileSync(plain, 'not age');
    const cases: [string[], string][] = [
      [[path.join(dir, 'gone.db'), '--recovery-key-stdin'], `no file ${JSON.stringify(path.join(dir, 'gone.db'))}`],
      [[dir, '--recovery-key-stdin'], 'holds no finagg backup'],
      [[plain, '--recovery-key-stdin'], 'is not encrypted: a plain backup needs no recovery key'],
    ];
    fs.mkdirSync(path.join(dir, 'empty'));
    cases.push([[path.join(dir, 'empty')], `${JSON.stringify(path.join(dir, 'empty'))} holds no finagg backup`]);
    for (const [argv, said] of cases) {
      const r = await runCli(['restore', ...argv], env);
      expect(r.code, argv.join(' ')).toBe(2);
      expect(r.stderr).toContain(said);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
    }
    expect(fs.existsSync(path.join(env.FINAGG_HOME, 'finagg.db'))).toBe(false);
  });

  it('backup list names a missing folder once, in one line, and exits 2 (the person can fix it)', async () => {
    const missing = path.join(tempDir(), 'not-there');
    const r = await runCli(['backup', 'list', '--to', missing], { ...SIM, FINAGG_HOME: freshHome(), FINAGG_NOW: NOW });
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toEqual([`finagg: backup target ${JSON.stringify(missing)}: the folder does not exist`]);
  });

  it.skipIf(!hasAge && !required)(
    'init is refused twice and for a folder that is not there; rotate-key encrypts what follows to the new key only',
    async () => {
      const folder = tempDir();
      const env = { ...SIM, FINAGG_HOME: freshHome(), FINAGG_NOW: NOW };
      const cli = (...argv: string[]) => runCli(argv, env);
      ok(await cli('link', 'banka', '--yes'), 'link');
      const missing = await cli('backup', 'init', '--to', path.join(folder, 'not-here'));
      expect(missing.code).toBe(2);
      expect(missing.stderr.trim().split('\n')).toHaveLength(1);
      expect(missing.stderr).toContain('not-here');
      // Nothing was kept: no recovery key, so backups stay plain and a target is refused.
      expect(JSON.parse((await cli('config', 'get', 'backup.recipient', '--json')).stdout)).toEqual({ 'backup.recipient': null });
      expect((await cli('backup', '--to', folder)).code).toBe(2);
      expect((await cli('config', 'set', 'backup.keep', '7d,5x')).stderr).toContain('"5x"');
      expect((await cli('config', 'set', 'backup.to', 'relative/folder')).code).toBe(2);

      const first = JSON.parse(ok(await cli('backup', 'init', '--to', folder, '--json'), 'init').stdout) as {
        recovery_key: string;
      };
      const again = await cli('backup', 'init', '--to', folder);
      expect(again.code).toBe(2);
      expect(again.stderr).toContain('rotate-key');
      ok(await cli('backup'), 'backup 1');

      const rotated = JSON.parse(ok(await cli('backup', 'rotate-key', '--json'), 'rotate').stdout) as { recovery_key: string };
      expect(rotated.recovery_key).not.toBe(first.recovery_key);
      ok(await runCli(['backup'], { ...env, FINAGG_NOW: NEXT_DAY }), 'backup 2');
      const opens = (file: string, key: string) => {
        const keyFile = path.join(tempDir(), 'key.txt');
        fs.writeFileSync(keyFile, `${key}\n`);
        return spawnSync('age', ['-d', '-i', keyFile, '-o', '/dev/null', path.join(folder, file)]).status === 0;
      };
      expect(opens('finagg-20261123-120000.tar.age', first.recovery_key)).toBe(true);
      expect(opens('finagg-20261124-120000.tar.age', first.recovery_key)).toBe(false);
      expect(opens('finagg-20261124-120000.tar.age', rotated.recovery_key)).toBe(true);
      const listed = JSON.parse(ok(await cli('backup', 'list', '--json'), 'list').stdout) as { target: string; name: string }[];
      expect(listed.map((b) => `${b.target} ${b.name}`).sort()).toEqual(
        [
          `data dir finagg-20261123-120000.tar.age`,
          `data dir finagg-20261124-120000.tar.age`,
          `${folder} finagg-20261123-120000.tar.age`,
          `${folder} finagg-20261124-120000.tar.age`,
        ].sort(),
      );
    },
  );

  it('the daemon writes one a day and each target keeps the newest 7 days, 4 weeks and 12 months', async () => {
    const folder = tempDir();
    const { env } = await initialized(folder);
    // A plain daily copy the daemon made before the recovery key: the first encrypted one replaces it.
    const plain = path.join(env.FINAGG_HOME, 'backups', 'daily-2026-08-15.db');
    fs.mkdirSync(path.dirname(plain), { recursive: true });
    fs.writeFileSync(plain, 'a plain copy');
    // One backup a day at 03:00 for 100 days, the way the daemon's rounds write them.
    let nowMs = Date.parse('2026-08-16T03:00:00Z');
    const clockEnv = () => ({ ...env, FINAGG_NOW: new Date(nowMs).toISOString() });
    for (let day = 0; day < 100; day++, nowMs += 86_400_000) {
      const ctx = cliContext(env.FINAGG_HOME, clockEnv());
      try {
        expect(await backupOfTheDay(ctx, { ...process.env, ...env })).toBe(true);
        // A second round the same day writes nothing.
        expect(await backupOfTheDay(ctx, { ...process.env, ...env })).toBe(false);
      } finally {
        await ctx.close();
      }
    }
    // The last is 2026-11-23 (a Monday). Days: Nov 17-23; ISO weeks: the newest of the weeks
    // of Nov 23, 22, 15, 8; months: the last of Nov, Oct, Sep, Aug.
    const day = (d: string) => `finagg-${d.replace(/-/g, '')}-030000.tar.age`;
    const expected = [
      ...['2026-11-23', '2026-11-22', '2026-11-21', '2026-11-20', '2026-11-19', '2026-11-18', '2026-11-17'],
      ...['2026-11-15', '2026-11-08'],
      ...['2026-10-31', '2026-09-30', '2026-08-31'],
    ].map(day);
    expect(fs.readdirSync(folder).sort()).toEqual([...expected].sort());
    expect(fs.existsSync(plain)).toBe(false);
    // The data dir keeps its own copies by the same rule.
    expect(
      fs
        .readdirSync(path.join(env.FINAGG_HOME, 'backups'))
        .filter((f) => f.endsWith('.tar.age'))
        .sort(),
    ).toEqual([...expected].sort());
  }, 120_000);
});
