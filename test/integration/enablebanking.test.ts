import { spawn } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type EnableBankingServer, startEnableBankingServer } from '../../src/devtools/enablebanking-server';
import { type CliResult, freshHome, spawnCliAsync } from '../helpers/cli';

/**
 * finagg against a local Enable Banking server over real HTTPS (its test CA trusted through
 * NODE_EXTRA_CA_CERTS), the CLI spawned as a person runs it, the consent approved at the
 * server's bank and the address the browser landed on pasted back (`--no-browser`). The
 * server's clock and finagg's (FINAGG_NOW) move together.
 */

const START = Date.parse('2026-12-02T09:00:00Z');
const DAY = 86_400_000;
const BIN = path.resolve(__dirname, '../../bin/finagg.js');

let server: EnableBankingServer | undefined;

afterEach(async () => {
  await server?.close();
  server = undefined;
});

type Json = any; // eslint-disable-line @typescript-eslint/no-explicit-any

async function setup() {
  const clock = { now: START };
  server = await startEnableBankingServer({
    dir: fs.mkdtempSync(path.join(os.tmpdir(), 'finagg-eb-')),
    now: () => clock.now,
  });
  const srv = server;
  const home = freshHome();
  const env = () => ({
    FINAGG_HOME: home,
    FINAGG_NOW: new Date(clock.now).toISOString(),
    FINAGG_KEYSTORE: 'file',
    NODE_EXTRA_CA_CERTS: srv.caPath,
    FINAGG_ENABLEBANKING_API: srv.apiUrl,
    FINAGG_ENABLEBANKING_TIMEOUT_MS: '3000',
  });
  /** Everything finagg printed, to search for secrets. */
  const printed: string[] = [];
  const cli = async (argv: string[], stdin = ''): Promise<CliResult> => {
    const result = await spawnCliAsync(argv, env(), stdin);
    printed.push(result.stdout, result.stderr);
    return result;
  };
  const json = async (argv: string[]): Promise<Json> => {
    const r = await cli([...argv, '--json']);
    if (r.code !== 0) throw new Error(`${argv.join(' ')} exited ${r.code}: ${r.stderr}`);
    return JSON.parse(r.stdout);
  };
  /**
   * `finagg link enablebanking --no-browser ...` with a person at the bank: the consent URL
   * it prints is decided at the server, and the address landed on is pasted (or `paste`
   * turns it into what the person pastes).
   */
  const link = (argv: string[], decision: 'approve' | 'decline' = 'approve', paste = (landed: string) => landed) =>
    new Promise<CliResult>((resolve, reject) => {
      const child = spawn(process.execPath, [BIN, 'link', 'enablebanking', '--no-browser', ...argv], {
        env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env() },
        stdio: ['pipe', 'pipe', 'pipe'],
      });
      let stdout = '';
      let stderr = '';
      let pasted = false;
      child.stdout.setEncoding('utf8').on('data', (s: string) => (stdout += s));
      child.stderr.setEncoding('utf8').on('data', (s: string) => {
        stderr += s;
        const id = /\/consent\/([\w-]+)/.exec(stderr)?.[1];
        if (id && !pasted && /paste the address/.test(stderr)) {
          pasted = true;
          child.stdin.write(`${paste(srv.decide(id, decision))}\n`);
        }
      });
      const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
      child.on('error', reject);
      child.on('close', (code) => {
        clearTimeout(timer);
        printed.push(stdout, stderr);
        resolve({ code: code ?? -1, stdout, stderr });
      });
    });
  const app = ['--app-id', srv.appId, '--key-file', srv.keyPath!];
  const bank = ['--bank', srv.bankName, '--country', 'DE'];
  return { server: srv, clock, home, env, cli, json, link, app, bank, printed };
}

type Setup = Awaited<ReturnType<typeof setup>>;

/** Linked (without a sync) and the time moved past the minutes the person is at the bank. */
async function linked(t: Setup): Promise<Json> {
  const r = await t.link([...t.app, ...t.bank, '--no-sync', '--json']);
  expect(r.code, r.stderr).toBe(0);
  t.clock.now += 15 * 60_000;
  return JSON.parse(r.stdout);
}

const runsOf = (sync: Json) => sync.runs as Json[];
const sum = (runs: Json[], key: string) => runs.reduce((n, r) => n + r[key], 0);

describe('Enable Banking: link by consent', () => {
  it('finds the bank by name, links through a pasted address, and keeps both accounts with balances', async () => {
    const t = await setup();
    const found = await t.json(['banks', '--country', 'de', '--search', 'testbank', ...t.app]);
    expect(found).toEqual([
      { name: t.server.bankName, country: 'DE', maximum_consent_days: 180, psu_types: ['personal'], beta: false },
    ]);
    const result = await linked(t);
    expect(result.connection).toMatchObject({
      provider: 'enablebanking',
      status: 'active',
      bank: t.server.bankName,
      country: 'DE',
    });
    const ends = Date.parse(result.connection.consent_expires_at);
    expect(ends - START).toBeGreaterThan(179 * DAY);
    expect(ends - START).toBeLessThanOrEqual(180 * DAY);
    const accounts = await t.json(['accounts']);
    expect(accounts.map((a: Json) => [a.name, a.type, a.currency])).toEqual([
      ['Girokonto', 'checking', 'EUR'],
      ['Tagesgeld', 'savings', 'EUR'],
    ]);
    for (const a of accounts) expect(a.balance).toBeGreaterThan(0);
    // The application was given once: a later command finds it sealed, never in the settings.
    const config = await t.cli(['config', 'list']);
    expect(config.stdout + config.stderr).toMatch(/enablebanking\.app_id set, enablebanking\.private_key set/);
    expect((await t.cli(['banks', '--country', 'DE', '--search', 'sparkasse'])).code).toBe(0);
    // The same bank again is refused, with the command that renews it.
    const again = await t.link([...t.bank, '--no-sync']);
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/already linked \(connection 1\).*--relink 1/s);
  });

  it('refuses a bank name it does not know, a pasted address of another request, and a declined consent, linking nothing', async () => {
    const t = await setup();
    const unknown = await t.link([...t.app, '--bank', 'Finagg Testbnak', '--country', 'DE']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/no bank "Finagg Testbnak" in DE.*did you mean "Finagg Testbank"/);
    const forged = await t.link([...t.app, ...t.bank], 'approve', (landed) => landed.replace(/state=[^&]+/, 'state=forged'));
    expect(forged.code).toBe(1);
    expect(forged.stderr).toMatch(/state that does not match/);
    const declined = await t.link([...t.app, ...t.bank], 'decline');
    expect(declined.code).toBe(1);
    expect(declined.stderr).toMatch(/consent was declined/);
    expect(await t.json(['connections'])).toEqual([]);
  });

  it('says a refused application is the application, not an ended consent', async () => {
    const t = await setup();
    const other = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' });
    const keyFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'finagg-eb-key-')), 'other.pem');
    fs.writeFileSync(keyFile, other);
    const r = await t.cli(['banks', '--country', 'DE', '--app-id', t.server.appId, '--key-file', keyFile]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/refused your application.*application id or key/);
    expect(r.stderr).not.toMatch(/expired|relink/);
    // Nothing was stored: the next command still has no application.
    const none = await t.cli(['banks', '--country', 'DE']);
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/no Enable Banking application is set up/);
    const notAKey = await t.cli(['banks', '--country', 'DE', '--app-id', t.server.appId, '--key-file', t.server.caPath]);
    expect(notAKey.code).toBe(2);
    expect(notAKey.stderr).toMatch(/--key-file/);
  });
});

describe('Enable Banking: sync', () => {
  it('stores booked and pending rows once, keeps two identical purchases without references, and finds nothing new the second time', async () => {
    const t = await setup();
    await linked(t);
    const first = runsOf(await t.json(['sync']));
    expect(first.every((r) => r.status === 'success')).toBe(true);
    expect(sum(first, 'inserted')).toBeGreaterThan(10);
    expect(first.map((r) => r.note).join(' ')).toMatch(/history from \d{4}-\d{2}-\d{2}: as far back as Finagg Testbank gives/);
    const second = runsOf(await t.json(['sync']));
    expect(sum(second, 'inserted')).toBe(0);
    expect(sum(second, 'updated')).toBe(0);
    const pending = await t.json(['tx', '--pending']);
    expect(pending.map((p: Json) => [p.merchant, p.amount])).toEqual([['Trattoria da Mario', -48.6]]);
    // The bank sends two identical coffees of one day without references: two rows.
    const coffees = await t.json(['tx', '--search', 'balzac', '--limit', '1000']);
    const byDay = new Map<string, Json[]>();
    for (const c of coffees) byDay.set(`${c.date} ${c.amount}`, [...(byDay.get(`${c.date} ${c.amount}`) ?? []), c]);
    expect([...byDay.values()].some((same) => same.length === 2)).toBe(true);
  });

  it('turns a pending charge that books under a new reference, a day later and with a tip, into one posted row', async () => {
    const t = await setup();
    await linked(t);
    await t.json(['sync']);
    const [before] = await t.json(['tx', '--pending']);
    expect(before.merchant).toBe('Trattoria da Mario');
    const count = (await t.json(['tx', '--search', 'trattoria', '--limit', '1000'])).length;
    await t.json(['tx', 'edit', String(before.id), '--note', 'with Sam']);
    const booked = t.server.bookPending({ tipCents: 700 });
    expect(booked.bookedReference).not.toBe(booked.pendingReference);
    const runs = runsOf(await t.json(['sync']));
    expect(sum(runs, 'inserted')).toBe(0);
    expect(sum(runs, 'updated')).toBe(1);
    const after = await t.json(['tx', '--search', 'trattoria', '--limit', '1000']);
    expect(after).toHaveLength(count);
    expect(after.find((r: Json) => r.id === before.id)).toMatchObject({
      amount: -55.6,
      pending: false,
      note: 'with Sam',
      date: booked.bookingDate,
    });
    expect(await t.json(['tx', '--pending'])).toEqual([]);
  });

  it('changes no stored row when the bank renumbers a day, and holds a booked row the bank stops listing', async () => {
    const t = await setup();
    await linked(t);
    await t.json(['sync']);
    const rows = await t.json(['tx', '--limit', '1000']);
    const audit = await t.json(['audit', '--limit', '1000']);
    const renumbered = t.server.renumberDay();
    expect(renumbered.length).toBeGreaterThanOrEqual(3);
    const runs = runsOf(await t.json(['sync']));
    expect(sum(runs, 'inserted') + sum(runs, 'updated') + sum(runs, 'removed')).toBe(0);
    expect(await t.json(['tx', '--limit', '1000'])).toEqual(rows);
    expect(await t.json(['audit', '--limit', '1000'])).toEqual(audit);
    // A booked row the bank no longer lists is kept as it was.
    t.server.dropBooked({ reference: renumbered[0]!.after });
    await t.json(['sync']);
    expect(await t.json(['tx', '--limit', '1000'])).toEqual(rows);
  });

  it('skips the fifth sync of a day with when the next is allowed, and takes the bank’s own refusal as a skipped run', async () => {
    const t = await setup();
    await linked(t);
    for (let i = 0; i < 4; i++) expect(runsOf(await t.json(['sync'])).every((r) => r.status === 'success')).toBe(true);
    const fifth = await t.cli(['sync', '--json']);
    expect(fifth.code).toBe(0);
    for (const run of runsOf(JSON.parse(fifth.stdout))) {
      expect(run).toMatchObject({ status: 'skipped', error: null, fetched: 0 });
      expect(run.note).toMatch(/more than 4 reads a day.*PSD2.*next sync is allowed after 2026-12-03 00:00 UTC/);
    }
    const [connection] = await t.json(['connections']);
    expect(connection).toMatchObject({ status: 'active', requests_left_today: 0, requests_per_day: 4 });
    // The next day: the bank refuses on its own count (429 ASPSP_RATE_LIMIT_EXCEEDED).
    t.clock.now += DAY;
    t.server.exhaustDailyLimit();
    const refused = runsOf(await t.json(['sync']));
    for (const run of refused) {
      expect(run).toMatchObject({ status: 'skipped', error: null });
      expect(run.note).toMatch(/refused another read today/);
    }
    expect((await t.json(['connections']))[0]).toMatchObject({ status: 'active', last_error: null });
  });

  it('spreads the daemon’s rounds over what is left of the day', async () => {
    const t = await setup();
    await linked(t);
    const round = async () => (await t.cli(['daemon', '--once'])).stdout;
    // At 09:15 the first round syncs; the three reads left share the 14 h 45 left: every 4 h 55.
    expect(await round()).toMatch(/2 accounts synced/);
    t.clock.now += 4 * 3_600_000;
    expect(await round()).toMatch(/enablebanking skipped \(spacing its requests to the daily budget\)/);
    t.clock.now += 55 * 60_000;
    expect(await round()).toMatch(/2 accounts synced/);
  });

  it('quarantines a malformed record and stores the rest, and rides out a bank that fails twice', async () => {
    const t = await setup();
    await linked(t);
    t.server.malformNext({ count: 1 });
    const runs = runsOf(await t.json(['sync']));
    expect(sum(runs, 'rejected')).toBe(1);
    expect(sum(runs, 'inserted')).toBeGreaterThan(10);
    t.server.failNext({ count: 2, status: 503 });
    const retried = runsOf(await t.json(['sync']));
    expect(retried.every((r) => r.status === 'success' || r.status === 'partial')).toBe(true);
  });
});

describe('Enable Banking: the consent ends', () => {
  it('shows the consent’s end, alerts 7 days and 1 day before, turns needs_relink when it ends, and --relink keeps history, edits and budgets', async () => {
    const t = await setup();
    const result = await linked(t);
    const ends = Date.parse(result.connection.consent_expires_at);
    await t.json(['sync']);
    const rows = await t.json(['tx', '--limit', '1000']);
    const [rewe] = await t.json(['tx', '--search', 'rewe']);
    await t.json(['tx', 'edit', String(rewe.id), '--category', 'coffee']);
    await t.json(['budget', 'set', 'groceries', '400']);
    const table = await t.cli(['connections']);
    expect(table.stdout).toMatch(/CONSENT ENDS/);
    expect(table.stdout).toMatch(new RegExp(`${new Date(ends).toISOString().slice(0, 10)} \\(in 18\\d days\\)`));

    // Six days before the end: one alert, and no second one on the next sync.
    t.clock.now = ends - 6 * DAY;
    await t.json(['sync']);
    await t.json(['sync']);
    let alerts = (await t.json(['alerts'])).filter((a: Json) => a.type === 'consent_expiring');
    expect(alerts).toHaveLength(1);
    expect(alerts[0].message).toMatch(/ends on .*, in 6 days; renew it: finagg link enablebanking --relink 1/);
    t.clock.now = ends - 12 * 3_600_000;
    await t.json(['sync']);
    alerts = (await t.json(['alerts'])).filter((a: Json) => a.type === 'consent_expiring');
    expect(alerts.map((a: Json) => a.message)).toEqual([expect.stringMatching(/in 1 day;/), expect.stringMatching(/in 6 days;/)]);

    // The bank ends the session early (expired there): the connection needs the person.
    t.server.expireSession();
    const expired = await t.cli(['sync', '--json']);
    expect(expired.code).toBe(1);
    expect(runsOf(JSON.parse(expired.stdout)).map((r) => r.status)).toEqual(['failed', 'skipped']);
    const [connection] = await t.json(['connections']);
    expect(connection.status).toBe('needs_relink');
    expect(connection.last_error).toMatch(/expired.*finagg link enablebanking --relink 1/);

    // Renewed: the same accounts, history, edits and budget.
    const relinked = await t.link(['--relink', '1', '--no-sync', '--json']);
    expect(relinked.code, relinked.stderr).toBe(0);
    expect(JSON.parse(relinked.stdout).connection).toMatchObject({ id: 1, status: 'active' });
    t.clock.now += 15 * 60_000;
    const accounts = await t.json(['accounts']);
    expect(accounts.map((a: Json) => a.id)).toEqual([1, 2]);
    const runs = runsOf(await t.json(['sync']));
    expect(runs.every((r) => r.status === 'success')).toBe(true);
    expect(sum(runs, 'inserted')).toBe(0);
    const after = await t.json(['tx', '--limit', '1000']);
    expect(after.map((r: Json) => r.id)).toEqual(rows.map((r: Json) => r.id));
    expect(after.find((r: Json) => r.id === rewe.id).category).toBe('coffee');
    expect((await t.json(['budget', 'list'])).map((b: Json) => b.category)).toEqual(['groceries']);
    const renewed = (await t.json(['connections']))[0];
    expect(Date.parse(renewed.consent_expires_at)).toBeGreaterThan(ends);
  });

  it('takes a consent the person ends at the bank to needs_relink, and unlink deletes the session', async () => {
    const t = await setup();
    await linked(t);
    t.server.revokeSession();
    expect((await t.cli(['sync'])).code).toBe(1);
    expect((await t.json(['connections']))[0]).toMatchObject({ status: 'needs_relink' });
    expect((await t.json(['connections']))[0].last_error).toMatch(/revoked/);
    const relinked = await t.link(['--relink', '1', '--no-sync']);
    expect(relinked.code, relinked.stderr).toBe(0);
    expect((await t.cli(['unlink', '1'])).code).toBe(0);
    expect(t.server.sessions().map((s) => s.status)).toEqual(['REVOKED', 'CLOSED']);
  });

  it('never shows or stores the application key or a session id outside the sealed columns', async () => {
    const t = await setup();
    await linked(t);
    await t.json(['sync']);
    t.server.expireSession();
    await t.cli(['sync']);
    await t.cli(['connections']);
    await t.cli(['sync-log']);
    await t.cli(['doctor']);
    const key = fs.readFileSync(t.server.keyPath!, 'utf8');
    // Lines of the key's body (as in the file, and joined), and every session id the server gave out.
    const lines = key.split('\n').filter((l) => l !== '' && !l.startsWith('-----'));
    const needles = [lines[1]!, lines[lines.length - 2]!, lines.join(''), ...t.server.sessionIds()];
    expect(t.server.sessionIds().length).toBeGreaterThan(0);
    const files = fs
      .readdirSync(t.home, { withFileTypes: true, recursive: true })
      .filter((e) => e.isFile())
      .map((e) => fs.readFileSync(path.join(e.parentPath, e.name)).toString('latin1'));
    for (const needle of needles) {
      for (const text of [...files, ...t.printed]) expect(text.includes(needle)).toBe(false);
    }
  });
});

describe('Enable Banking: several banks', () => {
  it('refuses to unlink by provider when it holds several connections, naming them, and changes nothing', async () => {
    const { runCli, freshHome: home } = await import('../helpers/cli');
    const { openDatabase } = await import('../../src/storage/open-database');
    const env = { FINAGG_HOME: home(), FINAGG_NOW: new Date(START).toISOString(), FINAGG_KEYSTORE: 'file' };
    expect((await runCli(['accounts'], env)).code).toBe(0);
    const { sqlite } = openDatabase(env.FINAGG_HOME, { nowIso: new Date(START).toISOString() });
    const add = sqlite.prepare(
      "INSERT INTO connections (provider, status, scopes, created_at, updated_at, institution) VALUES ('enablebanking', 'active', '', ?, ?, ?)",
    );
    for (const bank of ['DE:Berliner Sparkasse', 'FI:Nordea'])
      add.run(new Date(START).toISOString(), new Date(START).toISOString(), bank);
    sqlite.close();
    const r = await runCli(['unlink', 'enablebanking'], env);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      'finagg: enablebanking has 2 connections: 1 (Berliner Sparkasse), 2 (Nordea) (unlink one by its id: finagg unlink <id>)\n',
    );
    const after = JSON.parse((await runCli(['connections', '--json'], env)).stdout);
    expect(after.map((c: Json) => c.status)).toEqual(['active', 'active']);
  });
});
