import type { Database as SqliteDatabase } from 'better-sqlite3';
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Rule } from '../../core/rules/rule';
import type { BankProvider } from '../../providers/provider';
import { growHeapSlowly } from '../heap-growth';
import { SIMULATED } from '../simulated-banks';
import type { AccountFetch, FromWorker, ToWorker, WorkerSetup } from './protocol';
import { WalCheckpointer } from './wal-checkpointer';

/** What the sync reads from its worker: a batch, or why it stopped. */
type WorkerReply = Exclude<FromWorker, { type: 'ready' }>;

/**
 * The sync's side of its worker thread (worker-main.ts): started for the first whole
 * history fetched from a simulated bank in a sync, kept for the sync's other accounts,
 * ended with the sync. Only the simulated banks run there: they need nothing of the
 * sync's context (a real bank's requests wait on the network, not the CPU, and keep the
 * sync's retries, token refresh and request budget).
 */
export class SyncWorker {
  private readonly worker: Worker;
  /** Copies the sync's commits into the database file, beside its writes (wal-checkpointer.ts). */
  readonly checkpointer: WalCheckpointer;
  private readonly inbox: WorkerReply[] = [];
  private waiting: ((message: WorkerReply) => void) | undefined;
  private gone: string | undefined;
  /** The thread has loaded: an account handed over now waits for nothing but its batches. */
  ready = false;

  private constructor(file: string, setup: WorkerSetup, checkpointer: WalCheckpointer) {
    this.checkpointer = checkpointer;
    // A small young generation: the worker's garbage is a batch's records at a time, and
    // the process's peak (both heaps, both page caches) stays under the sync's 300 MB.
    this.worker = new Worker(file, { workerData: setup, resourceLimits: { maxYoungGenerationSizeMb: 16 } });
    this.worker.on('message', (message: FromWorker) => this.deliver(message));
    this.worker.on('error', (error) => this.end(error.message));
    this.worker.on('exit', (code) => this.end(`the sync worker stopped (exit ${code})`));
  }

  /**
   * A worker for the bank, or undefined where it cannot help: not one of the simulated
   * banks as made here, a fault plan (its strikes are counted per process, so they stay in
   * the sync's), FINAGG_SYNC_WORKER=0, one core, or no built worker file (tests of the
   * sources without a build).
   */
  static for(
    provider: BankProvider,
    rules: Rule[],
    env: NodeJS.ProcessEnv,
    cores: number,
    sqlite: SqliteDatabase,
  ): SyncWorker | undefined {
    const made = SIMULATED.get(provider);
    if (!made || made.env.FINAGG_SIM_FAULTS || env.FINAGG_SYNC_WORKER === '0' || cores < 2) return undefined;
    const file = builtFile('sync-worker.js');
    const checkpointer = builtFile('wal-checkpointer.js');
    if (!file || !checkpointer) return undefined;
    // V8's heap growth is set for the process before the worker's heap is made (heap-growth.ts).
    growHeapSlowly();
    return new SyncWorker(file, { ...made, rules }, new WalCheckpointer(checkpointer, sqlite));
  }

  /** Whether this worker serves the bank (one world: the banks of one home and seed). */
  serves(provider: BankProvider): boolean {
    return SIMULATED.has(provider) && this.gone === undefined;
  }

  start(fetch: AccountFetch): void {
    this.send({ type: 'account', fetch });
  }

  took(seq: number, exact: boolean): void {
    this.send({ type: 'took', seq, exact });
  }

  /** The next message; a `failed` one if the worker has stopped. */
  next(): Promise<WorkerReply> {
    const message = this.inbox.shift();
    if (message) return Promise.resolve(message);
    if (this.gone !== undefined) return Promise.resolve({ type: 'failed', message: this.gone });
    return new Promise((resolve) => (this.waiting = resolve));
  }

  async close(): Promise<void> {
    this.gone ??= 'closed';
    await Promise.all([this.worker.terminate(), this.checkpointer.close()]);
  }

  private send(message: ToWorker): void {
    if (this.gone === undefined) this.worker.postMessage(message);
  }

  private deliver(message: FromWorker): void {
    if (message.type === 'ready') {
      this.ready = true;
      return;
    }
    const waiting = this.waiting;
    this.waiting = undefined;
    if (waiting) waiting(message);
    else this.inbox.push(message);
  }

  private end(why: string): void {
    if (this.gone !== undefined) return;
    this.gone = why;
    this.deliver({ type: 'failed', message: why });
  }
}

/** A bundled worker beside the CLI (dist/<name>), found from the bundle or the sources. */
function builtFile(name: string): string | undefined {
  for (const relative of [`./${name}`, `../${name}`, `../../../dist/${name}`]) {
    const file = fileURLToPath(new URL(relative, import.meta.url));
    if (fs.existsSync(file)) return file;
  }
  return undefined;
}
