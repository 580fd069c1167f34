import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type BackupTarget, openTarget, parseTarget, type TargetSpec } from '../../src/app/backups/targets';
import { AppError } from '../../src/core/errors';
import { showValue } from '../../src/core/show-value';

// CI installs rclone and sets FINAGG_REQUIRE_BACKUP_TOOLS=1, so a missing rclone fails there instead of skipping.
const hasRclone = spawnSync('rclone', ['version'], { stdio: 'ignore' }).error === undefined;
const requireTools = process.env.FINAGG_REQUIRE_BACKUP_TOOLS === '1';
const skipRclone = !hasRclone && !requireTools;

const OLD = 'finagg-20260101-020304.tar.age';
const NEW = 'finagg-20260102-020304.tar.age';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'finagg-targets-'));
  dirs.push(dir);
  return dir;
}

function specOf(text: string, cwd = os.tmpdir()): TargetSpec {
  const parsed = parseTarget(text, cwd);
  if ('error' in parsed) throw new Error(parsed.error);
  return parsed;
}

/** rclone sees only the test's remotes: an empty config file of its own plus RCLONE_CONFIG_* settings. */
const rcloneEnv = (dir: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv => ({
  ...process.env,
  RCLONE_CONFIG: path.join(dir, 'rclone.conf'),
  RCLONE_CONFIG_TESTLOCAL_TYPE: 'local',
  ...extra,
});

const sha256 = (bytes: Buffer) => crypto.createHash('sha256').update(bytes).digest('hex');

/** The AppError a call fails with, checked to be one line that names the target as written. */
async function failureOf(call: Promise<unknown>, text: string): Promise<AppError> {
  const error = await call.then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(AppError);
  const { message } = error as AppError;
  expect(message).not.toMatch(/[\r\n]/);
  expect(message).not.toMatch(/\n\s+at /);
  expect(message).toContain(showValue(text));
  return error as AppError;
}

/** put, list, readBack, fetch and remove on a target whose files land in `storedIn`. */
async function roundTrip(target: BackupTarget, dir: string, storedIn: string): Promise<void> {
  const oldBytes = crypto.randomBytes(1000);
  const newBytes = crypto.randomBytes(2500);
  fs.writeFileSync(path.join(dir, 'old.bin'), oldBytes);
  fs.writeFileSync(path.join(dir, 'new.bin'), newBytes);

  expect(await target.list()).toEqual([]);
  // Written newest first, so a list sorted by write time would come out the other way round.
  await target.put(path.join(dir, 'new.bin'), NEW);
  await target.put(path.join(dir, 'old.bin'), OLD);
  // Whatever else lives there is not a backup: a note, and a folder with a backup's name.
  fs.writeFileSync(path.join(storedIn, 'notes.txt'), 'not a backup');
  fs.mkdirSync(path.join(storedIn, 'finagg-20260103-020304.tar.age'));

  const listed = await target.list();
  expect(listed.map(({ name, bytes }) => ({ name, bytes }))).toEqual([
    { name: NEW, bytes: 2500 },
    { name: OLD, bytes: 1000 },
  ]);
  for (const entry of listed) expect(entry.modifiedMs).toBeGreaterThan(0);

  expect(await target.readBack(NEW)).toBe(sha256(newBytes));
  expect(await target.readBack(OLD)).toBe(sha256(oldBytes));

  await target.fetch(OLD, path.join(dir, 'fetched.bin'));
  expect(fs.readFileSync(path.join(dir, 'fetched.bin')).equals(oldBytes)).toBe(true);

  await target.remove(OLD);
  expect((await target.list()).map((entry) => entry.name)).toEqual([NEW]);
  expect(fs.existsSync(path.join(storedIn, OLD))).toBe(false);
  expect(fs.readFileSync(path.join(storedIn, NEW)).equals(newBytes)).toBe(true);

  // A backup that is not there fails in one line too.
  await failureOf(target.readBack(OLD), target.spec.text);
}

describe('parseTarget', () => {
  it('reads rclone remotes, with and without a path', () => {
    expect(parseTarget('rclone:b2:', '/work')).toEqual({ kind: 'rclone', remote: 'b2', path: '', text: 'rclone:b2:' });
    expect(parseTarget('rclone:my drive:backups//finagg/', '/work')).toEqual({
      kind: 'rclone',
      remote: 'my drive',
      path: 'backups/finagg',
      text: 'rclone:my drive:backups//finagg/',
    });
    expect(parseTarget('rclone:s3.eu-1:/', '/work')).toMatchObject({ remote: 's3.eu-1', path: '/' });
  });

  it('resolves folders: ~/, relative and absolute', () => {
    expect(parseTarget('~/x', '/work')).toEqual({ kind: 'folder', path: path.join(os.homedir(), 'x'), text: '~/x' });
    expect(parseTarget('~', '/work')).toMatchObject({ kind: 'folder', path: os.homedir() });
    expect(parseTarget('nas/finagg', '/work')).toEqual({
      kind: 'folder',
      path: path.resolve('/work', 'nas/finagg'),
      text: 'nas/finagg',
    });
    expect(parseTarget('/mnt/nas/', '/work')).toMatchObject({ kind: 'folder', path: path.resolve('/mnt/nas') });
  });

  it('refuses empty text and malformed remotes, in one line', () => {
    for (const text of ['', '   ', 'nas\0x', 'rclone:b2', 'rclone::x', 'rclone:-b2:x', 'rclone:b2 :x', 'rclone:a,b:x']) {
      const parsed = parseTarget(text, '/work');
      expect(parsed, text).toHaveProperty('error');
      expect((parsed as { error: string }).error).not.toMatch(/[\r\n]/);
    }
    // Callers put the target in front (`backup target "rclone::x": ...`), so the error does not repeat it.
    expect((parseTarget('rclone::x', '/work') as { error: string }).error).toBe('the rclone remote name is empty');
  });
});

describe('folder target', () => {
  it('puts, lists, reads back, fetches and removes', async () => {
    const dir = tempDir();
    const store = path.join(dir, 'store');
    fs.mkdirSync(store);
    const target = openTarget(specOf(store), { env: process.env });
    await roundTrip(target, dir, store);
    // Renamed into place, private, and no temporary file left behind.
    expect(fs.statSync(path.join(store, NEW)).mode & 0o777).toBe(0o600);
    expect(fs.readdirSync(store).sort()).toEqual([NEW, 'finagg-20260103-020304.tar.age', 'notes.txt']);
  });

  it('refuses a folder that does not exist, and creates nothing', async () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'upload.bin'), 'x');
    const text = path.join(dir, 'nas', 'finagg');
    const target = openTarget(specOf(text), { env: process.env });
    const error = await failureOf(target.put(path.join(dir, 'upload.bin'), NEW), text);
    expect(error.message).toContain('does not exist');
    expect(error.code).toBe('not_found');
    await failureOf(target.list(), text);
    expect(fs.readdirSync(dir)).toEqual(['upload.bin']);
  });

  it('refuses a path that runs through a file (ENOTDIR)', async () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'upload.bin'), 'x');
    fs.writeFileSync(path.join(dir, 'plain'), 'a file');
    const text = path.join(dir, 'plain', 'finagg');
    const error = await failureOf(openTarget(specOf(text), { env: process.env }).put(path.join(dir, 'upload.bin'), NEW), text);
    expect(error.message).toContain('ENOTDIR');
    // The file itself as the target is no folder either.
    const file = path.join(dir, 'plain');
    expect((await failureOf(openTarget(specOf(file), { env: process.env }).list(), file)).message).toContain('not a folder');
  });

  it('refuses names that are not backups, so nothing outside the folder is touched', async () => {
    const dir = tempDir();
    const target = openTarget(specOf(dir), { env: process.env });
    fs.writeFileSync(path.join(dir, 'keep.txt'), 'x');
    await failureOf(target.remove('../keep.txt'), dir);
    await failureOf(target.remove('keep.txt'), dir);
    expect(fs.existsSync(path.join(dir, 'keep.txt'))).toBe(true);
  });
});

describe('rclone target', () => {
  it.runIf(requireTools)('has rclone on PATH (FINAGG_REQUIRE_BACKUP_TOOLS=1)', () => {
    expect(hasRclone).toBe(true);
  });

  it.skipIf(skipRclone)('puts, lists, reads back, fetches and removes on a remote configured by environment', async () => {
    const dir = tempDir();
    const target = openTarget(specOf(`rclone:testlocal:${dir}/sub`), { env: rcloneEnv(dir) });
    // The remote path does not exist until the first put: it lists as empty, and rclone creates it.
    await roundTrip(target, dir, path.join(dir, 'sub'));
  });

  it.skipIf(skipRclone)('fails in one line for a remote rclone does not know', async () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'upload.bin'), 'x');
    const text = `rclone:finaggnowhere:${dir}/sub`;
    const target = openTarget(specOf(text), { env: rcloneEnv(dir) });
    const error = await failureOf(target.put(path.join(dir, 'upload.bin'), NEW), text);
    expect(error.code).toBe('provider_error');
    expect(error.message).toMatch(/rclone copyto failed: .*didn't find section in config file/);
    expect(error.message).not.toMatch(/^\d{4}\//);
    // An unknown remote is an error, not an empty list.
    await failureOf(target.list(), text);
    expect(fs.existsSync(path.join(dir, 'sub'))).toBe(false);
  });

  it('says rclone is not installed when the command does not exist', async () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'upload.bin'), 'x');
    const text = 'rclone:b2:finagg';
    const target = openTarget(specOf(text), { env: process.env, rclone: path.join(dir, 'no-rclone') });
    const error = await failureOf(target.put(path.join(dir, 'upload.bin'), NEW), text);
    expect(error.message).toContain('rclone is not installed (or not on PATH)');
  });

  /** A stand-in rclone that records its arguments, and fails with a long, many-line stderr when FAIL is set. */
  function fakeRclone(dir: string): { command: string; args: () => string[] } {
    const command = path.join(dir, 'fake-rclone');
    const argsFile = path.join(dir, 'args.txt');
    fs.writeFileSync(
      command,
      [
        '#!/bin/sh',
        `printf '%s\\n' "$@" > '${argsFile}'`,
        'if [ -n "$FAIL_LINE" ]; then printf "%s\\n" "$FAIL_LINE" >&2; exit 1; fi',
        'if [ -n "$FAIL" ]; then',
        `  printf '%s\\n' 'NOTICE: Config file not found' '2026/01/02 03:04:05 Failed to copyto: ${'y'.repeat(300)}' '' '   ' >&2`,
        '  exit 1',
        'fi',
      ].join('\n'),
      { mode: 0o755 },
    );
    return { command, args: () => fs.readFileSync(argsFile, 'utf8').trimEnd().split('\n') };
  }

  it('joins remote paths without doubled slashes, and passes local files as absolute paths', async () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'upload.bin'), 'x');
    const fake = fakeRclone(dir);
    const cases: [string, string][] = [
      ['rclone:b2:', `b2:${NEW}`],
      ['rclone:b2:/', `b2:/${NEW}`],
      ['rclone:b2:bucket//finagg/', `b2:bucket/finagg/${NEW}`],
    ];
    for (const [text, remoteFile] of cases) {
      const target = openTarget(specOf(text), { env: process.env, rclone: fake.command });
      await target.put(path.join(dir, 'upload.bin'), NEW);
      expect(fake.args()).toEqual(['copyto', path.join(dir, 'upload.bin'), remoteFile]);
      await target.remove(NEW);
      expect(fake.args()).toEqual(['deletefile', remoteFile]);
    }
    const target = openTarget(specOf('rclone:b2:bucket'), { env: process.env, rclone: fake.command });
    await target.fetch(NEW, 'relative.bin');
    expect(fake.args()).toEqual(['copyto', `b2:bucket/${NEW}`, path.resolve('relative.bin')]);
  });

  it("never shows the user and password of a remote's URL that rclone's error quotes", async () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'upload.bin'), 'x');
    const fake = fakeRclone(dir);
    const text = 'rclone:dav:finagg';
    const line = 'Failed to copyto: Put "https://anna:hunter2@dav.example.org/finagg/x": 507 Insufficient Storage';
    const target = openTarget(specOf(text), { env: { ...process.env, FAIL_LINE: line }, rclone: fake.command });
    const error = await failureOf(target.put(path.join(dir, 'upload.bin'), NEW), text);
    expect(error.message).toContain('dav.example.org/finagg/x": 507 Insufficient Storage');
    expect(error.message).not.toContain('hunter2');
  });

  it("keeps only rclone's last stderr line, without its date, cut to 200 characters", async () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'upload.bin'), 'x');
    const fake = fakeRclone(dir);
    const text = 'rclone:b2:bucket';
    const target = openTarget(specOf(text), { env: { ...process.env, FAIL: '1' }, rclone: fake.command });
    const error = await failureOf(target.put(path.join(dir, 'upload.bin'), NEW), text);
    const why = error.message.split('rclone copyto failed: ')[1] ?? '';
    expect(why.startsWith('Failed to copyto: yyy')).toBe(true);
    expect(why.length).toBeLessThanOrEqual(200);
    expect(error.message).not.toContain('NOTICE');
  });
});
