import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { BATCH_RECORDS } from '../../src/app/ingest';
import { freshHome, runCli, type CliResult } from '../helpers/cli';

/**
 * Every fault the simulated banks can inject, through the CLI: a home synced cleanly at
 * T0 syncs again at T1 (three days later, so there is new data) with the fault set, then
 * once more without it. Each step is checked against a reference home that saw the same
 * syncs without any fault: what the user sees never changes wrongly, a failure is told
 * in sync-log and connections as sync.ts intends, and the clean sync converges.
 */

const DAY = 86_400_000;
// In the household's summer stay in Berlin, when BankC's Girokonto is busy too.
const T0 = Date.parse('2026-08-02T18:00:00Z');
const T1 = T0 + 3 * DAY;
const iso = (ms: number) => new Date(ms).toISOString();
const ALL_BANKS = ['banka', 'bankb', 'bankc'] as const;
type Bank = (typeof ALL_BANKS)[number];

/** Small histories: the transient faults retry through the fixed clock, so they cost nothing. */
const SMALL = { FINAGG_SEED: '7', FINAGG_KEYSTORE: 'file', FINAGG_SIM_HISTORY_DAYS: '30', FINAGG_SIM_DAILY: '35' };
/**
 * Enough per account (over 5,000 records in a full window) for a sync to commit a batch of
 * pages and then fail. Seed 1 with timeouts at 0.45 makes one account fail within its first
 * batch and another after it (the precondition is checked below: a change in the simulated
 * banks may call for another seed).
 */
const LARGE = { ...SMALL, FINAGG_SEED: '1', FINAGG_SIM_DAILY: '1000' };

/** Every column of a transaction that a person sees (and the bank's id, to match rows across homes). */
interface TxRow {
  id: number;
  account_id: number;
  provider_txn_id: string;
  date: string;
  amount_cents: number;
  description: string;
  merchant: string | null;
  category: string;
  pending: number;
  removed: number;
  note: string | null;
}

interface AccountRow {
  id: number;
  provider: Bank;
  sync_cursor: string | null;
  synced_through: string | null;
}

interface QuarantineRow {
  account_id: number;
  sync_run_id: number;
  provider: string;
  raw: string;
  reason: string;
}

interface State {
  rows: TxRow[];
  accounts: AccountRow[];
  quarantine: QuarantineRow[];
  /** Rows stored twice: by the bank's id, and by content hash (which carries the occurrence). */
  duplicateIds: number;
  duplicateHashes: number;
}

interface RunJson {
  id: number;
  account_id: number;
  status: 'success' | 'partial' | 'failed' | 'skipped';
  fetched: number;
  inserted: number;
  deduplicated: number;
  rejected: number;
  error: string | null;
}

interface ConnectionJson {
  provider: Bank;
  status: string;
  last_error: string | null;
}

function readState(home: string): State {
  const db = new Database(path.join(home, 'finagg.db'), { readonly: true });
  try {
    const rows = db
      .prepare(
        `SELECT id, account_id, provider_txn_id, date, amount_cents, description, merchant, category, pending, removed, note
         FROM transactions ORDER BY id`,
      )
      .all() as TxRow[];
    const accounts = db
      .prepare('SELECT id, provider, sync_cursor, synced_through FROM accounts ORDER BY id')
      .all() as AccountRow[];
    const quarantine = db
      .prepare('SELECT account_id, sync_run_id, provider, raw, reason FROM quarantine ORDER BY id')
      .all() as QuarantineRow[];
    const count = (sql: string) => (db.prepare(sql).get() as { n: number }).n;
    return {
      rows,
      accounts,
      quarantine,
      duplicateIds: count('SELECT count(*) - count(DISTINCT account_id || char(31) || provider_txn_id) AS n FROM transactions'),
      duplicateHashes: count(
        'SELECT count(*) AS n FROM (SELECT 1 FROM transactions GROUP BY account_id, content_hash HAVING count(*) > 1)',
      ),
    };
  } finally {
    db.close();
  }
}

/** A row without its local id: rows of two homes are matched by the bank's id. */
const content = ({ id: _id, ...rest }: TxRow) => rest;
const byBankId = (rows: TxRow[]) => rows.map(content).sort((a, b) => key(a).localeCompare(key(b)));
const key = (r: { account_id: number; provider_txn_id: string }) => `${r.account_id}|${r.provider_txn_id}`;
const ofAccount = (rows: TxRow[], accountId: number) => rows.filter((r) => r.account_id === accountId);

class Home {
  readonly home = freshHome();
  constructor(readonly config: Record<string, string>) {}

  cli(atMs: number, env: Record<string, string>, ...argv: string[]): Promise<CliResult> {
    return runCli(argv, { ...this.config, ...env, FINAGG_HOME: this.home, FINAGG_NOW: iso(atMs) });
  }

  async syncJson(atMs: number, env: Record<string, string>, ...flags: string[]) {
    const r = await this.cli(atMs, env, 'sync', '--json', ...flags);
    expect(r.stdout, r.stderr).not.toBe('');
    return { ...r, runs: JSON.parse(r.stdout).runs as RunJson[] };
  }

  state(): State {
    return readState(this.home);
  }
}

/**
 * Links the banks and syncs cleanly at T0, then edits one row per bank (category and
 * note) inside the window the next sync fetches again: a fault must not undo a person's edit.
 */
async function syncedHome(banks: readonly Bank[], config: Record<string, string>): Promise<Home> {
  const h = new Home(config);
  for (const bank of banks) expect((await h.cli(T0, {}, 'link', bank, '--yes', '--no-sync')).code).toBe(0);
  const first = await h.syncJson(T0, {});
  expect(first.code, first.stderr).toBe(0);
  expect(first.runs.every((r) => r.status === 'success')).toBe(true);
  const { rows, accounts } = h.state();
  for (const bank of banks) {
    const account = accounts.find((a) => a.provider === bank)!;
    const edited = ofAccount(rows, account.id)
      .filter((r) => r.pending === 0)
      .at(-1)!;
    const r = await h.cli(
      T0,
      {},
      'tx',
      'edit',
      String(edited.id),
      '--category',
      'dining',
      '--note',
      `kept through faults ${bank}`,
    );
    expect(r.code, r.stderr).toBe(0);
  }
  return h;
}

/** The same home without any fault: synced at T0 and at T1. Built once per bank set and size. */
const references = new Map<string, Promise<{ before: State; after: State }>>();
function reference(banks: readonly Bank[], config: Record<string, string>) {
  const id = `${banks.join(',')}|${JSON.stringify(config)}`;
  let found = references.get(id);
  if (!found) {
    found = (async () => {
      const h = await syncedHome(banks, config);
      const before = h.state();
      const r = await h.syncJson(T1, {});
      expect(r.code, r.stderr).toBe(0);
      expect(r.runs.every((x) => x.status === 'success')).toBe(true);
      return { before, after: h.state() };
    })();
    references.set(id, found);
  }
  return found;
}

interface FaultCase {
  name: string;
  faults: string;
  banks?: readonly Bank[];
  config?: Record<string, string>;
  /** Flags of the faulted sync. */
  flags?: string[];
  /** The status each bank's accounts end with. */
  expect: Partial<Record<Bank, 'success' | 'partial' | 'failed' | 'relink'>>;
  /** What the error of a failed run says. */
  error?: RegExp;
  extra?: (ctx: CaseContext) => Promise<void> | void;
}

interface CaseContext {
  home: Home;
  before: State;
  after: State;
  ref: { before: State; after: State };
  runs: RunJson[];
}

const CASES: FaultCase[] = [
  {
    name: 'rate_limited at one bank: retried 4 times, then that bank fails and the others sync',
    faults: 'rate_limited@bankb',
    expect: { banka: 'success', bankb: 'failed', bankc: 'success' },
    error: /^BankB \(US online bank\) kept refusing: too many requests \(tried 4 times\)$/,
  },
  {
    name: 'timeout at every bank: every account fails and sync exits 1',
    faults: 'timeout',
    expect: { banka: 'failed', bankb: 'failed', bankc: 'failed' },
    error: /^Bank[ABC] \(.*\) did not answer \(tried 4 times\)$/,
  },
  {
    name: 'institution_down at one bank',
    faults: 'institution_down@bankc',
    expect: { banka: 'success', bankb: 'success', bankc: 'failed' },
    error: /^BankC \(European bank\) is down \(tried 4 times\)$/,
  },
  {
    name: 'login_required: the connection needs a relink, its other accounts are skipped',
    faults: 'login_required@banka',
    expect: { banka: 'relink', bankb: 'success', bankc: 'success' },
    error: /^BankA \(US retail bank\) asks you to log in again: finagg link banka$/,
    async extra({ home, after }) {
      // A later sync skips the bank without asking it.
      const skipped = await home.syncJson(T1, {}, '--connection', 'banka');
      expect(skipped.code).toBe(1);
      expect(skipped.runs.map((r) => r.status)).toEqual(['skipped', 'skipped', 'skipped']);
      // A relink whose login fails (invalid_credentials) changes nothing: still needs_relink.
      const relink = await home.cli(
        T1,
        { FINAGG_SIM_FAULTS: 'invalid_credentials@banka' },
        'link',
        'banka',
        '--yes',
        '--no-sync',
      );
      expect(relink.code).toBe(1);
      expect(relink.stderr).toMatch(/^finagg: BankA \(US retail bank\) did not accept the login \(check your credentials/);
      expect(home.state()).toEqual(after);
      const connections = JSON.parse((await home.cli(T1, {}, 'connections', '--json')).stdout) as ConnectionJson[];
      expect(connections[0]).toMatchObject({ provider: 'banka', status: 'needs_relink' });
    },
  },
  {
    name: 'invalid_credentials: only a login fails (link), a sync with stored tokens is unaffected',
    faults: 'invalid_credentials',
    expect: { banka: 'success', bankb: 'success', bankc: 'success' },
    async extra() {
      // Linking a bank is where it bites: refused, exit 1, nothing linked.
      const fresh = new Home(SMALL);
      const link = await fresh.cli(T1, { FINAGG_SIM_FAULTS: 'invalid_credentials@bankb' }, 'link', 'bankb', '--yes', '--json');
      expect(link.code).toBe(1);
      expect(link.stderr).toMatch(/^finagg: BankB \(US online bank\) did not accept the login \(check your credentials/);
      expect(JSON.parse(link.stdout)).toMatchObject({ error: { code: 'provider_error' } });
      expect(JSON.parse((await fresh.cli(T1, {}, 'connections', '--json')).stdout)).toEqual([]);
    },
  },
  {
    name: 'malformed records (5%): quarantined with a reason, the rest of each page stored',
    faults: 'malformed:0.05',
    expect: { banka: 'partial', bankb: 'partial', bankc: 'partial' },
    extra({ before, after, runs }) {
      const rejected = runs.reduce((n, r) => n + r.rejected, 0);
      expect(rejected).toBeGreaterThan(0);
      expect(runs.reduce((n, r) => n + r.inserted, 0)).toBeGreaterThan(0);
      const added = after.quarantine.slice(before.quarantine.length);
      expect(added).toHaveLength(rejected);
      for (const run of runs) {
        const mine = added.filter((q) => q.sync_run_id === run.id);
        expect(mine).toHaveLength(run.rejected);
        for (const q of mine) {
          expect(q.account_id).toBe(run.account_id);
          expect(q.reason).toMatch(/^[\w.[\]]+: .{5,}/); // the field, and what is wrong with it
          expect(() => JSON.parse(q.raw)).not.toThrow();
        }
        // The rest of the page was stored: fetched counts every record, rejected ones included.
        expect(run.fetched).toBeGreaterThan(run.rejected);
        // (A savings account may have nothing new in three days.)
        if (run.rejected > 0) expect(run.inserted + run.deduplicated).toBeGreaterThan(0);
        // The cursor and the window stay before the rejected records: the next sync fetches them again.
        if (run.status === 'partial') {
          const account = (s: State) => s.accounts.find((a) => a.id === run.account_id);
          expect(account(after)).toEqual(account(before));
        }
      }
    },
  },
  {
    name: 'a page that fails halfway (timeouts at random): a committed batch stays, the rest waits',
    faults: 'timeout:0.45',
    banks: ['banka'],
    config: LARGE,
    flags: ['--full'],
    expect: {},
    error: /^BankA \(US retail bank\) did not answer \(tried 4 times\)$/,
    extra({ runs, before, after }) {
      // Some account failed after its first batch of pages was stored.
      const halfway = runs.filter((r) => r.status === 'failed' && r.fetched > 0);
      expect(halfway.length, JSON.stringify(runs)).toBeGreaterThan(0);
      for (const run of halfway) {
        const cursorBefore = before.accounts.find((a) => a.id === run.account_id)!;
        const cursorAfter = after.accounts.find((a) => a.id === run.account_id)!;
        // Exactly the committed batches were applied, and the cursor moved with them, into the window.
        expect(run.fetched % BATCH_RECORDS).toBe(0);
        expect(cursorAfter.sync_cursor).toMatch(/^banka:1:1970-01-01:\d+$/);
        expect(cursorAfter.synced_through).toBe(cursorBefore.synced_through);
      }
    },
  },
];

describe('sync under every simulated fault', () => {
  it.each(CASES)('$name', async (c) => {
    const banks = c.banks ?? ALL_BANKS;
    const config = c.config ?? SMALL;
    const [home, ref] = await Promise.all([syncedHome(banks, config), reference(banks, config)]);
    const before = home.state();
    // Both homes hold exactly the same before the fault: the comparisons below are fair.
    expect(before).toEqual(ref.before);

    const faulted = await home.syncJson(T1, { FINAGG_SIM_FAULTS: c.faults }, ...(c.flags ?? []));
    const { runs } = faulted;
    const after = home.state();
    const bankOf = (accountId: number) => before.accounts.find((a) => a.id === accountId)!.provider;

    // The statuses the case intends, bank by bank.
    for (const bank of banks) {
      const mine = runs.filter((r) => bankOf(r.account_id) === bank).map((r) => r.status);
      expect(mine.length).toBe(before.accounts.filter((a) => a.provider === bank).length);
      const wanted = c.expect[bank];
      if (wanted === 'relink') expect(mine).toEqual(['failed', ...mine.slice(1).map(() => 'skipped')]);
      else if (wanted === 'partial')
        expect(mine.every((s) => s === 'partial' || s === 'success') && mine.includes('partial'), `${bank}: ${mine}`).toBe(true);
      else if (wanted !== undefined) expect(mine.every((s) => s === wanted)).toBe(true);
    }
    for (const run of runs) {
      if (run.status === 'failed' || run.status === 'skipped') expect(run.error).toMatch(c.error!);
      else expect(run.error).toBeNull();
    }

    // Exit 1 only when every account failed; the reason is on stderr, one line.
    const allFailed = runs.every((r) => r.status === 'failed' || r.status === 'skipped');
    expect(faulted.code).toBe(allFailed ? 1 : 0);
    if (allFailed) {
      expect(faulted.stderr).toMatch(/^finagg: no account could be synced: .*\n$/);
      // stdout is still one JSON document: the runs, and the error.
      expect(JSON.parse(faulted.stdout).error).toMatchObject({
        code: 'provider_error',
        message: expect.stringMatching(/^no account could be synced: /),
      });
    }

    // sync-log tells the same runs, newest first, with their errors.
    const log = JSON.parse((await home.cli(T1, {}, 'sync-log', '--json', '--limit', '1000')).stdout) as RunJson[];
    const pick = (r: RunJson) => ({ id: r.id, account_id: r.account_id, status: r.status, error: r.error, rejected: r.rejected });
    expect(log.slice(0, runs.length).reverse().map(pick)).toEqual(runs.map(pick));

    // connections: needs_relink for a login, error with the run's reason for a failure, else active.
    const connections = JSON.parse((await home.cli(T1, {}, 'connections', '--json')).stdout) as ConnectionJson[];
    for (const bank of banks) {
      const connection = connections.find((x) => x.provider === bank)!;
      const failed = runs.find((r) => bankOf(r.account_id) === bank && r.status === 'failed');
      if (c.expect[bank] === 'relink')
        expect(connection).toMatchObject({ status: 'needs_relink', last_error: expect.stringMatching(/log in again/) });
      else if (failed) expect(connection).toMatchObject({ status: 'error', last_error: failed.error });
      else expect(connection).toMatchObject({ status: 'active', last_error: null });
    }

    // Stored data: nothing twice, and every account as its run allows.
    expect(after.duplicateIds).toBe(0);
    expect(after.duplicateHashes).toBe(0);
    if (!c.faults.startsWith('malformed')) expect(after.quarantine).toEqual(before.quarantine);
    const lastBefore = before.rows.at(-1)!.id;
    for (const account of before.accounts) {
      const run = runs.find((r) => r.account_id === account.id)!;
      const was = ofAccount(before.rows, account.id);
      const now = ofAccount(after.rows, account.id);
      const cursorNow = after.accounts.find((a) => a.id === account.id)!;
      const refRows = ofAccount(ref.after.rows, account.id);
      const refCursor = ref.after.accounts.find((a) => a.id === account.id)!;
      if (run.status === 'success') {
        // As if there had been no fault at all.
        expect(byBankId(now)).toEqual(byBankId(refRows));
        expect(now.filter((r) => r.id <= lastBefore)).toEqual(refRows.filter((r) => r.id <= lastBefore));
        expect(cursorNow).toEqual(refCursor);
      } else if (run.fetched === 0) {
        // Failed or skipped before anything was applied: untouched, cursor where it was.
        expect(now).toEqual(was);
        expect(cursorNow).toEqual(account);
      } else {
        // Some of the window was applied (a partial page set, or a batch before a failure):
        // each row is as it was, or as the clean sync made it; new rows are real ones.
        const refById = new Map(refRows.map((r) => [r.id, r]));
        const refByKey = new Map(refRows.map((r) => [key(r), content(r)]));
        const wasById = new Map(was.map((r) => [r.id, r]));
        let stale = 0;
        for (const row of now) {
          if (row.id <= lastBefore) {
            const clean = refById.get(row.id);
            if (clean !== undefined && JSON.stringify(row) === JSON.stringify(clean)) continue;
            expect(row).toEqual(wasById.get(row.id));
            // A pending row may wait, as it was, for a posting the next sync brings surely
            // (a held run does not guess which pending row a posting settles, nor remove one).
            if (!(run.status === 'partial' && row.pending === 1)) stale++;
          } else expect(content(row)).toEqual(refByKey.get(key(row)));
        }
        const missing = refRows.filter((r) => r.id > lastBefore).length - now.filter((r) => r.id > lastBefore).length;
        expect(missing).toBeGreaterThanOrEqual(0);
        if (run.status === 'partial') expect(stale + missing).toBeLessThanOrEqual(run.rejected);
      }
    }
    await c.extra?.({ home, before, after, ref, runs });

    // Without the fault, the home converges on the clean one.
    if (Object.values(c.expect).includes('relink')) {
      for (const bank of banks.filter((b) => c.expect[b] === 'relink')) {
        expect((await home.cli(T1, {}, 'link', bank, '--yes', '--no-sync')).code).toBe(0);
      }
    }
    const clean = await home.syncJson(T1, {});
    expect(clean.code, clean.stderr).toBe(0);
    expect(clean.runs.map((r) => r.status)).toEqual(clean.runs.map(() => 'success'));
    const converged = home.state();
    expect(converged.duplicateIds).toBe(0);
    expect(converged.duplicateHashes).toBe(0);
    expect(byBankId(converged.rows)).toEqual(byBankId(ref.after.rows));
    expect(converged.rows.length).toBeGreaterThan(before.rows.length);
    // The person's edits went through the fault and the resync untouched.
    const edited = converged.rows.filter((r) => r.note?.startsWith('kept through faults'));
    expect(edited.map((r) => `${r.category}:${r.note}`)).toEqual(banks.map((b) => `dining:kept through faults ${b}`));
    const healthy = JSON.parse((await home.cli(T1, {}, 'connections', '--json')).stdout) as ConnectionJson[];
    expect(healthy.map((x) => `${x.provider}:${x.status}:${x.last_error}`)).toEqual(banks.map((b) => `${b}:active:null`));
  });
});

describe('records rejected as malformed', () => {
  it('are fetched again by the next sync, even from a first sync beyond the overlap window', async () => {
    const plain = async (faults: string | undefined) => {
      const h = new Home(SMALL);
      for (const bank of ALL_BANKS) expect((await h.cli(T0, {}, 'link', bank, '--yes', '--no-sync')).code).toBe(0);
      const first = await h.syncJson(T0, faults === undefined ? {} : { FINAGG_SIM_FAULTS: faults });
      expect(first.code, first.stderr).toBe(0);
      return { h, first };
    };
    const [clean, faulted] = await Promise.all([plain(undefined), plain('malformed:0.05')]);
    const { runs } = faulted.first;
    expect(runs.every((r) => (r.status === 'partial') === r.rejected > 0 && r.status !== 'failed')).toBe(true);
    expect(runs.filter((r) => r.status === 'partial').length).toBeGreaterThanOrEqual(5);
    const rejected = runs.reduce((n, r) => n + r.rejected, 0);
    expect(faulted.h.state().rows.length).toBe(clean.h.state().rows.length - rejected);
    // A partial account's next window reaches back to the first day again, not only 10 days.
    for (const account of faulted.h.state().accounts) {
      const partial = runs.find((r) => r.account_id === account.id)!.status === 'partial';
      expect(account.synced_through).toBe(partial ? null : iso(T0).slice(0, 10));
    }
    // Two hours later, so that no record has left the banks' 30-day history meanwhile.
    for (const { h } of [clean, faulted]) {
      const r = await h.syncJson(T0 + 2 * 3_600_000, {});
      expect(r.code, r.stderr).toBe(0);
      expect(
        r.runs.every((x) => x.status === 'success'),
        JSON.stringify(r.runs),
      ).toBe(true);
    }
    expect(byBankId(faulted.h.state().rows)).toEqual(byBankId(clean.h.state().rows));
    expect(faulted.h.state().accounts).toEqual(clean.h.state().accounts);
  });
});
