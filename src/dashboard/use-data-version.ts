import { useEffect, useRef } from 'react';
import type { AppContext } from '../app/context';

/**
 * Calls `onChange` when another connection (the daemon, a `finagg sync` in another
 * terminal) has committed to the database. SQLite's `data_version` changes only for
 * other connections' commits, so our own edits do not trigger it, and reading it costs
 * no query of the data.
 */
export function useDataVersion(ctx: AppContext, onChange: () => void, everyMs = 2000): void {
  const latest = useRef(onChange);
  latest.current = onChange;
  useEffect(() => {
    let version = ctx.sqlite.pragma('data_version', { simple: true });
    const timer = setInterval(() => {
      const now = ctx.sqlite.pragma('data_version', { simple: true });
      if (now !== version) {
        version = now;
        latest.current();
      }
    }, everyMs);
    return () => clearInterval(timer);
  }, [ctx, everyMs]);
}
