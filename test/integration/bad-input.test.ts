import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { beforeAll, describe, expect, it } from 'vitest';
import { freshHome, runCli } from '../helpers/cli';

/**
 * The rule of bad input, for every command and every option that takes a value: one
 * line on stderr, `finagg: ...`, that names the option (or argument) or the value; exit
 * code 2; nothing on stdout (with --json, only the error document); no control character
 * of the input reaches the terminal; and the database is as it was.
 */

const ENV = {
  FINAGG_KEYSTORE: 'file',
  FINAGG_NOW: '2026-11-23T12:00:00Z',
  FINAGG_SEED: '3',
  FINAGG_SIM_HISTORY_DAYS: '30',
  FINAGG_SIM_DAILY: '3',
};

const H = {
  quotes: `'"`,
  sql: `'; DROP TABLE transactions; --`,
  subshell: '$(rm -rf ~)',
  backticks: '`id`',
  pipe: '| cat /etc/passwd',
  nul: 'a\u0000b',
  escape: '\u001b[31mred',
  crlf: 'one\r\ntwo',
  huge: 'x'.repeat(100_000),
};
const HOSTILE = Object.values(H);
const CONTROL = [H.nul, H.escape, H.crlf];
/** What free text refuses: empty, control characters, far too long. */
const TEXT_BAD = ['', ...CONTROL, H.huge];
const TEN_TO_THE_20 = '100000000000000000000';
/** Not a whole number, or a negative one. */
const NOT_WHOLE = ['abc', '1.5', '1e3', '0x10', '', ' ', '-1', TEN_TO_THE_20, ...HOSTILE];
const ID_BAD = [...NOT_WHOLE, '0'];
const DATE_BAD = [
  '2026-02-30',
  '2026-13-01',
  '2026-00-10',
  '2025-02-29',
  '2026-1-1',
  '20261101',
  '2026/11/01',
  '2026-11-01T00:00:00Z',
  'yesterday',
  '1',
  '',
  ...HOSTILE,
];
const MONEY_BAD = ['abc', '1.234', '12,34', '1e3', '$5', TEN_TO_THE_20, '', ...HOSTILE];
/** Paths within the length allowed that lead nowhere: deep, and with a name too long. */
const PATHS_BAD = [`/nonexistent/${'dir/'.repeat(900)}file`, `/tmp/${'y'.repeat(300)}.csv`];
/** References to things that do not exist (or that cannot be meant). */
const REF_BAD = ['nope', '999', '', ...HOSTILE];

interface Case {
  argv: string[];
  /** The line must hold one of these (the option or argument), or `value` as shown. */
  names: string[];
  value?: string;
  /** A known bug in code this test does not own: the case must fail until it is fixed. */
  known?: string;
}

const groups = new Map<string, Case[]>();

function casesOf(group: string): Case[] {
  if (!groups.has(group)) groups.set(group, []);
  return groups.get(group)!;
}

function add(group: string, argv: string[], ...names: string[]): void {
  casesOf(group).push({ argv, names });
}

/** The value as an error line shows it: quoted and escaped (a prefix, as long values are cut). */
function shown(value: string): string[] {
  if (value === '') return [];
  const escaped = JSON.stringify(value.slice(0, 20)).slice(1, -1);
  return [`"${escaped}`, `'${escaped}`];
}

/** One case per value, in the option (or argument) named `field`. */
function slot(
  group: string,
  field: string | string[],
  build: (value: string) => string[],
  values: readonly string[],
  known?: string,
): void {
  for (const value of values) casesOf(group).push({ argv: build(value), names: [field].flat(), value, known });
}

/** Unknown options, hostile ones too, a flag given a value, and a missing value. */
function usage(group: string, words: string[], valueOption?: string): void {
  add(group, [...words, '--nope'], "'--nope'");
  add(group, [...words, `--${H.escape}`], '--\\u001b[31m');
  add(group, [...words, `--${H.huge}`], "'--xxxxxxxxxx");
  if (valueOption) add(group, [...words, valueOption], valueOption);
}

// Placeholders, filled once the home exists.
const TX = '{tx}';
const CSV = '{csv}';
const DIR = '{dir}';
const EMPTY = '{empty}';
/** A path through a file, as if it were a directory. */
const UNDER_FILE = '{csv}/statement.csv';

// tx: every filter.
{
  const g = 'tx';
  usage(g, ['tx'], '--limit');
  add(g, ['tx', '--pending=yes'], '--pending');
  add(g, ['tx', '--asc=1'], '--asc');
  add(g, ['tx', '--csv=1'], '--csv');
  add(g, ['tx', 'groceries'], 'argument');
  slot(g, '--category', (v) => ['tx', '--category', v], REF_BAD);
  slot(g, '--account', (v) => ['tx', '--account', v], REF_BAD);
  slot(g, '--merchant', (v) => ['tx', '--merchant', v], TEXT_BAD);
  slot(g, '--search', (v) => ['tx', '--search', v], TEXT_BAD);
  slot(g, '--from', (v) => ['tx', '--from', v], DATE_BAD);
  slot(g, '--to', (v) => ['tx', '--to', v], DATE_BAD);
  add(g, ['tx', '--from', '2026-11-02', '--to', '2026-11-01'], '--to', '--from');
  slot(g, '--min', (v) => ['tx', '--min', v], [...MONEY_BAD, '-5']);
  slot(g, '--max', (v) => ['tx', '--max', v], [...MONEY_BAD, '-5']);
  add(g, ['tx', '--min', '10', '--max', '5'], '--max', '--min');
  slot(g, '--limit', (v) => ['tx', '--limit', v], [...ID_BAD, '100001']);
  slot(g, '--offset', (v) => ['tx', '--offset', v], [...NOT_WHOLE, '1000000001']);
  slot(g, '--sort', (v) => ['tx', '--sort', v], ['1', 'name', 'Date', '', ...HOSTILE]);
}

// tx show, tx edit
{
  const g = 'tx show';
  usage(g, ['tx', 'show', '1']);
  add(g, ['tx', 'show'], "'id'");
  add(g, ['tx', 'show', '1', '2'], 'argument');
  slot(g, '<id>', (v) => ['tx', 'show', v], ID_BAD);
  add(g, ['tx', 'show', '999999'], '999999');
}
{
  const g = 'tx edit';
  usage(g, ['tx', 'edit', TX], '--note');
  add(g, ['tx', 'edit'], "'id'");
  add(g, ['tx', 'edit', '--note', 'x'], "'id'");
  add(g, ['tx', 'edit', TX], '--category', '--note');
  slot(g, '<id>', (v) => ['tx', 'edit', v, '--note', 'x'], ID_BAD);
  add(g, ['tx', 'edit', '999999', '--note', 'x'], '999999');
  slot(g, '--category', (v) => ['tx', 'edit', TX, '--category', v], ['nope', 'Not A Name', '', ...HOSTILE]);
  slot(g, '--merchant', (v) => ['tx', 'edit', TX, '--merchant', v], [...TEXT_BAD, '   ']);
  slot(g, '--note', (v) => ['tx', 'edit', TX, '--note', v], [...CONTROL, H.huge]);
}

// rules
{
  const g = 'rules add';
  const base = (...more: string[]) => ['rules', 'add', '--match', 'coffee shop', '--category', 'dining', ...more];
  usage(g, base(), '--priority');
  add(g, ['rules', 'add', '--category', 'dining'], '--match');
  add(g, ['rules', 'add', '--match', 'coffee shop'], '--category');
  slot(g, '--match', (v) => ['rules', 'add', '--category', 'dining', '--match', v], [...TEXT_BAD, '   ', '/[/', '//']);
  slot(g, '--field', (v) => base('--field', v), ['1', 'note', '', ...HOSTILE]);
  slot(g, '--min', (v) => base('--min', v), [...MONEY_BAD, '-1']);
  slot(g, '--max', (v) => base('--max', v), [...MONEY_BAD, '-1']);
  add(g, base('--min', '10', '--max', '5'), '--max', '--min');
  slot(g, '--account', (v) => base('--account', v), REF_BAD);
  slot(g, '--category', (v) => ['rules', 'add', '--match', 'coffee shop', '--category', v], [
    'Not A Name',
    '',
    '   ',
    ...HOSTILE,
  ]);
  slot(g, '--rename', (v) => base('--rename', v), [...TEXT_BAD, '   ']);
  slot(g, '--priority', (v) => base('--priority', v), ['abc', '1.5', '1000000', '-1000000', TEN_TO_THE_20, '', ...HOSTILE]);
}
{
  const g = 'rules rm';
  usage(g, ['rules', 'rm', '999']);
  add(g, ['rules', 'rm'], "'id'");
  slot(g, '<id>', (v) => ['rules', 'rm', v], ID_BAD);
  add(g, ['rules', 'rm', '999'], '999');
}
{
  const g = 'rules test';
  usage(g, ['rules', 'test', 'COFFEE'], '--amount');
  add(g, ['rules', 'test'], "'description'");
  slot(g, '<description>', (v) => ['rules', 'test', v], TEXT_BAD);
  slot(g, '--merchant', (v) => ['rules', 'test', 'COFFEE', '--merchant', v], TEXT_BAD);
  slot(g, '--amount', (v) => ['rules', 'test', 'COFFEE', '--amount', v], MONEY_BAD);
  slot(g, '--account', (v) => ['rules', 'test', 'COFFEE', '--account', v], REF_BAD);
}
{
  const g = 'rules apply';
  usage(g, ['rules', 'apply']);
  add(g, ['rules', 'apply', 'now'], 'argument', 'now');
  add(g, ['rules', 'apply', '--dry-run=yes'], '--dry-run');
  add(g, ['rules', 'list', '--nope'], '--nope');
}

// budget
{
  const g = 'budget set';
  usage(g, ['budget', 'set', 'groceries', '300'], '--period');
  add(g, ['budget', 'set'], "'category'");
  add(g, ['budget', 'set', 'groceries'], "'amount'");
  add(g, ['budget', 'set', 'groceries', '300', '400'], 'argument');
  slot(g, '<category>', (v) => ['budget', 'set', v, '300'], ['nope', 'Not A Name', '', ...HOSTILE]);
  slot(g, '<amount>', (v) => ['budget', 'set', 'groceries', v], [...MONEY_BAD, '0', '-5']);
  slot(g, '--period', (v) => ['budget', 'set', 'groceries', '300', '--period', v], ['daily', '1', '', ...HOSTILE]);
  slot(g, '--alert-at', (v) => ['budget', 'set', 'groceries', '300', '--alert-at', v], [
    '0',
    '1001',
    'abc',
    '80,',
    '-5',
    '80;100',
    '',
    ...HOSTILE,
  ]);
}
{
  const g = 'budget rm';
  usage(g, ['budget', 'rm', 'groceries']);
  add(g, ['budget', 'rm'], "'category'");
  slot(g, '<category>', (v) => ['budget', 'rm', v], ['nope', 'dining', '', ...HOSTILE]);
}
{
  const g = 'budget list';
  usage(g, ['budget', 'list']);
  add(g, ['budget', 'list', 'extra'], 'argument', 'extra');
}

// alerts, anomalies
{
  const g = 'alerts ack';
  usage(g, ['alerts', 'ack', '999']);
  add(g, ['alerts', 'ack'], 'id', '--all');
  add(g, ['alerts', 'ack', '999', '--all'], 'id', '--all');
  slot(g, '<id>', (v) => ['alerts', 'ack', v], ID_BAD);
  add(g, ['alerts', 'ack', '999'], '999');
  add(g, ['alerts', '--nope'], "'--nope'");
}
{
  const g = 'anomalies';
  usage(g, ['anomalies'], '--days');
  slot(g, '--days', (v) => ['anomalies', '--days', v], [...ID_BAD, '36501']);
  slot(g, '--account', (v) => ['anomalies', '--account', v], REF_BAD);
}
{
  const g = 'anomalies dismiss';
  usage(g, ['anomalies', 'dismiss', '999']);
  add(g, ['anomalies', 'dismiss'], "'id'");
  slot(g, '<id>', (v) => ['anomalies', 'dismiss', v], ID_BAD);
  add(g, ['anomalies', 'dismiss', '999'], '999');
}

// banks
{
  const g = 'sync';
  usage(g, ['sync'], '--account');
  slot(g, '--account', (v) => ['sync', '--account', v], REF_BAD);
  slot(g, '--connection', (v) => ['sync', '--connection', v], REF_BAD);
  add(g, ['sync', 'banka'], 'argument', 'banka');
}
{
  const g = 'sync-log';
  usage(g, ['sync-log'], '--limit');
  slot(g, '--limit', (v) => ['sync-log', '--limit', v], [...ID_BAD, '10001']);
  slot(g, '--account', (v) => ['sync-log', '--account', v], REF_BAD);
}
{
  const g = 'link';
  usage(g, ['link', 'nobank', '--yes']);
  add(g, ['link'], "'provider'");
  add(g, ['link', 'banka', 'bankb', '--yes'], 'argument');
  slot(g, '<provider>', (v) => ['link', v, '--yes'], ['nobank', '', ...HOSTILE]);
}
{
  const g = 'unlink';
  usage(g, ['unlink', 'banka']);
  add(g, ['unlink'], "'connection'");
  slot(g, '<connection>', (v) => ['unlink', v], ['nope', '999', '0', '', ...HOSTILE]);
}
{
  const g = 'accounts add';
  const opts = { name: 'Wallet', type: 'checking', currency: 'USD' };
  const build = (o: Partial<typeof opts>) => [
    'accounts',
    'add',
    ...Object.entries(o).flatMap(([k, v]) => (v === undefined ? [] : [`--${k}`, v])),
  ];
  usage(g, build(opts));
  add(g, build({ ...opts, name: undefined }), '--name');
  add(g, build({ ...opts, type: undefined }), '--type');
  add(g, build({ ...opts, currency: undefined }), '--currency');
  slot(g, '--name', (v) => build({ ...opts, name: v }), [...TEXT_BAD, '   ', '123', 'Cash', 'cash']);
  slot(g, '--type', (v) => build({ ...opts, type: v }), ['bogus', '1', '', ...HOSTILE]);
  slot(g, '--currency', (v) => build({ ...opts, currency: v }), ['US', 'USDD', '123', 'U$D', '', ...HOSTILE]);
  add(g, ['accounts', '--nope'], "'--nope'");
}
{
  const g = 'connections';
  usage(g, ['connections']);
  add(g, ['connections', 'extra'], 'argument', 'extra');
  add(g, ['connections', '--all=yes'], '--all');
}

// statements
{
  const g = 'import';
  const base = (...more: string[]) => ['import', CSV, '--account', 'Cash', ...more];
  usage(g, base(), '--format');
  add(g, ['import', '--account', 'Cash'], "'file'");
  add(g, ['import', CSV], '--account');
  slot(g, ['<file>', 'file'], (v) => ['import', v, '--account', 'Cash'], [
    '/nonexistent/statement.csv',
    DIR,
    EMPTY,
    '',
    ...HOSTILE,
    // A very long path, a name too long, a path through a file.
    ...PATHS_BAD,
    UNDER_FILE,
  ]);
  slot(g, '--account', (v) => ['import', CSV, '--account', v], [...REF_BAD, 'Everyday Checking']);
  slot(g, '--format', (v) => base('--format', v), ['xml', '1', 'OFX', '', ...HOSTILE]);
  slot(g, '--decimal', (v) => base('--decimal', v), [';', 'x', '..', '', ...HOSTILE]);
  slot(g, '--date-format', (v) => base('--date-format', v), ['YYYY', 'abc', '', ...HOSTILE]);
  slot(g, '--columns', (v) => base('--columns', v), ['nope', 'date=Nope', '', ...HOSTILE]);
}
{
  const g = 'export';
  usage(g, ['export'], '--format');
  add(g, ['export', '--json'], '--out');
  slot(g, '--format', (v) => ['export', '--format', v], ['xml', '1', 'CSV', '', ...HOSTILE]);
  slot(g, '--from', (v) => ['export', '--from', v], DATE_BAD);
  slot(g, '--to', (v) => ['export', '--to', v], DATE_BAD);
  add(g, ['export', '--from', '2026-11-02', '--to', '2026-11-01'], '--to', '--from');
  slot(g, '--account', (v) => ['export', '--account', v], REF_BAD);
  slot(g, '--out', (v) => ['export', '--out', v], [DIR, '/nonexistent/dir/out.csv', UNDER_FILE, ...PATHS_BAD, ...TEXT_BAD]);
}

// config, daemon
{
  const g = 'config';
  usage(g, ['config', 'get', 'week_start']);
  add(g, ['config', 'get'], "'key'");
  add(g, ['config', 'set'], "'key'");
  add(g, ['config', 'set', 'week_start'], "'value'");
  add(g, ['config', 'unset'], "'key'");
  add(g, ['config', 'set', 'week_start', 'sunday', 'extra'], 'argument');
  slot(g, 'setting', (v) => ['config', 'get', v], ['nope', 'WEEK_START', '', ...HOSTILE]);
  slot(g, 'setting', (v) => ['config', 'set', v, 'monday'], ['nope', '', ...HOSTILE]);
  slot(g, 'setting', (v) => ['config', 'unset', v], ['nope', '', ...HOSTILE]);
  slot(g, 'week_start', (v) => ['config', 'set', 'week_start', v], ['tuesday', '1', '', ...HOSTILE]);
  slot(g, 'alerts.desktop', (v) => ['config', 'set', 'alerts.desktop', v], ['yes', '1', '', ...HOSTILE]);
  slot(g, 'alerts.webhook', (v) => ['config', 'set', 'alerts.webhook', v], [
    'ftp://example.com/hook',
    'example.com',
    'http://',
    'http://user:pw@example.com/',
    'https://exa mple.com/',
    `https://example.com/${H.huge}`,
    ...HOSTILE,
  ]);
  slot(g, 'alerts.command', (v) => ['config', 'set', 'alerts.command', v], [...CONTROL, H.huge]);
  slot(g, 'daemon.every', (v) => ['config', 'set', 'daemon.every', v], [
    '0',
    '30s',
    '25h',
    'abc',
    '-5m',
    `${TEN_TO_THE_20}m`,
    '',
    ...HOSTILE,
  ]);
}
{
  // --once everywhere: were a case let through, it would end rather than run on.
  const g = 'daemon';
  usage(g, ['daemon', '--once'], '--every');
  slot(g, '--every', (v) => ['daemon', '--once', '--every', v], ['abc', '0', '1s', '-5m', '1.5m', TEN_TO_THE_20, '', ...HOSTILE]);
  slot(g, '--cron', (v) => ['daemon', '--once', '--cron', v], [
    'abc',
    '* * *',
    '61 * * * *',
    '*/0 * * * *',
    `* * * * ${H.huge}`,
    `* * * * ${H.escape}`,
    '',
    ...HOSTILE,
  ]);
  add(g, ['daemon', '--once', '--every', '1m', '--cron', '* * * * *'], '--every', '--cron');
  add(g, ['daemon', 'status', '--nope'], "'--nope'");
  add(g, ['daemon', 'install', '--print', '--nope'], "'--nope'");
  add(g, ['daemon', 'stop', 'now'], 'argument');
}

// the rest
{
  const g = 'categories';
  usage(g, ['categories']);
  add(g, ['categories', 'extra'], 'argument', 'extra');
  add(g, ['categories', '--limit', '5'], '--limit');
}
{
  const g = 'audit';
  usage(g, ['audit'], '--tx');
  slot(g, '--tx', (v) => ['audit', '--tx', v], ID_BAD);
  add(g, ['audit', '--tx', '999999'], '999999');
  slot(g, '--limit', (v) => ['audit', '--limit', v], [...ID_BAD, '100001']);
}
{
  // Last among the commands: a restore let through would replace the database.
  const g = 'backup, restore';
  usage(g, ['backup'], '--out');
  slot(g, '--out', (v) => ['backup', '--out', v], [
    CSV,
    DIR,
    '/nonexistent/dir/backup.db',
    ...TEXT_BAD,
    UNDER_FILE,
    ...PATHS_BAD,
  ]);
  add(g, ['restore'], "'file'");
  add(g, ['restore', CSV, 'extra'], 'argument');
  slot(g, ['<file>', 'file'], (v) => ['restore', v], [
    '/nonexistent/backup.db',
    DIR,
    CSV,
    EMPTY,
    UNDER_FILE,
    ...PATHS_BAD,
    '',
    ...HOSTILE,
  ]);
}
{
  const g = 'commands';
  add(g, ['nope'], "'nope'");
  add(g, [H.escape], "'\\u001b[31mred'");
  add(g, [H.huge], "'xxxxxxxxxx");
  add(g, ['tx', '--home'], '--home');
  add(g, ['providers', '--nope'], "'--nope'");
  add(g, ['doctor', '--nope'], "'--nope'");
}

/** A case's words as a test name: escaped and cut short. */
function label(argv: string[]): string {
  return argv
    .map((a) => {
      const cut = a.length > 30 ? `${a.slice(0, 12)}...(${a.length} chars)` : a;
      return /^[\w.,:=/{}<>+-]+$/.test(cut) ? cut : JSON.stringify(cut);
    })
    .join(' ');
}

/** Error codes of bad input: exit 2. */
const INPUT_CODES = ['usage', 'invalid_input', 'not_found', 'conflict'];

describe('bad input: one line naming the field or value, exit 2, nothing changed', () => {
  let home: string;
  let env: Record<string, string>;
  let fill: (word: string) => string;
  let initial: Map<string, string>;
  let previous: string;

  /** Every table, every row, in rowid order: what "nothing changed" compares. */
  const dumpTables = (): Map<string, string> => {
    const db = new Database(path.join(home, 'finagg.db'), { readonly: true, fileMustExist: true });
    try {
      const tables = db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name`).pluck().all() as string[];
      const withoutRowid = new Set(
        db
          .prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND sql LIKE '%WITHOUT ROWID%'`)
          .pluck()
          .all() as string[],
      );
      return new Map(
        tables.map((t) => {
          const order = withoutRowid.has(t) ? '' : ' ORDER BY rowid';
          const rows = db
            .prepare(`SELECT * FROM "${t.replace(/"/g, '""')}"${order}`)
            .raw()
            .all();
          return [t, JSON.stringify(rows, (_k, v: unknown) => (Buffer.isBuffer(v) ? v.toString('base64') : v))];
        }),
      );
    } finally {
      db.close();
    }
  };
  const dump = () => [...dumpTables()].map(([t, rows]) => `${t}\n${rows}`).join('\n');
  const hash = (text: string) => crypto.createHash('sha256').update(text).digest('hex');

  beforeAll(async () => {
    home = freshHome();
    env = { ...ENV, FINAGG_HOME: home };
    const setup: string[][] = [
      ['link', 'banka', '--yes'],
      ['link', 'bankb', '--yes'],
      ['budget', 'set', 'groceries', '300'],
      ['rules', 'add', '--match', 'coffee', '--category', 'dining'],
      ['accounts', 'add', '--name', 'Cash', '--type', 'checking', '--currency', 'USD'],
    ];
    for (const argv of setup) {
      const r = await runCli(argv, env);
      expect({ argv, code: r.code, stderr: r.stderr }).toEqual({ argv, code: 0, stderr: expect.any(String) });
    }
    const tx = await runCli(['tx', '--limit', '1', '--json'], env);
    const txId = String(JSON.parse(tx.stdout)[0].id);
    // A well-formed statement, so that only the option under test is wrong.
    const dir = fs.mkdtempSync(path.join(path.dirname(home), 'files-'));
    const csv = path.join(dir, 'statement.csv');
    fs.writeFileSync(csv, 'Date,Description,Amount\n2026-11-01,COFFEE SHOP,-4.50\n2026-11-02,PAYROLL,1200.00\n');
    const empty = path.join(dir, 'empty.csv');
    fs.writeFileSync(empty, '');
    const files: Record<string, string> = {
      [TX]: txId,
      [CSV]: csv,
      [DIR]: dir,
      [EMPTY]: empty,
      [UNDER_FILE]: path.join(csv, 'statement.csv'),
    };
    fill = (word) => files[word] ?? word;
    initial = dumpTables();
    previous = hash(dump());
  }, 60_000);

  async function check(c: Case, withJson: boolean): Promise<void> {
    const argv = [...c.argv.map(fill), ...(withJson ? ['--json'] : [])];
    const json = argv.includes('--json');
    const names = [...c.names, ...(c.value === undefined ? [] : shown(fill(c.value)))];
    const r = await runCli(argv, env);
    const problems: string[] = [];
    const lines = r.stderr.split('\n');
    const line = lines[0] ?? '';
    if (r.code !== 2) problems.push(`exit code ${r.code}`);
    if (lines.length !== 2 || lines[1] !== '') problems.push(`${lines.length - 1} lines on stderr`);
    if (/\n\s+at /.test(r.stderr)) problems.push('a stack trace');
    if (!line.startsWith('finagg: ')) problems.push('the line does not start with "finagg: "');
    if (line.length > 400) problems.push(`a line of ${line.length} characters`);
    if (/[\u0000-\u0009\u000b-\u001f\u007f]/.test(r.stderr)) problems.push('a raw control character on stderr');
    if (!names.some((n) => line.includes(n))) problems.push(`the line names none of ${JSON.stringify(names)}`);
    if (json) {
      let body: unknown;
      try {
        body = JSON.parse(r.stdout);
      } catch {
        problems.push('stdout is not one JSON document');
      }
      const error = (body as { error?: Record<string, unknown> } | undefined)?.error;
      if (body !== undefined && (Object.keys(body as object).join() !== 'error' || typeof error?.message !== 'string'))
        problems.push('stdout is not {"error": {...}}');
      else if (error && !INPUT_CODES.includes(error.code as string)) problems.push(`error code ${String(error.code)}`);
    } else if (r.stdout !== '') problems.push('output on stdout');
    const now = hash(dump());
    if (now !== previous) problems.push('the database changed');
    previous = now;
    expect(
      problems,
      `finagg ${label(argv)}\n  exit ${r.code}\n  stderr ${JSON.stringify(r.stderr.slice(0, 300))}\n  stdout ${JSON.stringify(r.stdout.slice(0, 300))}`,
    ).toEqual([]);
  }

  for (const [group, cases] of groups) {
    describe(group, () => {
      for (const c of cases)
        if (c.known) it.fails(`${label(c.argv)} (known bug: ${c.known})`, () => check(c, false));
        else it(label(c.argv), () => check(c, false));
      // With --json: the error document alone on stdout, for the first case and a hostile one.
      const sample = [cases[0]!, cases.find((c) => c.argv.includes(H.escape) || c.argv.includes(H.sql))].filter(
        (c): c is Case => c !== undefined && c.known === undefined,
      );
      for (const c of sample) it(`${label(c.argv)} --json`, () => check(c, true));
    });
  }

  // Runs last: the whole table of cases, against the state before it (the logs dir does not count).
  it('leaves every table as it was', () => {
    const now = dumpTables();
    const changed = [...new Set([...initial.keys(), ...now.keys()])].filter((t) => initial.get(t) !== now.get(t));
    expect(changed).toEqual([]);
  });
});
