import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { freshHome, runCli } from '../helpers/cli';

const FIXTURES = path.resolve(__dirname, '../../fixtures/statements');
const fixture = (name: string) => path.join(FIXTURES, name);
const BASE = {
  FINAGG_KEYSTORE: 'file',
  FINAGG_NOW: '2026-11-23T12:00:00Z',
  FINAGG_SEED: '5',
  FINAGG_SIM_HISTORY_DAYS: '30',
  FINAGG_SIM_DAILY: '3',
};

function home() {
  const dir = freshHome();
  const cli = (...argv: string[]) => runCli(argv, { ...BASE, FINAGG_HOME: dir });
  const json = async (...argv: string[]) => {
    const r = await cli(...argv, '--json');
    expect(r.stderr.startsWith('finagg: ') && r.code !== 0 ? r.stderr : '').toBe('');
    expect(r.code).toBe(0);
    return JSON.parse(r.stdout);
  };
  /** Everything a person could see change, for "nothing changed". */
  const dump = () => {
    const db = new Database(path.join(dir, 'finagg.db'), { readonly: true });
    try {
      return ['accounts', 'transactions', 'sync_runs', 'audit_log', 'quarantine']
        .map((t) => JSON.stringify(db.prepare(`SELECT * FROM ${t} ORDER BY rowid`).all()))
        .join('\n');
    } finally {
      db.close();
    }
  };
  return { dir, cli, json, dump };
}

function tempFile(name: string, content: string | Buffer): string {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'finagg-import-')), name);
  fs.writeFileSync(file, content);
  return file;
}

describe('finagg accounts add and import', () => {
  it('imports each kind of statement into a manual account as a sync run with trigger import', async () => {
    const h = home();
    const cases: [file: string, name: string, type: string, currency: string, lines: number, balance: number][] = [
      ['chase-checking.csv', 'Chase', 'checking', 'USD', 10, 2418.31],
      ['capital-one-card.csv', 'Capital One', 'credit', 'USD', 7, 244.66],
      ['amex.csv', 'Amex', 'credit', 'USD', 6, 119.56],
      ['uk-current.csv', 'Monzo', 'checking', 'GBP', 6, 1204.16],
      ['dkb-giro.csv', 'Girokonto', 'checking', 'EUR', 6, 1821.08],
      ['evergreen-checking-ofx1.ofx', 'Evergreen', 'checking', 'USD', 10, 5612.33],
      ['harbor-savings-ofx2.ofx', 'Harbor', 'savings', 'USD', 4, 10279.09],
      ['summit-visa.qfx', 'Summit Visa', 'credit', 'USD', 6, -854.56],
    ];
    for (const [file, name, type, currency, lines, balance] of cases) {
      const account = await h.json('accounts', 'add', '--name', name, '--type', type, '--currency', currency);
      expect(account).toMatchObject({ connection_id: null, provider: 'manual', name, type, currency, balance: 0 });
      const run = await h.json('import', fixture(file), '--account', name);
      expect(run).toMatchObject({
        account_id: account.id,
        trigger: 'import',
        status: 'success',
        fetched: lines,
        inserted: lines,
      });
      const stored = (await h.json('accounts')).find((a: { id: number }) => a.id === account.id);
      expect([file, stored.balance]).toEqual([file, balance]);
    }
    const log = await h.json('sync-log', '--limit', '20');
    expect(log.filter((r: { trigger: string }) => r.trigger === 'import')).toHaveLength(cases.length);
    // Categorized on the way in, like a sync.
    const food = await h.json('tx', '--category', 'food', '--limit', '100');
    expect(food.map((t: { merchant: string }) => t.merchant)).toEqual(
      expect.arrayContaining(['Starbucks', 'Café Vita', 'Chipotle']),
    );
  });

  it('adds nothing when the same file, or an overlapping one, comes again; identical purchases stay two', async () => {
    const h = home();
    await h.json('accounts', 'add', '--name', 'Chase', '--type', 'checking', '--currency', 'USD');
    expect(await h.json('import', fixture('chase-checking.csv'), '--account', 'Chase')).toMatchObject({ inserted: 10 });
    const before = await h.json('tx', '--limit', '100');
    expect(before.filter((t: { merchant: string }) => t.merchant === 'Starbucks')).toHaveLength(2);

    expect(await h.json('import', fixture('chase-checking.csv'), '--account', 'Chase')).toMatchObject({
      inserted: 0,
      updated: 0,
      deduplicated: 10,
    });
    // The next month's export: the last four days again (both coffees among them) and two new lines.
    const lines = fs.readFileSync(fixture('chase-checking.csv'), 'utf8').trim().split('\n');
    const overlap = [
      lines[0],
      'DEBIT,11/22/2026,"SAFEWAY #1551 SEATTLE WA",-31.08,DEBIT_CARD,2381.48,,',
      'DEBIT,11/21/2026,"STARBUCKS STORE 11452 SEATTLE WA                11/20",-5.75,DEBIT_CARD,2412.56,,',
      ...lines.slice(1, 4),
    ].join('\n');
    const run = await h.json('import', tempFile('december.csv', overlap), '--account', 'Chase');
    expect(run).toMatchObject({ fetched: 5, inserted: 2, deduplicated: 3 });
    const after = await h.json('tx', '--limit', '100');
    expect(after).toHaveLength(12);
    expect(after.filter((t: { merchant: string }) => t.merchant === 'Starbucks')).toHaveLength(3);
    expect((await h.json('accounts'))[0].balance).toBe(2381.48);
  });

  it('applies a later statement’s corrections: replaced in place, deleted, and audited', async () => {
    const h = home();
    await h.json('accounts', 'add', '--name', 'Evergreen', '--type', 'checking', '--currency', 'USD');
    await h.json('import', fixture('evergreen-checking-ofx1.ofx'), '--account', 'Evergreen');
    const chevron = (await h.json('tx', '--search', 'chevron'))[0];
    expect(chevron.amount).toBe(-38.6);
    await h.json('tx', 'edit', String(chevron.id), '--category', 'transport');
    const run = await h.json('import', fixture('evergreen-checking-correction.ofx'), '--account', 'Evergreen');
    expect(run).toMatchObject({ fetched: 3, inserted: 1, updated: 1, removed: 1, deduplicated: 1 });
    // The same row, corrected, with the person's category kept.
    expect(await h.json('tx', 'show', String(chevron.id))).toMatchObject({ amount: -36.6, category: 'transport' });
    expect(await h.json('tx', '--search', 'atm fee')).toEqual([]);
    const audit = await h.json('audit', '--limit', '50');
    expect(audit).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ transaction_id: chevron.id, field: 'amount_cents', source: 'sync' }),
        expect.objectContaining({ field: 'removed', reason: 'deleted by a statement correction' }),
      ]),
    );
    expect((await h.json('accounts'))[0].balance).toBe(5601.83);
    // The corrected file again: nothing more.
    expect(await h.json('import', fixture('evergreen-checking-correction.ofx'), '--account', 'Evergreen')).toMatchObject({
      inserted: 0,
      updated: 0,
      removed: 0,
    });
  });

  it('shows on a dry run what would be inserted and updated, and writes nothing', async () => {
    const h = home();
    await h.json('accounts', 'add', '--name', 'Evergreen', '--type', 'checking', '--currency', 'USD');
    await h.json('import', fixture('evergreen-checking-ofx1.ofx'), '--account', 'Evergreen');
    const before = h.dump();
    const preview = await h.json('import', fixture('evergreen-checking-correction.ofx'), '--account', 'Evergreen', '--dry-run');
    expect(preview).toMatchObject({ dry_run: true, fetched: 3, inserted: 1, updated: 1, removed: 1, deduplicated: 1 });
    expect(preview.inserts).toEqual([
      {
        date: '2026-11-21',
        amount: -15,
        currency: 'USD',
        description: 'SEATTLE PUBLIC LIBRARY',
        merchant: 'Seattle Public Library',
        category: expect.any(String),
      },
    ]);
    expect(preview.updates[0].changes).toEqual([{ field: 'amount_cents', old_value: -3860, new_value: -3660 }]);
    const human = await h.cli('import', fixture('evergreen-checking-correction.ofx'), '--account', 'Evergreen', '--dry-run');
    expect(human.stdout).toContain('1 new, 1 updated, 1 removed, 1 already stored; nothing written');
    expect(human.stdout).toContain('SEATTLE PUBLIC LIBRARY');
    expect(h.dump()).toBe(before);
  });

  it('remembers a CSV mapping for the account', async () => {
    const h = home();
    await h.json('accounts', 'add', '--name', 'Kasse', '--type', 'checking', '--currency', 'EUR');
    const first = tempFile('a.csv', 'Wann;Was;Wieviel\n02.11.2026;Bäcker;-3,20\n');
    await h.json('import', first, '--account', 'Kasse', '--columns', 'date=Wann,description=Was,amount=Wieviel');
    const second = tempFile('b.csv', 'Wann;Was;Wieviel\n03.11.2026;Bäcker;-4,10\n');
    expect(await h.json('import', second, '--account', 'Kasse')).toMatchObject({ inserted: 1 });
    expect((await h.json('accounts'))[0].balance).toBe(-7.3);
  });

  it('imports a CSV without a header by column positions: the first row kept, a one-row file read, the positions remembered', async () => {
    const h = home();
    await h.json('accounts', 'add', '--name', 'Credit Union', '--type', 'checking', '--currency', 'USD');
    const columns = ['--columns', 'date=1,description=2,amount=3,balance=4'];
    expect(await h.json('import', fixture('headerless-credit-union.csv'), '--account', 'Credit Union', ...columns)).toMatchObject(
      {
        inserted: 3,
      },
    );
    const descriptions = (await h.json('tx')).map((t: { description: string }) => t.description);
    expect(descriptions).toContain('SAFEWAY #1234 DENVER CO');
    // Again, with the positions remembered: nothing new; the one-row file is one duplicate.
    expect(await h.json('import', fixture('headerless-credit-union.csv'), '--account', 'Credit Union')).toMatchObject({
      inserted: 0,
      deduplicated: 3,
    });
    expect(await h.json('import', fixture('headerless-one-row.csv'), '--account', 'Credit Union')).toMatchObject({
      inserted: 0,
      deduplicated: 1,
    });
    expect((await h.json('accounts'))[0].balance).toBe(4474.43);
  });

  it('imports a Quicken QIF register: its splits as finagg splits where the categories map, else in the memo; again adds nothing', async () => {
    const h = home();
    await h.json('accounts', 'add', '--name', 'Quicken Checking', '--type', 'checking', '--currency', 'USD');
    await h.json('budget', 'set', 'home', '500');
    expect(await h.json('import', fixture('quicken-checking.qif'), '--account', 'Quicken Checking')).toMatchObject({
      inserted: 6,
    });
    const rows = await h.json('tx', '--limit', '10');
    // Groceries and Home Improvement are finagg's: a split, counted as its parts.
    const target = rows.find((t: { description: string }) => t.description.startsWith('TARGET'));
    expect(target).toMatchObject({
      amount: -120.5,
      category: 'groceries',
      splits: [
        { category: 'groceries', amount: -80 },
        { category: 'home-improvement', amount: -40.5 },
      ],
    });
    const report = await h.json('report', '--from', '2024-01', '--to', '2024-01');
    expect(report[0].by_category).toMatchObject({ 'home-improvement': 40.5 });
    const audit = await h.json('audit', '--tx', String(target.id));
    expect(audit).toContainEqual(expect.objectContaining({ field: 'splits', source: 'sync', reason: 'split in the statement' }));
    // Household is no category of finagg's: the parts stay readable in the memo.
    const wholeFoods = rows.find((t: { description: string }) => t.description.startsWith('WHOLE FOODS'));
    expect(wholeFoods).toMatchObject({ amount: -84.12, category: 'groceries', splits: null });
    expect((await h.json('tx', 'show', String(wholeFoods.id))).memo).toBe(
      'Weekly shop · split: Groceries -64.12 (Food); Household -20.00 (Cleaning things)',
    );
    expect((await h.json('accounts'))[0].balance).toBe(1275.38);
    expect(await h.json('import', fixture('quicken-checking.qif'), '--account', 'Quicken Checking')).toMatchObject({
      inserted: 0,
      deduplicated: 6,
    });
    expect((await h.json('tx', '--limit', '10')).find((t: { id: number }) => t.id === target.id).splits).toHaveLength(2);
    const before = h.dump();
    const r = await h.cli('import', fixture('quicken-brokerage.qif'), '--account', 'Quicken Checking');
    expect([r.code, r.stderr]).toEqual([
      2,
      'finagg: the QIF file is an investment register (!Type:Invst): finagg imports bank, cash and credit-card registers only\n',
    ]);
    expect(h.dump()).toBe(before);
  });

  it('puts each statement of a file of several accounts into the account that holds its number', async () => {
    const h = home();
    await h.json('accounts', 'add', '--name', 'Checking', '--type', 'checking', '--currency', 'USD');
    await h.json('accounts', 'add', '--name', 'Savings', '--type', 'savings', '--currency', 'USD');
    const file = fixture('two-accounts.ofx');
    const refused = async (args: string[], message: string) => {
      const before = h.dump();
      const r = await h.cli('import', file, ...args);
      expect([r.code, r.stderr]).toEqual([2, `finagg: ${message}\n`]);
      expect(h.dump()).toBe(before);
    };
    // No account holds either number yet: the person picks one statement at a time.
    await refused(
      ['--account', 'Checking'],
      'the file holds statements of 2 accounts: 1100234, 9900871; import one at a time with --statement <number> --account <name>',
    );
    await refused(
      ['--account', 'Checking', '--statement', '7'],
      'invalid --statement "7": the file holds statements of accounts 1100234, 9900871',
    );
    expect(await h.json('import', file, '--account', 'Checking', '--statement', '1100234')).toMatchObject({
      account_id: 1,
      inserted: 2,
    });
    await refused(
      ['--account', 'Checking'],
      'the file holds statements of accounts 1100234 ("Checking"), 9900871; no account holds 9900871 yet: import it with --statement 9900871 --account <name>',
    );
    await refused(
      ['--account', 'Savings', '--statement', '1100234'],
      'the statement is of account 1100234, whose statements go into "Checking" (import it there: --account "Checking")',
    );
    // The one left goes into the account named; from then on each goes where it belongs.
    const both = await h.json('import', file, '--account', 'Savings');
    expect(
      both.map((r: { account_id: number; inserted: number; deduplicated: number }) => [r.account_id, r.inserted, r.deduplicated]),
    ).toEqual([
      [1, 0, 2],
      [2, 2, 0],
    ]);
    expect((await h.json('accounts')).map((a: { name: string; balance: number }) => [a.name, a.balance])).toEqual([
      ['Checking', 1951.8],
      ['Savings', 10503.12],
    ]);
    expect(await h.json('import', file, '--account', 'Checking')).toHaveLength(2);
    // A one-statement file of a number another account holds is not put into this one.
    await h.json('accounts', 'add', '--name', 'Other', '--type', 'checking', '--currency', 'USD');
    const chase = await h.cli('import', fixture('harbor-savings-ofx2.ofx'), '--account', 'Other');
    expect(chase.code).toBe(0);
    const unnumbered = await h.cli('import', fixture('chase-checking.csv'), '--account', 'Other', '--statement', '1234');
    expect([unnumbered.code, unnumbered.stderr]).toEqual([
      2,
      'finagg: invalid --statement "1234": the file names no account numbers; leave --statement out\n',
    ]);
    const wrong = await h.cli('import', fixture('harbor-savings-ofx2.ofx'), '--account', 'Checking');
    expect(wrong.stderr).toBe(
      'finagg: the statement is of account 88812345, whose statements go into "Other" (import it there: --account "Other")\n',
    );
  });

  it('imports a CAMT.053 statement: booked entries, the closing balance, the bank references; again adds nothing', async () => {
    const h = home();
    await h.json('accounts', 'add', '--name', 'Girokonto', '--type', 'checking', '--currency', 'EUR');
    const r = await h.cli('import', fixture('sparkasse-camt053.xml'), '--account', 'Girokonto', '--json');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ inserted: 3 });
    expect(r.stderr).toBe(
      'finagg: statement 1 (account DE89370400440532013000): 1 entry not booked yet (pending or information) left out\n',
    );
    expect((await h.json('accounts'))[0].balance).toBe(3638.75);
    const rewe = (await h.json('tx')).find((t: { description: string }) => t.description === 'REWE Markt GmbH');
    expect(rewe).toMatchObject({ amount: -54.37, date: '2026-11-03', category: 'groceries' });
    expect(await h.json('import', fixture('sparkasse-camt053.xml'), '--account', 'Girokonto')).toMatchObject({
      inserted: 0,
      deduplicated: 3,
    });
    // Two accounts in one file: each statement into its own account.
    await h.json('accounts', 'add', '--name', 'Betaal', '--type', 'checking', '--currency', 'EUR');
    await h.json('accounts', 'add', '--name', 'Spaar', '--type', 'savings', '--currency', 'EUR');
    await h.json('import', fixture('two-accounts-camt053.xml'), '--account', 'Betaal', '--statement', 'NL91ABNA0417164300');
    const both = await h.json('import', fixture('two-accounts-camt053.xml'), '--account', 'Spaar');
    expect(both.map((x: { account_id: number; inserted: number }) => [x.account_id, x.inserted])).toEqual([
      [2, 0],
      [3, 1],
    ]);
    expect((await h.json('accounts')).map((a: { name: string; balance: number }) => [a.name, a.balance])).toEqual([
      ['Girokonto', 3638.75],
      ['Betaal', -41.1],
      ['Spaar', 5000],
    ]);
  });

  it('imports an OFX with CDATA payees and an empty balance, saying the balance is the rows', async () => {
    const h = home();
    await h.json('accounts', 'add', '--name', 'Everyday', '--type', 'checking', '--currency', 'USD');
    const r = await h.cli('import', fixture('empty-elements.ofx'), '--account', 'Everyday');
    expect(r.code).toBe(0);
    expect(r.stderr).toBe(
      'finagg: the statement gives no closing balance (LEDGERBAL has no BALAMT): the balance is the sum of the rows\n',
    );
    expect((await h.json('accounts'))[0].balance).toBe(-60.1);
    await h.json('accounts', 'add', '--name', 'Outback', '--type', 'checking', '--currency', 'AUD');
    await h.json('import', fixture('outback-eftpos-cdata.ofx'), '--account', 'Outback');
    const aldi = (await h.json('tx', '--account', 'Outback')).find((t: { description: string }) =>
      t.description.includes('ALDI'),
    );
    expect(aldi.merchant).toMatch(/^aldi$/i);
    expect((await h.json('tx', 'show', String(aldi.id))).memo).toBe('ALDI 47 PARRAMATTA & CO AUS');
  });

  it('refuses bad files with one line and exit 2, changing nothing', async () => {
    const h = home();
    await h.json('accounts', 'add', '--name', 'Chase', '--type', 'checking', '--currency', 'USD');
    await h.json('import', fixture('chase-checking.csv'), '--account', 'Chase');
    const before = h.dump();
    const nonsense = tempFile('big.csv', '');
    const line = 'qwertyuiop asdfghjkl zxcvbnm 1234567890 lorem ipsum dolor sit amet consectetur\n';
    const fd = fs.openSync(nonsense, 'w');
    const block = line.repeat(Math.ceil((1 << 20) / line.length));
    for (let i = 0; i < 100; i++) fs.writeSync(fd, block);
    fs.closeSync(fd);
    expect(fs.statSync(nonsense).size).toBeGreaterThanOrEqual(100 * (1 << 20));
    const bad: [file: string, message: RegExp][] = [
      [tempFile('random.ofx', crypto.randomBytes(64 * 1024)), /the file is binary/],
      [tempFile('random.bin', crypto.randomBytes(64 * 1024)), /the file is binary/],
      [fixture('evergreen-checking-truncated.ofx'), /looks truncated/],
      [tempFile('data.json', '{"transactions":[{"amount":1}]}'), /the file is not a statement/],
      [tempFile('empty.csv', ''), /empty.csv" is empty/],
      [tempFile('cut.csv', 'Date,Description,Amount\n2026-11-02,"Shop\n'), /unclosed quote .*cut off/],
      [
        tempFile('baddate.csv', 'Date,Description,Amount\n2026-11-02,Shop,-1.00\n2026-02-30,Shop,-1.00\n'),
        /line 3: Date "2026-02-30" is not a date/,
      ],
      [nonsense, /the file is not a statement/],
      [fixture('signon-refused.ofx'), /the bank sent an error instead of a statement: code 15500 \(ERROR\): The user ID/],
      [fixture('statement-server-error.ofx'), /code 2000 \(ERROR\): General error: try again later/],
      [fixture('brokerage-sweep-4-decimals.ofx'), /TRNAMT "115.8331" has 4 decimal places; USD amounts have 2/],
      [path.join(os.tmpdir(), 'no-such-statement.csv'), /no file/],
    ];
    for (const [file, message] of bad) {
      const started = performance.now();
      const r = await h.cli('import', file, '--account', 'Chase');
      expect([path.basename(file), r.code]).toEqual([path.basename(file), 2]);
      expect(r.stderr).toMatch(message);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stdout).toBe('');
      expect(performance.now() - started).toBeLessThan(10_000);
    }
    expect(h.dump()).toBe(before);
  }, 60_000);

  it('refuses a bank-synced account, a currency that does not match, and bad account details', async () => {
    const h = home();
    expect((await h.cli('link', 'banka', '--yes', '--no-sync')).code).toBe(0);
    await h.json('accounts', 'add', '--name', 'Euro cash', '--type', 'checking', '--currency', 'eur');
    const before = h.dump();
    const synced = await h.cli('import', fixture('chase-checking.csv'), '--account', '1');
    expect(synced.code).toBe(2);
    expect(synced.stderr).toMatch(/is synced from banka; statements go into manual accounts/);
    const currency = await h.cli('import', fixture('harbor-savings-ofx2.ofx'), '--account', 'euro cash');
    expect(currency.code).toBe(2);
    expect(currency.stderr).toMatch(/the statement of account 88812345 is in USD and the account "Euro cash" in EUR/);
    const cases: [string[], RegExp][] = [
      [
        ['--name', 'X', '--type', 'wallet', '--currency', 'USD'],
        /--type "wallet": one of checking, savings, credit, loan, investment/,
      ],
      [['--name', 'X', '--type', 'checking', '--currency', 'dollars'], /--currency/],
      [['--name', 'Euro Cash', '--type', 'checking', '--currency', 'EUR'], /already called "Euro Cash"/],
      [['--name', '42', '--type', 'checking', '--currency', 'EUR'], /is a number/],
      [['--type', 'checking', '--currency', 'EUR'], /required option '--name <name>'/],
    ];
    for (const [args, message] of cases) {
      const r = await h.cli('accounts', 'add', ...args);
      expect([args, r.code]).toEqual([args, 2]);
      expect(r.stderr).toMatch(message);
    }
    const unknown = await h.cli('import', fixture('chase-checking.csv'), '--account', 'nope');
    expect(unknown.code).toBe(2);
    expect(h.dump()).toBe(before);
  });
});
