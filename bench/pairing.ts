import { PassThrough } from 'node:stream';
import { pairNewRows } from '../src/app/transfers';
import { createCliContext } from '../src/cli/context-factory';
import { readEnvironment } from '../src/cli/environment';

/**
 * Pairing a whole history at once, as a home upgraded with years of rows does at its
 * next sync: the pairs the first sync made are taken away, then pairNewRows runs in this
 * process, timed alone. It must find the same number of pairs again.
 */
export function pairFromScratch(home: string, env: NodeJS.ProcessEnv): { ms: number; pairs: number; rows: number } {
  const strings = Object.fromEntries(Object.entries(env).filter((e): e is [string, string] => e[1] !== undefined));
  const io = { stdout: { write: () => true }, stderr: { write: () => true }, stdin: new PassThrough(), env: strings, cwd: home };
  const ctx = createCliContext(io, readEnvironment(strings), home);
  const { sqlite } = ctx;
  const before = sqlite.prepare('SELECT count(*) FROM transfers').pluck().get() as number;
  const rows = sqlite.prepare('SELECT count(*) FROM transactions').pluck().get() as number;
  sqlite.transaction(() => {
    sqlite.prepare('UPDATE transactions SET transfer_id = NULL WHERE transfer_id IS NOT NULL').run();
    sqlite.prepare('DELETE FROM transfers').run();
    sqlite.prepare("UPDATE transfer_state SET paired_through = 0, paired_at = ''").run();
  })();
  const started = performance.now();
  const plan = pairNewRows(ctx);
  const ms = performance.now() - started;
  void ctx.close();
  if (plan.pairs.length !== before) throw new Error(`pairing from scratch found ${plan.pairs.length} pairs, the sync ${before}`);
  return { ms, pairs: plan.pairs.length, rows };
}
