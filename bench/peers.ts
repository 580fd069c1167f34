import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { categoryAccount, ledgerAccountNames, type LedgerAccount } from '../src/core/export/ledger';
import { builtinTopOf } from '../src/core/categories/taxonomy';
import { moneyFromNumber, parseMoney } from '../src/core/money';
import { fmtMb, fmtMs, fmtN, type Row } from './row';

/**
 * `npm run bench -- --peers`: the home exported as a journal, and ledger and hledger
 * asked what finagg is asked, on the same data in the same run: one category's register
 * against `finagg tx --category`, and every account's balance against `finagg accounts`.
 * Each answer is checked against finagg's before its time counts. A tool that is not
 * installed is skipped with a note, unless FINAGG_REQUIRE_LEDGER_TOOLS=1 (CI) makes it fail.
 */

export interface Measured {
  ms: number;
  rssKb: number;
  stdout: string;
}

export interface PeerInput {
  /** A scratch directory for the journal and the peak-memory file. */
  work: string;
  /** Runs a finagg command on the home, as a separate process. */
  finagg: (argv: string[]) => Measured;
  /** finagg's runs of each query (median time, highest peak); the peers run once (they are slow). */
  runs: number;
  category?: string;
  /** Throw instead of skipping a missing tool. */
  require?: boolean;
}

export interface PeerResult {
  rows: Row[];
  notes: string[];
}

const PEAK_RSS = path.resolve(import.meta.dirname ?? __dirname, '..', 'bench', 'peak-rss.mjs');
const REGISTER_TAIL = 50;

interface TxJson {
  date: string;
  amount: number;
  currency: string;
}
interface AccountJson extends LedgerAccount {
  balance: number;
  currency: string;
}

/** One posting of a register, as `date amount currency` with the amount in minor units. */
type Posting = string;
const posting = (date: string, minor: number | undefined, currency: string): Posting => {
  if (minor === undefined) throw new Error(`not an amount in ${currency} on ${date || 'a balance line'}`);
  return `${date} ${minor} ${currency}`;
};
/** A peer's amount text (`1,234.56`) in the currency's minor units, without a float. */
const minorUnits = (text: string, currency: string) => parseMoney(text, { currency });

export function peerComparisons(input: PeerInput): PeerResult {
  const category = input.category ?? 'groceries';
  const rows: Row[] = [];
  const notes: string[] = [];
  const journal = path.join(input.work, 'home.journal');

  const exported = input.finagg(['export', '--format', 'ledger', '--out', journal]);
  const journalMb = fs.statSync(journal).size / 1024 / 1024;
  rows.push({
    figure: `finagg export --format ledger (${journalMb.toFixed(0)} MB journal)`,
    measured: `${fmtMs(exported.ms)} (${fmtMb(exported.rssKb)} peak)`,
    reference: 'the journal the peers read',
    ratio: null,
    target: 'reported',
    ok: null,
  });

  const txArgv = ['tx', '--category', category, '--limit', String(REGISTER_TAIL)];
  const tx = best(input.runs, () => input.finagg([...txArgv, '--json']));
  const ours = (JSON.parse(tx.stdout) as TxJson[]).map((t) => {
    // The journal's category side of a row is the row's amount negated.
    const amount = moneyFromNumber(t.amount, t.currency);
    return posting(t.date, amount === undefined ? undefined : -amount, t.currency);
  });
  const accountsRun = best(input.runs, () => input.finagg(['accounts', '--json']));
  const accounts = JSON.parse(accountsRun.stdout) as AccountJson[];
  const names = ledgerAccountNames(accounts);
  const expected = new Map(
    accounts.map((a) => [names.get(a.id)!, posting('', moneyFromNumber(a.balance, a.currency), a.currency)]),
  );

  const account = categoryAccount(category, builtinTopOf(category) ?? null);
  const finaggTx = `finagg ${txArgv.join(' ')}: ${fmtMs(tx.ms)} (${fmtMb(tx.rssKb)})`;
  const finaggAccounts = `finagg accounts: ${fmtMs(accountsRun.ms)} (${fmtMb(accountsRun.rssKb)})`;

  for (const name of ['ledger', 'hledger'] as const) {
    if (spawnSync(name, ['--version'], { stdio: 'ignore' }).status !== 0) {
      if (input.require) throw new Error(`${name} is not installed (FINAGG_REQUIRE_LEDGER_TOOLS=1)`);
      notes.push(`${name}: skipped, not installed (apt-get install ${name}); set FINAGG_REQUIRE_LEDGER_TOOLS=1 to fail instead`);
      continue;
    }
    // ledger has --tail; hledger 1.25 has none, so it prints the whole register and the
    // last lines are kept here. Both print plain fields so the answer can be checked.
    const register =
      name === 'ledger'
        ? peer(input.work, name, [
            '-f',
            journal,
            'reg',
            `^${account}$`,
            '--tail',
            String(REGISTER_TAIL),
            '--register-format',
            '%(format_date(date, "%Y-%m-%d"))\t%(quantity(amount))\t%(commodity(amount))\n',
          ])
        : peer(input.work, name, ['-f', journal, 'reg', `^${account}$`, '-O', 'csv']);
    const theirs = name === 'ledger' ? ledgerPostings(register.stdout) : hledgerPostings(register.stdout);
    agree(`${name} reg ^${account}`, ours, theirs.slice(-REGISTER_TAIL));
    rows.push({
      figure: `${name} reg ^${account}$${name === 'ledger' ? ` --tail ${REGISTER_TAIL}` : ` (last ${REGISTER_TAIL} kept)`}`,
      measured: `${fmtMs(register.ms)} (${fmtMb(register.rssKb)} peak)`,
      reference: finaggTx,
      ratio: register.ms / tx.ms,
      target: 'reported (peer / finagg)',
      ok: null,
    });

    const balance = peer(input.work, name, ['-f', journal, 'balance', '--flat', '--no-total']);
    const got = balanceLines(balance.stdout);
    for (const [acct, want] of expected) {
      const have = got.get(acct) ?? posting('', 0, want.split(' ')[2]!);
      if (have !== want) throw new Error(`${name} balance of ${acct} is ${have}, finagg accounts says ${want}`);
    }
    rows.push({
      figure: `${name} balance (${fmtN(expected.size)} accounts)`,
      measured: `${fmtMs(balance.ms)} (${fmtMb(balance.rssKb)} peak)`,
      reference: finaggAccounts,
      ratio: balance.ms / accountsRun.ms,
      target: 'reported (peer / finagg)',
      ok: null,
    });
  }
  return { rows, notes };
}

/** Median time and highest peak of `runs` runs; the stdout of the last. */
function best(runs: number, run: () => Measured): Measured {
  const all = Array.from({ length: Math.max(1, runs) }, run);
  const ms = all.map((r) => r.ms).sort((a, b) => a - b)[Math.floor(all.length / 2)]!;
  return { ms, rssKb: Math.max(...all.map((r) => r.rssKb)), stdout: all[all.length - 1]!.stdout };
}

/** A peer run once under bench/peak-rss.mjs, which notes its peak memory. */
function peer(work: string, tool: string, argv: string[]): Measured {
  const rssFile = path.join(work, 'peer-rss');
  const start = performance.now();
  const r = spawnSync(process.execPath, [PEAK_RSS, rssFile, tool, ...argv], { encoding: 'utf8', maxBuffer: 1 << 30 });
  const ms = performance.now() - start;
  if (r.status !== 0) throw new Error(`${tool} ${argv.join(' ')} exited ${r.status}: ${r.stderr}`);
  return { ms, rssKb: Number(fs.readFileSync(rssFile, 'utf8')), stdout: r.stdout };
}

function ledgerPostings(stdout: string): Posting[] {
  return stdout
    .split('\n')
    .filter(Boolean)
    .map((line) => {
      const [date, quantity, commodity] = line.split('\t');
      return posting(date!, minorUnits(quantity!, commodity!), commodity!);
    });
}

function hledgerPostings(stdout: string): Posting[] {
  // "txnidx","date","code","description","account","amount","total"; finagg's fields
  // never hold a double quote unescaped, and the amount is the sixth.
  return stdout
    .split('\n')
    .slice(1)
    .filter(Boolean)
    .map((line) => {
      const fields = [...line.matchAll(/"((?:[^"]|"")*)"/g)].map((m) => m[1]!);
      const [quantity, commodity] = fields[5]!.split(' ');
      return posting(fields[1]!, minorUnits(quantity!, commodity!), commodity!);
    });
}

function balanceLines(stdout: string): Map<string, Posting> {
  const map = new Map<string, Posting>();
  for (const line of stdout.split('\n')) {
    const m = /^\s*(-?[\d,]+(?:\.\d+)?) ([A-Z]{3})\s+(\S.*)$/.exec(line);
    if (m) map.set(m[3]!.trim(), posting('', minorUnits(m[1]!, m[2]!), m[2]!));
  }
  return map;
}

/**
 * The last postings of a register and finagg's newest rows are the same rows: finagg's
 * are newest first and a peer's oldest first, and within a day the two may order rows
 * differently, so the oldest day (which either may cut part way) is compared by date only.
 */
export function agree(what: string, ours: Posting[], theirs: Posting[]): void {
  if (ours.length !== theirs.length) throw new Error(`${what}: ${theirs.length} postings, finagg has ${ours.length}`);
  if (ours.length === 0) return;
  const day = (p: Posting) => p.split(' ')[0]!;
  const oldest = [...ours].map(day).sort()[0]!;
  const key = (ps: Posting[]) =>
    ps
      .filter((p) => day(p) > oldest)
      .sort()
      .join('\n');
  if (key(ours) !== key(theirs) || [...theirs].map(day).sort()[0] !== oldest)
    throw new Error(`${what}: its last ${theirs.length} postings are not finagg's newest rows`);
}
