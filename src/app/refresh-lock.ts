import fs from 'node:fs';
import path from 'node:path';
import lockfile from 'proper-lockfile';
import { AppError } from '../core/errors';

/**
 * Runs `work` holding the token-refresh lock of one connection, across processes. A lock
 * of a killed process goes stale after 10 s (proper-lockfile keeps its mtime fresh while
 * the holder lives), so it can never stay stuck.
 */
export async function withRefreshLock<T>(home: string, connectionId: number, work: () => Promise<T>): Promise<T> {
  const dir = path.join(home, 'locks');
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  const target = path.join(dir, `refresh-${connectionId}`);
  fs.closeSync(fs.openSync(target, 'a', 0o600));
  let release: () => Promise<void>;
  try {
    release = await lockfile.lock(target, { stale: 10_000, retries: { retries: 60, minTimeout: 50, maxTimeout: 500 } });
  } catch (error) {
    throw new AppError('busy', `another finagg is refreshing the token of connection ${connectionId}`, 'try again in a moment', {
      cause: error,
    });
  }
  try {
    return await work();
  } finally {
    await release().catch(() => undefined);
  }
}
