import type { Database as SqliteDatabase } from 'better-sqlite3';
import { Worker } from 'node:worker_threads';

/**
 * Pages the write-ahead log may hold before it is started over: 64 MiB, four to ten
 * batches of a million-row history. SQLite starts the log over only at a write that
 * finds all of it copied and no reader in it; a checkpoint beside each write is never
 * done in time for the next, and the log grew to 1.3 GB over a million rows. Each start
 * over keeps the sync waiting for one batch's checkpoint (35 ms): at 32 MiB that was 2.3 s
 * of a million-row first sync, at 64 MiB 1.4 s.
 */
const LOG_LIMIT_PAGES = 16384;

/** A checkpoint asked for after the sync's commit number `commit`. */
export interface CheckpointAsk {
  commit: number;
  /** Start the log over (see LOG_LIMIT_PAGES). */
  restart: boolean;
}

export interface CheckpointDone {
  commit: number;
  restarted: boolean;
  /** Pages the log holds after it. */
  log: number;
}

/**
 * The sync's side of its checkpointer thread (checkpointer-main.ts). While engaged, the
 * sync's connection makes no checkpoint of its own (wal_autocheckpoint = 0) and asks the
 * thread for one after each commit: the copy of a batch's pages into the database file
 * then runs on the second core beside the next batch's write, not inside its commit.
 * Should the thread stop, the connection checkpoints itself again, as it always did.
 */
export class WalCheckpointer {
  private readonly thread: Worker;
  /** The connection's own wal_autocheckpoint while engaged; undefined when not. */
  private kept: number | undefined;
  private gone = false;
  private commits = 0;
  private last: CheckpointDone = { commit: 0, restarted: false, log: 0 };
  /** The commit after which the log is being started over. */
  private restarting: number | undefined;
  private waiting: (() => void) | undefined;

  constructor(
    file: string,
    private readonly sqlite: SqliteDatabase,
    private readonly limitPages = LOG_LIMIT_PAGES,
  ) {
    // Nothing of it lives in JavaScript: a small heap is enough.
    this.thread = new Worker(file, {
      workerData: { file: sqlite.name },
      resourceLimits: { maxYoungGenerationSizeMb: 1, maxOldGenerationSizeMb: 16 },
    });
    this.thread.on('message', (done: CheckpointDone) => {
      this.last = done;
      this.wake();
    });
    const stopped = () => {
      this.gone = true;
      this.release();
      this.wake();
    };
    this.thread.on('error', stopped);
    this.thread.on('exit', stopped);
  }

  /** The sync's commits leave their checkpoints to the thread, until release(). */
  engage(): void {
    if (this.gone || this.kept !== undefined) return;
    this.kept = this.sqlite.pragma('wal_autocheckpoint', { simple: true }) as number;
    this.sqlite.pragma('wal_autocheckpoint = 0');
  }

  /**
   * After a commit: the thread copies what it committed; with the log past its limit (as
   * the last checkpoint done left it), it starts the log over, while the sync takes its
   * next batch from the worker.
   */
  committed(): void {
    const restart = this.restarting === undefined && this.last.log >= this.limitPages;
    this.commits++;
    if (restart) this.restarting = this.commits;
    this.ask({ commit: this.commits, restart });
  }

  /**
   * Before the worker's next read and the sync's next write: a start over asked for is
   * done (it holds the write lock, and waits for readers to leave the log). The thread
   * is kept at most two commits behind, so the log's size is never long unknown.
   */
  async beforeWrite(): Promise<void> {
    await new Promise((resolve) => setImmediate(resolve));
    const restarting = this.restarting;
    await this.until(() => this.last.commit >= Math.max(this.commits - 2, restarting ?? 0));
    this.restarting = undefined;
  }

  /** The connection checkpoints itself again (at its next commit, as SQLite does). */
  release(): void {
    if (this.kept === undefined) return;
    this.sqlite.pragma(`wal_autocheckpoint = ${this.kept}`);
    this.kept = undefined;
  }

  async close(): Promise<void> {
    this.release();
    this.gone = true;
    this.wake();
    await this.thread.terminate();
  }

  private ask(ask: CheckpointAsk): void {
    if (this.kept !== undefined && !this.gone) this.thread.postMessage(ask);
  }

  private async until(done: () => boolean): Promise<void> {
    while (!done() && !this.gone && this.kept !== undefined) {
      await new Promise<void>((resolve) => (this.waiting = resolve));
    }
  }

  private wake(): void {
    const waiting = this.waiting;
    this.waiting = undefined;
    waiting?.();
  }
}
