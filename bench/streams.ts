import path from 'node:path';
import { PassThrough } from 'node:stream';
import Database from 'better-sqlite3';
import { refreshStreams } from '../src/app/recurring';
import { createCliContext } from '../src/cli/context-factory';
import { readEnvironment } from '../src/cli/environment';

/** Makes the next command find every stream again, as the first sync of a home does. */
export function forgetStreams(home: string): void {
  const db = new Database(path.join(home, 'finagg.db'));
  try {
    db.prepare("UPDATE stream_state SET version = ''").run();
  } finally {
    db.close();
  }
}

/**
 * Keeping the streams up to date after a sync that brought `rows` rows: the watermark is
 * moved back over the newest rows, so the refresh, timed alone in this process, finds
 * again the streams of their payees (as the sync that brought them did), the rest only
 * re-dated.
 */
export function refreshAfterRows(home: string, env: NodeJS.ProcessEnv, rows: number): { ms: number; groups: number } {
  const strings = Object.fromEntries(Object.entries(env).filter((e): e is [string, string] => e[1] !== undefined));
  const io = { stdout: { write: () => true }, stderr: { write: () => true }, stdin: new PassThrough(), env: strings, cwd: home };
  const ctx = createCliContext(io, readEnvironment(strings), home);
  try {
    const version = ctx.sqlite.prepare('SELECT version FROM stream_state WHERE id = 1').pluck().get() as string;
    const m = /^rows (\d+) on (.+)$/.exec(version);
    if (!m) throw new Error(`the streams were not found yet (state '${version}')`);
    ctx.sqlite.prepare('UPDATE stream_state SET version = ? WHERE id = 1').run(`rows ${Number(m[1]) - rows} on ${m[2]}`);
    const started = performance.now();
    const refresh = refreshStreams(ctx);
    const ms = performance.now() - started;
    if (refresh.scope !== 'groups') throw new Error(`the refresh after ${rows} rows found ${refresh.scope} groups again`);
    return { ms, groups: refresh.groups };
  } finally {
    void ctx.close();
  }
}
