import fs from 'node:fs';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { writeEcbXml } from '../../src/core/fx/ecb-files';
import type { DayRate } from '../../src/core/fx/rate-book';
import { parseDecimal } from '../../src/core/fx/rational';
import { createTestCertificates, type TestCertificates } from '../../src/devtools/simplefin-server/certificates';
import { SIMULATED_RATES_SENDER } from '../../src/providers/sim/reference-rates';
import { freshHome, householdEnv, runCli, spawnCliAsync } from '../helpers/cli';

/**
 * `finagg rates`: the ECB's files and price directives imported, listed and replaced;
 * `rates update` against a local HTTPS server standing in for the ECB, its test CA trusted
 * through NODE_EXTRA_CA_CERTS in a spawned CLI; and the demo's simulated series.
 */

type Rate = { date: string; currency: string; per_eur: number; source: string };

function dir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'finagg-rates-'));
}

function write(name: string, text: string): string {
  const file = path.join(dir(), name);
  fs.writeFileSync(file, text);
  return file;
}

function setup(now = '2026-11-23T12:00:00Z') {
  const env = { FINAGG_HOME: freshHome(), FINAGG_NOW: now, FINAGG_KEYSTORE: 'file' };
  const cli = (argv: string[]) => runCli(argv, env);
  const json = async <T = unknown>(argv: string[]): Promise<T> => {
    const r = await cli([...argv, '--json']);
    if (r.code !== 0) throw new Error(`${argv.join(' ')} exited ${r.code}: ${r.stderr}`);
    return JSON.parse(r.stdout) as T;
  };
  const all = () => json<Rate[]>(['rates', '--limit', '100000']);
  return { env, cli, json, all };
}

const HIST_CSV = [
  'Date,USD,JPY,CYP,GBP,',
  '2026-11-20,1.0512,162.43,N/A,0.85570,',
  '2026-11-19,1.0498,161.90,N/A,0.85411,',
  '2026-11-18,1.0473,161.20,N/A,0.85302,',
  '',
].join('\n');

const DAILY_CSV = 'Date, USD, JPY, GBP, \n23 November 2026, 1.0544, 163.01, 0.85600, \n';

const rate = (date: string, currency: string, text: string): DayRate => ({
  date,
  currency,
  perEur: parseDecimal(text)!,
  source: 'ecb',
});

describe('finagg rates import and list', () => {
  it('imports the ECB’s history and daily CSV and its XML, and lists them newest first, filtered, as JSON', async () => {
    const t = setup();
    const hist = await t.json(['rates', 'import', write('eurofxref-hist.csv', HIST_CSV)]);
    expect(hist).toEqual({ imported: 9, from: '2026-11-18', to: '2026-11-20', currencies: ['GBP', 'JPY', 'USD'], source: 'ecb' });
    expect(await t.json(['rates', 'import', write('eurofxref.csv', DAILY_CSV)])).toMatchObject({
      imported: 3,
      from: '2026-11-23',
      to: '2026-11-23',
    });
    const xml = writeEcbXml([rate('2026-11-24', 'USD', '1.0561'), rate('2026-11-24', 'CHF', '0.9350')], 'European Central Bank');
    expect(await t.json(['rates', 'import', write('eurofxref-daily.xml', xml)])).toMatchObject({
      imported: 2,
      currencies: ['CHF', 'USD'],
      source: 'ecb',
    });

    const usd = await t.json<Rate[]>(['rates', '--currency', 'usd', '--from', '2026-11-19', '--to', '2026-11-23']);
    expect(usd).toEqual([
      { date: '2026-11-23', currency: 'USD', per_eur: 1.0544, source: 'ecb' },
      { date: '2026-11-20', currency: 'USD', per_eur: 1.0512, source: 'ecb' },
      { date: '2026-11-19', currency: 'USD', per_eur: 1.0498, source: 'ecb' },
    ]);
    expect(await t.json<Rate[]>(['rates', '--limit', '2'])).toEqual([
      { date: '2026-11-24', currency: 'CHF', per_eur: 0.935, source: 'ecb' },
      { date: '2026-11-24', currency: 'USD', per_eur: 1.0561, source: 'ecb' },
    ]);
    expect(await t.all()).toHaveLength(14);

    const table = await t.cli(['rates', '--currency', 'GBP']);
    expect(table.code).toBe(0);
    const lines = table.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^DATE\s+CURRENCY\s+PER EUR\s+SOURCE\s*$/);
    expect(lines[1]).toMatch(/^2026-11-23\s+GBP\s+0\.856\s+ecb\s*$/);
    expect(lines).toHaveLength(5);
  });

  it('imports price directives as file:<name>, both ways round and through a stored rate', async () => {
    const t = setup();
    await t.json(['rates', 'import', write('eurofxref-hist.csv', HIST_CSV)]);
    const prices = [
      '; from hledger prices',
      'P 2026-11-21 EUR 1.0530 USD',
      'P 2026/11/21 NOK 0.0851 EUR',
      'P 2026-11-22 SEK 0.0952 USD', // a Sunday: through the dollar's rate of Saturday, from this file
    ].join('\n');
    const r = await t.json(['rates', 'import', write('prices.journal', prices)]);
    expect(r).toEqual({
      imported: 3,
      from: '2026-11-21',
      to: '2026-11-22',
      currencies: ['NOK', 'SEK', 'USD'],
      source: 'file:prices.journal',
    });
    const rates = await t.json<Rate[]>(['rates', '--from', '2026-11-21']);
    const of = (c: string) => rates.find((x) => x.currency === c)!;
    expect(of('USD')).toEqual({ date: '2026-11-21', currency: 'USD', per_eur: 1.053, source: 'file:prices.journal' });
    expect(of('NOK').per_eur).toBeCloseTo(1 / 0.0851, 10);
    expect(of('SEK').per_eur).toBeCloseTo(1.053 / 0.0952, 10);
  });

  it('replaces a day’s rate with a later import of the same day and currency', async () => {
    const t = setup();
    await t.json(['rates', 'import', write('eurofxref-hist.csv', HIST_CSV)]);
    const again = await t.json(['rates', 'import', write('fix.journal', 'P 2026-11-20 EUR 1.0600 USD\n')]);
    expect(again).toMatchObject({ imported: 1 });
    const [usd] = await t.json<Rate[]>(['rates', '--currency', 'USD', '--limit', '1']);
    expect(usd).toEqual({ date: '2026-11-20', currency: 'USD', per_eur: 1.06, source: 'file:fix.journal' });
    expect(await t.all()).toHaveLength(9);
  });

  it('refuses a bad file with exit 2 and one line naming where, and stores nothing of it', async () => {
    const t = setup();
    await t.json(['rates', 'import', write('eurofxref-hist.csv', HIST_CSV)]);
    const before = await t.all();
    const bad: [string, string, RegExp][] = [
      ['bad-rate.csv', HIST_CSV.replace('161.20', 'x'), /^finagg: line 4 \(2026-11-18\), JPY: rate "x" is not a number/],
      ['zero.csv', HIST_CSV.replace('0.85411', '0'), /^finagg: line 3 \(2026-11-19\), GBP: rate "0" is not above zero/],
      ['bad-date.csv', HIST_CSV.replace('2026-11-18', '2026-02-30'), /^finagg: line 4: date "2026-02-30" is not a date/],
      ['code.csv', HIST_CSV.replace('CYP', 'CYX'), /^finagg: line 1, column 4: "CYX" is not a currency code/],
      [
        'prices.journal',
        'P 2026-11-25 EUR 1.05 USD\nP 2026-11-25 EUR 0.86 GBX\n',
        /^finagg: line 2: "GBX" is not a currency code/,
      ],
      ['negative.journal', 'P 2026-11-25 EUR -1.05 USD\n', /^finagg: line 1: price "-1.05" is not above zero/],
      [
        'cross.journal',
        'P 2026-11-25 EUR 1.05 USD\nP 2026-11-25 ZAR 0.05 CAD\n',
        /^finagg: line 2: neither ZAR nor CAD has a rate per euro by 2026-11-25/,
      ],
      [
        'statement.csv',
        'date,description,amount\n2026-11-20,Coffee,-3.50\n',
        /^finagg: line 1: "date,description,amount": not the ECB/,
      ],
      ['doctype.xml', '<!DOCTYPE x [<!ENTITY a "b">]><x>&a;</x>', /^finagg: the XML file declares a DOCTYPE/],
      ['empty.csv', '', /^finagg: ".*empty\.csv" is empty/],
    ];
    for (const [name, text, message] of bad) {
      const r = await t.cli(['rates', 'import', write(name, text)]);
      expect(r.code, name).toBe(2);
      expect(r.stderr.trim().split('\n'), name).toHaveLength(1);
      expect(r.stderr, name).toMatch(message);
      expect(r.stdout, name).toBe('');
    }
    const missing = await t.cli(['rates', 'import', path.join(dir(), 'nothing.csv')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/^finagg: no file ".*nothing\.csv"/);
    expect(await t.all()).toEqual(before);
  });

  it('refuses bad options with exit 2 and one line', async () => {
    const t = setup();
    const cases: [string[], RegExp][] = [
      [['rates', '--currency', 'XYZ'], /^finagg: invalid --currency "XYZ": must be a currency code/],
      [['rates', '--currency', 'EUR'], /^finagg: invalid --currency "EUR"/],
      [['rates', '--from', '2026-11-31'], /^finagg: invalid --from "2026-11-31": must be a date as YYYY-MM-DD/],
      [['rates', '--to', 'yesterday'], /^finagg: invalid --to "yesterday"/],
      [['rates', '--from', '2026-11-20', '--to', '2026-11-01'], /^finagg: invalid --from 2026-11-20: after --to 2026-11-01/],
      [['rates', '--limit', '0'], /^finagg: invalid --limit "0": must be a whole number from 1/],
    ];
    for (const [argv, message] of cases) {
      const r = await t.cli(argv);
      expect(r.code, argv.join(' ')).toBe(2);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toMatch(message);
    }
    const empty = await t.cli(['rates']);
    expect(empty).toMatchObject({ code: 0, stdout: 'no rates stored: finagg rates update, or finagg rates import <file>\n' });
  });
});

/** A stand-in for the ECB's site over HTTPS: the answers by path, and the paths asked for. */
interface FakeEcb {
  url: string;
  answers: Map<string, { status: number; body: string }>;
  asked: string[];
  close(): Promise<void>;
}

let certificates: TestCertificates;
let ecb: FakeEcb | undefined;

beforeAll(async () => {
  certificates = await createTestCertificates(dir());
});

afterEach(async () => {
  await ecb?.close();
  ecb = undefined;
});

async function startFakeEcb(): Promise<FakeEcb> {
  const answers = new Map<string, { status: number; body: string }>();
  const asked: string[] = [];
  const server = https.createServer({ key: certificates.keyPem, cert: certificates.certPem }, (req, res) => {
    asked.push(req.url ?? '');
    const answer = answers.get(req.url ?? '') ?? { status: 404, body: 'not found' };
    res.writeHead(answer.status, { 'content-type': 'text/xml' });
    res.end(answer.body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  ecb = {
    url: `https://127.0.0.1:${port}/stats/eurofxref`,
    answers,
    asked,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
  return ecb;
}

/** The ECB's weekdays from `from` to `to`, USD and JPY each, as its XML; `usd` gives some days' dollar. */
function ecbXml(from: string, to: string, usd: Record<string, string> = {}): string {
  const rates: DayRate[] = [];
  for (let ms = Date.parse(`${from}T00:00:00Z`); ms <= Date.parse(`${to}T00:00:00Z`); ms += 86_400_000) {
    const day = new Date(ms);
    if (day.getUTCDay() === 0 || day.getUTCDay() === 6) continue;
    const date = day.toISOString().slice(0, 10);
    rates.push(rate(date, 'USD', usd[date] ?? '1.0500'), rate(date, 'JPY', '162.43'));
  }
  return writeEcbXml(rates, 'European Central Bank');
}

describe('finagg rates update', () => {
  const NOW = '2026-11-23T16:00:00Z';

  function spawnEnv(fake: FakeEcb) {
    return {
      FINAGG_HOME: freshHome(),
      FINAGG_NOW: NOW,
      FINAGG_KEYSTORE: 'file',
      FINAGG_ECB_URL: fake.url,
      NODE_EXTRA_CA_CERTS: certificates.caPath,
    };
  }

  it('fetches the whole history first, then the last 90 days, storing what is new and keeping a person’s own', async () => {
    const fake = await startFakeEcb();
    fake.answers.set('/stats/eurofxref/eurofxref-hist.xml', { status: 200, body: ecbXml('2026-06-01', '2026-11-20') });
    fake.answers.set('/stats/eurofxref/eurofxref-hist-90d.xml', {
      status: 200,
      body: ecbXml('2026-08-25', '2026-11-23', { '2026-11-23': '1.0544' }),
    });
    const env = spawnEnv(fake);
    await runCli(['rates', 'import', write('mine.journal', 'P 2026-11-19 EUR 1.0700 USD\n')], env);
    const first = await spawnCliAsync(['rates', 'update', '--json'], env);
    expect(first.code, first.stderr).toBe(0);
    // 125 weekdays, USD and JPY; the person's dollar of 19 November is kept.
    expect(JSON.parse(first.stdout)).toEqual({
      fetched: 250,
      imported: 249,
      from: '2026-06-01',
      to: '2026-11-20',
      file: 'eurofxref-hist.xml',
    });

    const second = await spawnCliAsync(['rates', 'update', '--json'], env);
    expect(second.code, second.stderr).toBe(0);
    // Only the new day (USD and JPY) is new; the rest of the 90 days is stored already.
    expect(JSON.parse(second.stdout)).toMatchObject({ file: 'eurofxref-hist-90d.xml', imported: 2, to: '2026-11-23' });
    expect(fake.asked).toEqual(['/stats/eurofxref/eurofxref-hist.xml', '/stats/eurofxref/eurofxref-hist-90d.xml']);

    const usd = JSON.parse((await runCli(['rates', '--currency', 'USD', '--limit', '3', '--json'], env)).stdout) as Rate[];
    expect(usd).toEqual([
      { date: '2026-11-23', currency: 'USD', per_eur: 1.0544, source: 'ecb' },
      { date: '2026-11-20', currency: 'USD', per_eur: 1.05, source: 'ecb' },
      { date: '2026-11-19', currency: 'USD', per_eur: 1.07, source: 'file:mine.journal' },
    ]);

    const human = await spawnCliAsync(['rates', 'update'], env);
    expect(human.code, human.stderr).toBe(0);
    expect(human.stdout).toBe('130 rates fetched from eurofxref-hist-90d.xml (2026-08-25 to 2026-11-23): nothing new\n');
  });

  it('fetches the whole history again when the ECB’s latest stored rate is more than 80 days old', async () => {
    const fake = await startFakeEcb();
    fake.answers.set('/stats/eurofxref/eurofxref-hist.xml', { status: 200, body: ecbXml('2026-06-01', '2026-08-28') });
    const env = spawnEnv(fake);
    // A person's own rates do not count: only the ECB's say how far back to fetch.
    await runCli(['rates', 'import', write('p.journal', 'P 2026-11-20 EUR 1.05 USD\n')], env);
    expect((await spawnCliAsync(['rates', 'update'], env)).code).toBe(0);
    expect((await spawnCliAsync(['rates', 'update'], env)).code).toBe(0);
    expect(fake.asked).toEqual(['/stats/eurofxref/eurofxref-hist.xml', '/stats/eurofxref/eurofxref-hist.xml']);
  });

  it('fails with one line and stores nothing on an untrusted certificate, an answer that is not XML, or a 404', async () => {
    const fake = await startFakeEcb();
    fake.answers.set('/stats/eurofxref/eurofxref-hist.xml', { status: 200, body: ecbXml('2026-11-02', '2026-11-20') });
    const { NODE_EXTRA_CA_CERTS: _, ...untrusted } = spawnEnv(fake);
    const refused = await spawnCliAsync(['rates', 'update'], untrusted);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(
      /^finagg: the ECB’s rates could not be fetched: 127\.0\.0\.1:\d+: its certificate is not trusted/m,
    );
    expect(
      refused.stderr
        .trim()
        .split('\n')
        .filter((l) => l.startsWith('finagg:')),
    ).toHaveLength(1);

    const env = spawnEnv(fake);
    const answers: [number, string, RegExp][] = [
      [200, 'Service temporarily unavailable', /the answer of 127\.0\.0\.1:\d+ for eurofxref-hist\.xml is not XML/],
      [200, '<html><body>Maintenance</body></html>', /is not its reference rates/],
      [200, ecbXml('2026-11-02', '2026-11-20').replace("rate='162.43'", "rate='-1'"), /rate "-1" is not above zero/],
      [404, 'not found', /answered 404 for eurofxref-hist\.xml/],
    ];
    for (const [status, body, message] of answers) {
      fake.answers.set('/stats/eurofxref/eurofxref-hist.xml', { status, body });
      const r = await spawnCliAsync(['rates', 'update', '--json'], env);
      expect(r.code, body).toBe(1);
      expect(r.stderr, body).toMatch(message);
      expect(JSON.parse(r.stdout).error.code).toBe('provider_error');
    }
    for (const e of [untrusted, env]) expect(JSON.parse((await runCli(['rates', '--json'], e)).stdout)).toEqual([]);
  });

  it('is done by the daemon once a day after the ECB publishes, when money is in more than one currency', async () => {
    const fake = await startFakeEcb();
    fake.answers.set('/stats/eurofxref/eurofxref-hist.xml', { status: 200, body: ecbXml('2026-09-01', '2026-11-23') });
    const env = spawnEnv(fake);
    for (const currency of ['EUR', 'USD']) {
      const add = await runCli(
        ['accounts', 'add', '--name', `Cash ${currency}`, '--type', 'checking', '--currency', currency],
        env,
      );
      expect(add.code, add.stderr).toBe(0);
    }
    const morning = await spawnCliAsync(['daemon', '--once'], { ...env, FINAGG_NOW: '2026-11-23T10:00:00Z' });
    expect(morning.code, morning.stderr).toBe(0);
    expect(fake.asked).toEqual([]);
    for (let i = 0; i < 2; i++) {
      const round = await spawnCliAsync(['daemon', '--once'], env);
      expect(round.code, round.stderr).toBe(0);
    }
    expect(fake.asked).toEqual(['/stats/eurofxref/eurofxref-hist.xml']);
    expect(JSON.parse((await runCli(['rates', '--limit', '1', '--json'], env)).stdout)).toEqual([
      { date: '2026-11-23', currency: 'JPY', per_eur: 162.43, source: 'ecb' },
    ]);
  });
});

describe('the demo’s reference rates', () => {
  it('are finagg’s simulated series for the days the banks hold, imported as simulated, with dollars at home', async () => {
    const env = householdEnv(42, 60, '2026-11-20T18:00:00Z');
    const demo = await runCli(['demo', '--json'], env);
    expect(demo.code, demo.stderr).toBe(0);
    const file = path.join(env.FINAGG_HOME, 'sim', 'reference-rates.xml');
    const xml = fs.readFileSync(file, 'utf8');
    expect(xml).toContain(`<gesmes:name>${SIMULATED_RATES_SENDER}</gesmes:name>`);
    expect(xml).not.toContain('<gesmes:name>European Central Bank</gesmes:name>');

    const rates = JSON.parse((await runCli(['rates', '--limit', '100000', '--json'], env)).stdout) as Rate[];
    expect(new Set(rates.map((r) => r.source))).toEqual(new Set(['simulated']));
    expect(new Set(rates.map((r) => r.currency))).toEqual(new Set(['CHF', 'GBP', 'JPY', 'USD']));
    const dates = rates.map((r) => r.date).sort();
    expect(dates[dates.length - 1]).toBe('2026-11-20');
    expect(dates[0]! <= '2026-09-22').toBe(true);
    expect(rates.every((r) => new Date(`${r.date}T00:00:00Z`).getUTCDay() % 6 !== 0)).toBe(true);
    expect(JSON.parse((await runCli(['config', 'get', 'currency.home', '--json'], env)).stdout)).toEqual({
      'currency.home': 'USD',
    });

    // The same file imported by hand reads as the simulated series, not the ECB's.
    const again = await runCli(['rates', 'import', file, '--json'], env);
    expect(JSON.parse(again.stdout)).toMatchObject({ source: 'simulated', imported: rates.length });
  });

  it('go on in a demo home with the daemon, which needs no network for them', async () => {
    const env = householdEnv(42, 30, '2026-11-20T18:00:00Z');
    expect((await runCli(['demo', '--json'], env)).code).toBe(0);
    const round = await runCli(['daemon', '--once'], { ...env, FINAGG_NOW: '2026-11-24T17:00:00Z' });
    expect(round.code, round.stderr).toBe(0);
    const [latest] = JSON.parse((await runCli(['rates', '--limit', '1', '--json'], env)).stdout) as Rate[];
    expect(latest).toMatchObject({ date: '2026-11-24', source: 'simulated' });
  });
});
