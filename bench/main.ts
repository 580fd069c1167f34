import { spawnSync } from 'node:child_process';
import Database from 'better-sqlite3';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { BATCH_RECORDS } from '../src/app/ingest';
import { pairFromScratch } from './pairing';
import { forgetStreams, refreshAfterRows } from './streams';
import { benchCategorize } from './categorize';
import { referenceInsert } from './reference-insert';
import { writeStatementCsv } from './statement-csv';
import { fmtMs, fmtN, type Row } from './row';
import { peerComparisons } from './peers';
import { describeStages, featureCosts, lastStages, type StageTimes } from './stages';
import { daemonRounds } from './daemon-rounds';
import { transactionBytes } from './index-bytes';

/**
 * `npm run bench`: builds a history through the simulated banks, measures whole commands
 * and stages, and prints every figure beside the reference it is measured against in
 * the same run (these machines are noisy: ratios, not absolute times).
 */

const args = process.argv.slice(2);
const quick = args.includes('--quick');
const json = args.includes('--json');
const withPeers = args.includes('--peers');
// FINAGG_SIM_DAILY is the household's everyday purchases a day (household.ts): 243 gives
// about a million transactions in ten years (recurring life and transfers on top).
const scale = quick ? { days: 365, daily: 70 } : { days: 3650, daily: 243 };
const root = path.resolve(import.meta.dirname ?? __dirname, '..');
const bin = path.join(root, 'bin', 'finagg.js');
const runCli = path.join(root, 'bench', 'run-cli.cjs');
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'finagg-bench-'));
const home = path.join(work, 'home');
const env = {
  ...process.env,
  FINAGG_HOME: home,
  FINAGG_KEYSTORE: 'file',
  FINAGG_SEED: '42',
  FINAGG_NOW: '2026-11-23T12:00:00Z',
  FINAGG_SIM_HISTORY_DAYS: String(scale.days),
  FINAGG_SIM_DAILY: String(scale.daily),
  NO_COLOR: '1',
  // Each sync logs where its time went (sync.stages); bench/stages.ts reads it back.
  FINAGG_DEBUG: '1',
};

const log = (text: string) => {
  if (!json) process.stderr.write(`${text}\n`);
};

/** Runs the CLI as a separate process; returns wall time, peak RSS (KB) and stdout. */
function cli(argv: string[], extraEnv: NodeJS.ProcessEnv = {}): { ms: number; rssKb: number; stdout: string } {
  const rssFile = path.join(work, 'rss');
  const start = performance.now();
  const r = spawnSync(process.execPath, [runCli, ...argv], {
    env: { ...env, ...extraEnv, FINAGG_BENCH_RSS_FILE: rssFile },
    encoding: 'utf8',
    maxBuffer: 1 << 30,
  });
  const ms = performance.now() - start;
  if (r.status !== 0) throw new Error(`finagg ${argv.join(' ')} exited ${r.status}: ${r.stderr}`);
  return { ms, rssKb: Number(fs.readFileSync(rssFile, 'utf8')), stdout: r.stdout };
}

/** Median wall time of a command and of `node -e 0`, interleaved so noise hits both. */
function versusNode(argv: string[], runs: number): { ms: number; nodeMs: number } {
  const time = (a: string[]) => {
    const start = performance.now();
    const r = spawnSync(process.execPath, a, { env, stdio: 'ignore' });
    if (r.status !== 0) throw new Error(`${a.join(' ')} exited ${r.status}`);
    return performance.now() - start;
  };
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  time(['-e', '0']);
  time([bin, ...argv]);
  const node: number[] = [];
  const finagg: number[] = [];
  for (let i = 0; i < runs; i++) {
    node.push(time(['-e', '0']));
    finagg.push(time([bin, ...argv]));
  }
  return { ms: median(finagg), nodeMs: median(node) };
}

/**
 * `finagg dash` drawing its first frame on the million-row home and leaving at once
 * (FINAGG_DASH_EXIT_AFTER_FIRST_FRAME=1), median of `runs`: the time from process start
 * to the frame on stdout (bench/first-frame.cjs notes it), and the whole run beside it.
 * Checks that the frame really holds the panels.
 */
function firstFrame(runs: number): { ms: number; wallMs: number; nodeMs: number } {
  const frameFile = path.join(work, 'first-frame');
  const frameEnv = {
    ...env,
    FINAGG_DASH_EXIT_AFTER_FIRST_FRAME: '1',
    FINAGG_BENCH_FRAME_FILE: frameFile,
    // A terminal has a size; a pipe has none, and Ink would run `tput` to guess one.
    COLUMNS: '80',
    LINES: '24',
  };
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  const once = (a: string[], e: NodeJS.ProcessEnv) => {
    const start = performance.now();
    const r = spawnSync(process.execPath, a, { env: e, encoding: 'utf8', maxBuffer: 1 << 26 });
    const ms = performance.now() - start;
    if (r.status !== 0) throw new Error(`${a.join(' ')} exited ${r.status}: ${r.stderr}`);
    return { ms, stdout: r.stdout };
  };
  const script = path.join(root, 'bench', 'first-frame.cjs');
  const check = once([script, 'dash'], frameEnv);
  for (const panel of ['Accounts', 'Budgets', 'Transactions · 1', 'Anomalies', 'Spending this month'])
    if (!check.stdout.includes(panel)) throw new Error(`the first frame lacks ${panel}:\n${check.stdout}`);
  const node: number[] = [];
  const wall: number[] = [];
  const frame: number[] = [];
  for (let i = 0; i < runs; i++) {
    node.push(once(['-e', '0'], env).ms);
    wall.push(once([script, 'dash'], frameEnv).ms);
    frame.push(Number(fs.readFileSync(frameFile, 'utf8')));
  }
  if (frame.some((ms) => !(ms > 0))) throw new Error('the dashboard drew no frame');
  return { ms: median(frame), wallMs: median(wall), nodeMs: median(node) };
}

/** The database file's size after a checkpoint folds the write-ahead log into it. */
function databaseBytes(file: string): number {
  const db = new Database(file);
  try {
    db.pragma('wal_checkpoint(TRUNCATE)');
  } finally {
    db.close();
  }
  return fs.statSync(file).size;
}

const rows: Row[] = [];
/** Each sync's stages, and what each round-2 feature adds to it (bench/stages.ts). */
const syncStages: { sync: string; ms: number; stages: StageTimes }[] = [];

// The cores this run had: the sync's worker uses a second one when there is one.
const cores = os.availableParallelism();
log(
  `finagg bench (${quick ? 'quick' : 'full'}): ${scale.days} days x ${scale.daily} everyday purchases a day (the household), ${cores} cores, in ${work}`,
);
/**
 * A first sync of the whole history into `dir` (the three banks linked there first), then
 * the bare insert of the rows it stored (reference-insert.ts), one right after the other.
 */
function firstSyncPair(dir: string, reference: string) {
  const at = { FINAGG_HOME: dir };
  for (const bank of ['banka', 'bankb', 'bankc']) cli(['link', bank, '--yes', '--no-sync'], at);
  const sync = cli(['sync', '--json'], at);
  const stages = lastStages(dir);
  const bare = referenceInsert(path.join(dir, 'finagg.db'), reference, BATCH_RECORDS);
  fs.rmSync(reference, { recursive: true, force: true });
  return { sync, stages, bare, ratio: bare.ms / sync.ms };
}

// This machine's speed drifts by a fifth within minutes, and a sync and its reference run
// half a minute apart: the full bench runs three pairs in turn and takes the median pair.
// The first pair's home is the one every later figure uses; the others are removed.
const PAIRS = quick ? 1 : 3;
log(
  `sync: first sync of the whole history, then bare prepared inserts of the same rows into the same schema (${BATCH_RECORDS} per transaction, as the sync commits); ${PAIRS} ${PAIRS === 1 ? 'pair' : 'pairs in turn'}...`,
);
const pairs = [];
for (let i = 0; i < PAIRS; i++) {
  const dir = i === 0 ? home : path.join(work, `pair-${i}`);
  pairs.push(firstSyncPair(dir, path.join(work, 'reference')));
  if (i > 0) fs.rmSync(dir, { recursive: true, force: true });
}
const byRatio = [...pairs].sort((a, b) => a.ratio - b.ratio);
const middle = byRatio[Math.floor(byRatio.length / 2)]!;
const first = middle.sync;
const reference = middle.bare;
syncStages.push({ sync: 'first sync', ms: first.ms, stages: middle.stages });
const firstRuns = JSON.parse(first.stdout).runs as { inserted: number; fetched: number }[];
const inserted = firstRuns.reduce((n, r) => n + r.inserted, 0);
const peakKb = Math.max(...pairs.map((p) => p.sync.rssKb));
const ingestRatio = middle.ratio;
const eachPair =
  pairs.length === 1 ? '' : `; median of ${pairs.length} pairs: ${pairs.map((p) => `${p.ratio.toFixed(2)}x`).join(', ')}`;
rows.push({
  figure: `first sync, end to end (${fmtN(inserted)} transactions, ${cores} cores${eachPair})`,
  measured: `${fmtMs(first.ms)} (${fmtN((inserted / first.ms) * 1000)}/s)`,
  reference: `bare insert ${fmtMs(reference.ms)} (${fmtN((reference.rows / reference.ms) * 1000)}/s)`,
  ratio: ingestRatio,
  target: '>= 0.85x bare insert speed',
  ok: ingestRatio >= 0.85,
});
rows.push({
  figure: `peak memory of that sync${pairs.length === 1 ? '' : ` (the highest of the ${pairs.length})`}`,
  measured: `${fmtN(peakKb / 1024)} MB`,
  reference: '300 MB',
  ratio: peakKb / 1024 / 300,
  target: '< 300 MB',
  ok: peakKb / 1024 < 300,
});

// What a lifetime of rows costs on disk: the backup file (packed, as a person keeps it)
// per transaction, and the live file beside it; then each index's share (bench/index-bytes.ts).
const liveBytes = databaseBytes(path.join(home, 'finagg.db'));
const backupFile = path.join(work, 'backup.db');
cli(['backup', '--out', backupFile]);
const bytes = fs.statSync(backupFile).size;
rows.push({
  figure: `database bytes a transaction: backup file / rows (${fmtN(inserted)} transactions)`,
  measured: `${fmtN(bytes / inserted)} (${fmtN(bytes / 1024 / 1024)} MB)`,
  reference: `live file ${fmtN(liveBytes / inserted)} (${fmtN(liveBytes / 1024 / 1024)} MB)`,
  ratio: bytes / inserted / 330,
  target: '<= 330 bytes a transaction',
  ok: bytes / inserted <= 330,
});
const tableParts = transactionBytes(backupFile, inserted);
fs.rmSync(backupFile, { force: true });

log('sync --full over data already stored...');
const full = cli(['sync', '--full', '--json']);
syncStages.push({ sync: 'sync --full', ms: full.ms, stages: lastStages(home) });
const fullRuns = JSON.parse(full.stdout).runs as { fetched: number; inserted: number }[];
const fetched = fullRuns.reduce((n, r) => n + r.fetched, 0);
const fullRate = (fetched / full.ms) * 1000;
rows.push({
  figure: `sync --full, all ${fmtN(fetched)} already stored`,
  measured: `${fmtMs(full.ms)} (${fmtN(fullRate)}/s)`,
  reference: '100,000/s',
  ratio: fullRate / 100_000,
  target: '>= 100,000 transactions/s',
  ok: fullRate >= 100_000,
});

// The daemon's everyday job: the next morning's sync, a day of new rows on the whole history.
log("sync: the next day's incremental sync...");
// The home as the day's sync finds it, for the same sync again with its code loaded first (below).
const dayHome = path.join(work, 'day-home');
fs.cpSync(home, dayHome, { recursive: true });
const nextDay = cli(['sync', '--json'], { FINAGG_NOW: '2026-11-24T12:00:00Z' });
syncStages.push({ sync: "a day's sync", ms: nextDay.ms, stages: lastStages(home) });
const dayInserted = (JSON.parse(nextDay.stdout).runs as { inserted: number }[]).reduce((n, r) => n + r.inserted, 0);
rows.push({
  figure: `one day's cold sync (${fmtN(dayInserted)} new rows on the whole history)`,
  measured: `${fmtMs(nextDay.ms)} (${fmtN(nextDay.rssKb / 1024)} MB peak)`,
  reference: '0.6 s, 150 MB',
  ratio: nextDay.ms / 600,
  target: '< 0.6 s and < 150 MB',
  ok: nextDay.ms < 600 && nextDay.rssKb / 1024 < 150,
});
// What a cold sync costs before it has a row to store: the same clock again, so every
// bank answers with nothing new (Node's start, the code, the tokens, the banks' answers).
const nothingNew = cli(['sync', '--json'], { FINAGG_NOW: '2026-11-24T12:00:00Z' });
const nothingNode = versusNode(['--version'], quick ? 3 : 5).nodeMs;
rows.push({
  figure: "a cold sync that finds nothing new (the floor under the day's)",
  measured: `${fmtMs(nothingNew.ms)} (${fmtN(nothingNew.rssKb / 1024)} MB peak)`,
  reference: `node -e 0: ${fmtMs(nothingNode)}`,
  ratio: null,
  target: 'reported',
  ok: null,
});

// The day's sync again on the copy of the home taken before it, in a process that loads
// every chunk of the CLI before the command starts: its wall time less that loading is the
// day's sync with nothing of its code to load or evaluate: what a start-up snapshot or one
// code-cached bundle could bring it to at best (its functions are still compiled as they
// first run). What stays is Node's start and exit and the work in a cold process.
const loadFile = path.join(work, 'preload-ms');
const preloaded = cli(['sync', '--json'], {
  FINAGG_NOW: '2026-11-24T12:00:00Z',
  FINAGG_HOME: dayHome,
  FINAGG_BENCH_PRELOAD_FILE: loadFile,
});
const loadMs = Number(fs.readFileSync(loadFile, 'utf8'));
const preloadedStages = lastStages(dayHome);
const dayWork = Object.values(preloadedStages).reduce((t, ms) => t + ms, 0);
fs.rmSync(dayHome, { recursive: true, force: true });
rows.push({
  figure: "the day's cold sync with its code loaded before it starts (the limit of start-up work)",
  measured: `${fmtMs(preloaded.ms - loadMs)} (its stages ${fmtMs(dayWork)})`,
  reference: `node -e 0: ${fmtMs(nothingNode)}; loading every chunk first: ${fmtMs(loadMs)}`,
  ratio: null,
  target: 'reported',
  ok: null,
});

// The daemon warm: the same home, rounds two seconds apart while its clock runs ten
// minutes a second, so each round brings the household's new rows (bench/daemon-rounds.ts).
log('daemon: twelve warm rounds on the whole history...');
const daemon = await daemonRounds({ cli: bin, env, home, now: '2026-11-25T00:30:00Z', rate: 600 });
rows.push({
  figure: `a warm daemon round (median of rounds 2-11; ${fmtN(daemon.rounds.reduce((n, r) => n + r.inserted, 0))} rows in 12)`,
  measured: fmtMs(daemon.medianMs),
  reference: `first round ${fmtMs(daemon.rounds[0]!.ms)} (the day's backup)`,
  ratio: daemon.medianMs / 250,
  target: '< 0.25 s',
  ok: daemon.medianMs < 250,
});
rows.push({
  figure: "the daemon's memory over those rounds",
  measured: `${fmtN(daemon.maxRss)} MB at most; ${fmtN(daemon.rss3)} -> ${fmtN(daemon.rss12)} MB, round 3 to 12`,
  reference: '150 MB, 10 MB growth',
  ratio: daemon.maxRss / 150,
  target: '< 150 MB, growing < 10 MB',
  ok: daemon.maxRss < 150 && daemon.rss12 - daemon.rss3 < 10,
});

log('transfers: pairing the whole history again, from scratch...');
const pairing = pairFromScratch(home, env);
rows.push({
  figure: `pair transfers from scratch (${fmtN(pairing.rows)} rows, ${fmtN(pairing.pairs)} pairs)`,
  measured: fmtMs(pairing.ms),
  reference: '10 s',
  ratio: pairing.ms / 10_000,
  target: '< 10 s',
  ok: pairing.ms < 10_000,
});
const report = versusNode(['report', '--json'], quick ? 5 : 7);
rows.push({
  figure: `finagg report, every month of ${scale.days / 365} years`,
  measured: fmtMs(report.ms),
  reference: `node -e 0: ${fmtMs(report.nodeMs)}`,
  ratio: report.ms / 1000,
  target: '< 1 s',
  ok: report.ms < 1000,
});
const worth = versusNode(['report', 'networth', '--json'], quick ? 5 : 7);
rows.push({
  figure: `finagg report networth, every month of ${scale.days / 365} years`,
  measured: fmtMs(worth.ms),
  reference: `node -e 0: ${fmtMs(worth.nodeMs)}`,
  ratio: worth.ms / 1000,
  target: '< 1 s',
  ok: worth.ms < 1000,
});

log('recurring: finding the streams of the whole history, then upcoming...');
forgetStreams(home);
const detected = cli(['recurring', '--json']);
rows.push({
  figure: `finagg recurring, finding ${fmtN((JSON.parse(detected.stdout) as unknown[]).length)} streams in the whole history`,
  measured: `${fmtMs(detected.ms)} (${fmtN(detected.rssKb / 1024)} MB peak)`,
  reference: '5 s',
  ratio: detected.ms / 5000,
  target: '< 5 s',
  ok: detected.ms < 5000,
});
// A day of the household's rows, as the next morning's sync brings them.
const dayRows = Math.round(inserted / scale.days);
const kept = refreshAfterRows(home, env, dayRows);
rows.push({
  figure: `streams kept up to date after a sync of ${fmtN(dayRows)} rows (${fmtN(kept.groups)} payees found again)`,
  measured: fmtMs(kept.ms),
  reference: `all found again: ${fmtMs(detected.ms)} whole command`,
  ratio: kept.ms / detected.ms,
  target: '< 100 ms',
  ok: kept.ms < 100,
});
const coming = versusNode(['upcoming', '--json'], quick ? 5 : 7);
rows.push({
  figure: 'finagg upcoming, 30 days (streams already found)',
  measured: fmtMs(coming.ms),
  reference: `node -e 0: ${fmtMs(coming.nodeMs)}`,
  ratio: coming.ms / 500,
  target: '< 500 ms',
  ok: coming.ms < 500,
});

log('start-up and queries against node -e 0...');
const tx = versusNode(['tx', '--category', 'groceries', '--limit', '50'], quick ? 5 : 9);
rows.push({
  figure: 'finagg tx --category groceries --limit 50',
  measured: fmtMs(tx.ms),
  reference: `node -e 0: ${fmtMs(tx.nodeMs)}`,
  ratio: tx.ms / tx.nodeMs,
  target: '<= 2.5x node -e 0',
  ok: tx.ms / tx.nodeMs <= 2.5,
});
const version = versusNode(['--version'], quick ? 7 : 15);
rows.push({
  figure: 'finagg --version',
  measured: fmtMs(version.ms),
  reference: `node -e 0: ${fmtMs(version.nodeMs)}`,
  ratio: version.ms / version.nodeMs,
  target: '<= 1.5x node -e 0',
  ok: version.ms / version.nodeMs <= 1.5,
});
log('categorize: 1,000,000 descriptors in process...');
const categorized = benchCategorize(path.join(root, 'fixtures', 'descriptors.tsv'), 1_000_000);
rows.push({
  figure: `categorize ${fmtN(categorized.count)} descriptors`,
  measured: `${fmtMs(categorized.ms)} (${fmtN((categorized.count / categorized.ms) * 1000)}/s)`,
  reference: `upper-case loop ${fmtMs(categorized.referenceMs)}`,
  ratio: categorized.ms / categorized.referenceMs,
  target: '< 1.5 s',
  ok: categorized.ms < 1500,
});
log('anomalies over the last 90 days...');
const anomalies = versusNode(['anomalies', '--days', '90', '--json'], quick ? 5 : 9);
rows.push({
  figure: 'finagg anomalies over 90 days',
  measured: fmtMs(anomalies.ms),
  reference: `node -e 0: ${fmtMs(anomalies.nodeMs)}`,
  ratio: anomalies.ms / 1000,
  target: '< 1 s',
  ok: anomalies.ms < 1000,
});
// Checking the window again (what every sync does for its new rows, here for all of them).
const recompute = cli(['anomalies', '--days', '90', '--recompute', '--json']);
rows.push({
  figure: 'finagg anomalies --recompute over 90 days',
  measured: `${fmtMs(recompute.ms)} (${fmtN(recompute.rssKb / 1024)} MB peak)`,
  reference: `${fmtN((JSON.parse(recompute.stdout) as unknown[]).length)} found`,
  ratio: null,
  target: 'reported',
  ok: null,
});
log('dashboard first frame...');
const frame = firstFrame(quick ? 5 : 9);
rows.push({
  figure: 'dashboard first frame (process start to frame drawn)',
  measured: `${fmtMs(frame.ms)} (whole run ${fmtMs(frame.wallMs)})`,
  reference: `node -e 0: ${fmtMs(frame.nodeMs)}`,
  ratio: frame.ms / 500,
  target: '< 500 ms',
  ok: frame.ms < 500,
});

// The peers (ledger, hledger) on the same home, exported as a journal, before the import
// below adds its rows: at a million rows they take minutes and gigabytes.
const peers = withPeers
  ? (log('peers: the home as a journal, read by ledger and hledger...'),
    peerComparisons({
      work,
      finagg: (argv) => cli(argv),
      runs: quick ? 3 : 5,
      require: process.env.FINAGG_REQUIRE_LEDGER_TOOLS === '1',
    }))
  : { rows: [], notes: ['peers: not run (npm run bench -- --peers)'] };
rows.push(...peers.rows);

// Last, as it adds the statement's rows to the home the figures above were measured on.
const statementLines = quick ? 100_000 : 300_000;
log(`import: a ${fmtN(statementLines)}-line CSV statement into a manual account...`);
const statement = path.join(work, 'statement.csv');
writeStatementCsv(statement, statementLines);
const statementMb = fs.statSync(statement).size / 1024 / 1024;
cli(['accounts', 'add', '--name', 'Bench statements', '--type', 'checking', '--currency', 'USD']);
const imported = cli(['import', statement, '--account', 'Bench statements', '--json']);
const importRun = JSON.parse(imported.stdout) as { inserted: number; status: string };
if (importRun.status !== 'success' || importRun.inserted !== statementLines)
  throw new Error(`the import stored ${importRun.inserted} rows`);
const importRate = (importRun.inserted / imported.ms) * 1000;
const syncRate = (inserted / first.ms) * 1000;
rows.push({
  figure: `import of a ${fmtN(statementLines)}-line CSV (${statementMb.toFixed(0)} MB, whole command)`,
  measured: `${fmtMs(imported.ms)} (${fmtN(importRate)}/s)`,
  reference: `sync ingest ${fmtN(syncRate)}/s`,
  ratio: importRate / syncRate,
  target: '>= the sync ingest rate',
  ok: importRate >= syncRate,
});
rows.push({
  figure: 'peak memory of that import',
  measured: `${fmtN(imported.rssKb / 1024)} MB`,
  reference: '200 MB',
  ratio: imported.rssKb / 1024 / 200,
  target: '< 200 MB',
  ok: imported.rssKb / 1024 < 200,
});

fs.rmSync(work, { recursive: true, force: true });

// What each round-2 feature adds to each sync: the sync's time with the feature's own
// stages (after) and without them (before). Reports add nothing: they read at query time.
const featureRows = syncStages.map(({ sync, ms, stages }) => {
  const costs = featureCosts(stages);
  const own = costs.reduce((n, c) => n + c.ms, 0);
  return { sync, ms: Math.round(ms), withoutFeatures: Math.round(ms - own), costs, stages };
});

if (json) {
  process.stdout.write(
    JSON.stringify(
      {
        scale: { ...scale, transactions: inserted, cores },
        figures: rows,
        notes: peers.notes,
        syncs: featureRows,
        table_bytes: tableParts,
        daemon_rounds: daemon.rounds,
      },
      null,
      2,
    ) + '\n',
  );
} else {
  table(
    ['figure', 'measured', 'reference', 'ratio', 'target', 'met'],
    rows.map((r) => [
      r.figure,
      r.measured,
      r.reference,
      r.ratio === null ? '' : `${r.ratio.toFixed(2)}x`,
      r.target,
      r.ok === null ? '-' : r.ok ? 'yes' : 'NO',
    ]),
  );
  for (const note of peers.notes) process.stdout.write(`${note}\n`);
  process.stdout.write('\nthe transactions table on disk, bytes a transaction (dbstat, backup file):\n');
  table(
    ['b-tree', 'bytes'],
    tableParts.map((p) => [p.name, p.bytesPerRow.toFixed(1)]),
  );
  process.stdout.write('\nround-2 features in each sync (ms of the whole command; before = without their stages):\n');
  const features = featureRows[0]!.costs.map((c) => c.feature);
  table(
    ['sync', 'before', ...features, 'after'],
    featureRows.map((f) => [
      f.sync,
      fmtMs(f.withoutFeatures),
      ...f.costs.map((c) => (c.feature === 'reports' ? '0 (none in a sync)' : `+${fmtMs(c.ms)}`)),
      fmtMs(f.ms),
    ]),
  );
  process.stdout.write('\nwhere each sync went, stage by stage:\n');
  for (const f of featureRows) process.stdout.write(`  ${f.sync}: ${describeStages(f.stages)}\n`);
}

function table(head: string[], cells: string[][]): void {
  const all = [head, ...cells];
  const w = head.map((_, i) => Math.max(...all.map((c) => c[i]!.length)));
  for (const c of all)
    process.stdout.write(
      c
        .map((x, i) => x.padEnd(w[i]!))
        .join('  ')
        .trimEnd() + '\n',
    );
}
