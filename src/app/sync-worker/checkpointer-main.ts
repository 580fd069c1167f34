import { parentPort, workerData } from 'node:worker_threads';
import { openSqlite } from '../../storage/sqlite';
import type { CheckpointAsk, CheckpointDone } from './wal-checkpointer';

/**
 * The sync's checkpointer (DESIGN.md, the sync pipeline): while the sync writes its next
 * batch, this thread copies the pages the last batches committed to the write-ahead log
 * into the database file. SQLite lets a checkpoint run beside a writer; done by the
 * writer itself at each commit, it was two thirds of a whole history's commit time.
 */
const port = parentPort!;
const db = openSqlite((workerData as { file: string }).file, { fileMustExist: true });
// A checkpoint copies frames from the log to the file; it reads nothing through the page cache.
db.pragma('cache_size = 16');
db.pragma('busy_timeout = 10000');
let asked: CheckpointAsk = { commit: 0, restart: false };
let queued = false;

port.on('message', (ask: CheckpointAsk) => {
  asked = { commit: ask.commit, restart: asked.restart || ask.restart };
  // Asks that came while a checkpoint ran are served by one more.
  if (queued) return;
  queued = true;
  setImmediate(() => {
    queued = false;
    const { commit, restart } = asked;
    asked = { commit, restart: false };
    // RESTART also waits for readers to leave the log, so that the next write starts it over.
    const [result] = db.pragma(`wal_checkpoint(${restart ? 'RESTART' : 'PASSIVE'})`) as { busy: number; log: number }[];
    const restarted = restart && result?.busy === 0;
    port.postMessage({ commit, restarted, log: restarted ? 0 : (result?.log ?? 0) } satisfies CheckpointDone);
  });
});
