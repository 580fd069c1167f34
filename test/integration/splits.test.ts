import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { freshHome, runCli } from '../helpers/cli';
import { balances, tool } from '../helpers/ledger-tools';

/**
 * `tx split`: one purchase across categories (a Target run that was groceries and a drill).
 * Each part counts in its category's budget, in the report and in `tx --category`; the
 * parts must sum to the purchase exactly, or nothing changes.
 */
describe('split transactions', () => {
  it('counts each part in its own budget and report line, refuses parts that do not sum, and clears', async () => {
    const { cli, run, target } = await splitHome();
    const spent = async () =>
      Object.fromEntries(
        (JSON.parse(await cli('budget', 'list', '--json')) as { category: string; spent: number }[]).map((b) => [
          b.category,
          b.spent,
        ]),
      );
    expect(await spent()).toEqual({ groceries: 60, home: 30 });

    // Parts that do not sum change nothing and say by how much they are off.
    const short = await run('tx', 'split', String(target.id), 'groceries=80', 'home-improvement=40');
    expect(short.code).toBe(2);
    expect(short.stderr.toString().trim()).toBe(
      'finagg: invalid split: the parts sum to $120.00 but the transaction is $120.50 ($0.50 short)',
    );
    expect((await run('tx', 'split', String(target.id), 'groceries=80', 'lawn=40.50')).code).toBe(2);
    expect(await spent()).toEqual({ groceries: 60, home: 30 });

    const split = JSON.parse(await cli('tx', 'split', String(target.id), 'groceries=80', 'home-improvement=40.50', '--json'));
    expect(split).toEqual({
      id: target.id,
      amount: -120.5,
      currency: 'USD',
      category: 'groceries',
      splits: [
        { category: 'groceries', amount: -80 },
        { category: 'home-improvement', amount: -40.5 },
      ],
    });
    // Each part in its own budget (home counts home-improvement under it), the report likewise.
    expect(await spent()).toEqual({ groceries: 140, home: 70.5 });
    const [november] = JSON.parse(await cli('report', '--from', '2026-11', '--to', '2026-11', '--json')) as {
      spending: number;
      by_category: Record<string, number>;
    }[];
    expect(november!.spending).toBe(210.5);
    expect(november!.by_category).toMatchObject({ groceries: 140, 'home-improvement': 70.5 });
    expect(november!.by_category).not.toHaveProperty('general-merchandise');
    // Listed under each part's category; shown and audited.
    const improvement = JSON.parse(await cli('tx', '--category', 'home-improvement', '--json')) as { id: number }[];
    expect(improvement.map((t) => t.id)).toContain(target.id);
    expect(JSON.parse(await cli('tx', 'show', String(target.id), '--json'))).toMatchObject({
      category: 'groceries',
      category_source: 'user',
      splits: [
        { category: 'groceries', amount: -80 },
        { category: 'home-improvement', amount: -40.5 },
      ],
    });
    const audit = JSON.parse(await cli('audit', '--tx', String(target.id), '--json')) as {
      field: string;
      new_value: string | null;
    }[];
    expect(audit.map((a) => a.field).sort()).toEqual(['category', 'splits']);

    // Cleared: the row is one purchase again, in its main category.
    await cli('tx', 'split', String(target.id), '--clear');
    expect(await spent()).toEqual({ groceries: 180.5, home: 30 });
    expect(JSON.parse(await cli('tx', 'show', String(target.id), '--json')).splits).toBeNull();
  });

  it('stops counting parts that no longer sum to their row when the bank changes its amount, and says so', async () => {
    const { cli, home, target } = await splitHome();
    await cli('tx', 'split', String(target.id), 'groceries=80', 'home-improvement=40.50');
    // What a sync writes when the bank corrects the amount of a stored row.
    const db = new Database(path.join(home, 'finagg.db'));
    db.prepare('UPDATE transactions SET amount_cents = -12500 WHERE id = ?').run(target.id);
    db.close();
    const [november] = JSON.parse(await cli('report', '--from', '2026-11', '--to', '2026-11', '--json')) as {
      spending: number;
      by_category: Record<string, number>;
    }[];
    // The row counts whole in its own category: the report is still the rows' sum.
    expect(november!.spending).toBe(215);
    expect(november!.by_category).toMatchObject({ groceries: 185, 'home-improvement': 30 });
    const budgets = JSON.parse(await cli('budget', 'list', '--json')) as { category: string; spent: number }[];
    expect(Object.fromEntries(budgets.map((b) => [b.category, b.spent]))).toEqual({ groceries: 185, home: 30 });
    // The journal still balances: the row is one posting in its own category.
    const journal = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'finagg-split-')), 'journal');
    await cli('export', '--format', 'ledger', '--out', journal);
    expect(fs.readFileSync(journal, 'utf8')).toMatch(/^ {4}expenses:food:groceries +125\.00 USD$/m);
    expect(await cli('tx', 'show', String(target.id))).toMatch(
      new RegExp(
        `the bank changed the amount since: these parts are not counted; split it again with finagg tx split ${target.id}`,
      ),
    );
  });

  it('marks a split row for review when a re-imported statement changes its amount, audited, until it is split again', async () => {
    const env = { FINAGG_HOME: freshHome(), FINAGG_KEYSTORE: 'file', FINAGG_NOW: '2026-11-20T12:00:00Z' };
    const run = (...argv: string[]) => runCli(argv, env);
    const cli = async (...argv: string[]) => {
      const r = await run(...argv);
      expect(r.code, `${argv.join(' ')}: ${r.stderr}`).toBe(0);
      return r.stdout.toString();
    };
    await cli('accounts', 'add', '--name', 'Everyday', '--type', 'checking', '--currency', 'USD');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'finagg-split-'));
    const statement = (targetAmount: string) => {
      const file = path.join(dir, `statement-${targetAmount}.ofx`);
      fs.writeFileSync(
        file,
        ofx(
          stmttrn({ FITID: 'T1', DTPOSTED: '20261103', TRNAMT: targetAmount, NAME: 'TARGET 00012345 AUSTIN TX' }) +
            stmttrn({ FITID: 'S1', DTPOSTED: '20261105', TRNAMT: '-60.00', NAME: 'SAFEWAY STORE 1234' }),
        ),
      );
      return file;
    };
    await cli('import', statement('-120.50'), '--account', 'Everyday');
    const target = (JSON.parse(await cli('tx', '--json')) as { id: number; description: string }[]).find((t) =>
      t.description.startsWith('TARGET'),
    )!;
    await cli('tx', 'split', String(target.id), 'groceries=80', 'home-improvement=40.50');
    expect(JSON.parse(await cli('tx', '--review', '--json'))).toEqual([]);
    expect(await cli('tx', '--review')).toBe('no split transactions to review\n');

    // The bank corrects the amount: the parts are kept, the row is marked, the import says so.
    const reimport = await cli('import', statement('-125.00'), '--account', 'Everyday');
    expect(reimport).toMatch(/^1 split transaction no longer sums to its amount \(the bank changed it\): finagg tx --review$/m);
    const review = JSON.parse(await cli('tx', '--review', '--json')) as { id: number; amount: number; splits: unknown }[];
    expect(review).toEqual([
      expect.objectContaining({
        id: target.id,
        amount: -125,
        splits: [
          { category: 'groceries', amount: -80 },
          { category: 'home-improvement', amount: -40.5 },
        ],
      }),
    ]);
    const audit = JSON.parse(await cli('audit', '--tx', String(target.id), '--json')) as {
      field: string;
      old_value: string | null;
      new_value: string | null;
      source: string;
    }[];
    expect(audit).toContainEqual(
      expect.objectContaining({ field: 'amount_cents', old_value: '-12050', new_value: '-12500', source: 'sync' }),
    );

    // Split again to the new amount: counted as parts, nothing left to review.
    await cli('tx', 'split', String(target.id), 'groceries=80', 'home-improvement=45');
    expect(JSON.parse(await cli('tx', '--review', '--json'))).toEqual([]);
    const again = await cli('import', statement('-125.00'), '--account', 'Everyday');
    expect(again).not.toMatch(/tx --review/);
  });

  it('lists parts in tx --json and both CSVs, and counts them in categories', async () => {
    const { cli, target } = await splitHome();
    await cli('tx', 'split', String(target.id), 'groceries=80', 'home-improvement=40.50');
    const listed = JSON.parse(await cli('tx', '--json')) as { id: number; splits: unknown }[];
    expect(listed.find((t) => t.id === target.id)!.splits).toEqual([
      { category: 'groceries', amount: -80 },
      { category: 'home-improvement', amount: -40.5 },
    ]);
    expect(listed.filter((t) => t.id !== target.id).every((t) => t.splits === null)).toBe(true);
    expect(await cli('tx')).toMatch(new RegExp(`^ *${target.id} +2026-11-03 +-\\$120\\.50 +groceries \\(split\\) +Target`, 'm'));

    for (const csv of [await cli('tx', '--csv'), await cli('export', '--format', 'csv')]) {
      const lines = csv.trim().split('\n');
      expect(lines[0]!.split(',').at(-1)).toBe('splits');
      const row = lines.find((l) => l.startsWith(`${target.id},`))!;
      expect(row.endsWith(',"groceries=-80.00,home-improvement=-40.50"')).toBe(true);
      expect(lines.filter((l) => l !== row && l !== lines[0]).every((l) => l.endsWith(','))).toBe(true);
    }

    // Counted once in each part's category: groceries holds Safeway and the Target part,
    // home-improvement the Home Depot row and the other part; home counts both under it.
    const counts = Object.fromEntries(
      (JSON.parse(await cli('categories', '--json')) as { category: string; count: number }[]).map((c) => [c.category, c.count]),
    );
    expect(counts).toMatchObject({ groceries: 2, 'home-improvement': 2, home: 2, food: 2 });
    expect(counts['general-merchandise'] ?? 0).toBe(0);

    // Split within one top-level category, the row is one of food's rows, not two.
    await cli('tx', 'split', String(target.id), 'groceries=80', 'coffee=40.50');
    const within = Object.fromEntries(
      (JSON.parse(await cli('categories', '--json')) as { category: string; count: number }[]).map((c) => [c.category, c.count]),
    );
    expect(within).toMatchObject({ groceries: 2, coffee: 1, food: 2, home: 1 });
  });

  it.for(['hledger', 'ledger'])('exports a split row with a posting per part, which %s reads', async (name, ctx) => {
    const bin = tool(name, ctx)!;
    const { cli, target } = await splitHome();
    await cli('tx', 'split', String(target.id), 'groceries=80', 'home-improvement=40.50');
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'finagg-split-')), 'journal');
    await cli('export', '--format', 'ledger', '--out', file);
    const journal = balances(bin, file);
    expect(journal.get('expenses:food:groceries')).toBe('140.00 USD');
    expect(journal.get('expenses:home:home-improvement')).toBe('70.50 USD');
    expect(journal.has('expenses:shopping:general-merchandise')).toBe(false);
    const json = JSON.parse(await cli('export', '--format', 'json')) as { id: number; splits: unknown }[];
    expect(json.find((t) => t.id === target.id)!.splits).toEqual([
      { category: 'groceries', amount: -80 },
      { category: 'home-improvement', amount: -40.5 },
    ]);
    expect(json.filter((t) => t.id !== target.id).every((t) => t.splits === null)).toBe(true);
  });
});

/** A home with one account and three purchases, two budgets; the Target run is to split. */
async function splitHome() {
  const env = { FINAGG_HOME: freshHome(), FINAGG_KEYSTORE: 'file', FINAGG_NOW: '2026-11-20T12:00:00Z' };
  const run = (...argv: string[]) => runCli(argv, env);
  const cli = async (...argv: string[]) => {
    const r = await run(...argv);
    expect(r.code, `${argv.join(' ')}: ${r.stderr}`).toBe(0);
    return r.stdout.toString();
  };
  await cli('accounts', 'add', '--name', 'Everyday', '--type', 'checking', '--currency', 'USD');
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'finagg-split-')), 'statement.csv');
  fs.writeFileSync(
    file,
    [
      'Date,Description,Amount',
      '2026-11-03,TARGET 00012345 AUSTIN TX,-120.50',
      '2026-11-05,SAFEWAY STORE 1234,-60.00',
      '2026-11-07,THE HOME DEPOT #6543 ATLANTA GA,-30.00',
    ].join('\n') + '\n',
  );
  await cli('import', file, '--account', 'Everyday');
  await cli('budget', 'set', 'groceries', '400');
  await cli('budget', 'set', 'home', '300');
  const rows = JSON.parse(await cli('tx', '--json')) as { id: number; description: string }[];
  const target = rows.find((r) => r.description.startsWith('TARGET'))!;
  return { cli, run, target, home: env.FINAGG_HOME };
}

function stmttrn(fields: Record<string, string>): string {
  return `<STMTTRN><TRNTYPE>DEBIT</TRNTYPE>${Object.entries(fields)
    .map(([k, v]) => `<${k}>${v}</${k}>`)
    .join('')}</STMTTRN>\n`;
}

/** An OFX 2 checking statement holding `transactions`. */
function ofx(transactions: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<?OFX OFXHEADER="200" VERSION="220" SECURITY="NONE" OLDFILEUID="NONE" NEWFILEUID="NONE"?>
<OFX><BANKMSGSRSV1><STMTTRNRS><TRNUID>1</TRNUID><STMTRS><CURDEF>USD</CURDEF>
<BANKACCTFROM><BANKID>121000248</BANKID><ACCTID>4417</ACCTID><ACCTTYPE>CHECKING</ACCTTYPE></BANKACCTFROM>
<BANKTRANLIST><DTSTART>20261101</DTSTART><DTEND>20261120</DTEND>
${transactions}</BANKTRANLIST></STMTRS></STMTTRNRS></BANKMSGSRSV1></OFX>
`;
}
