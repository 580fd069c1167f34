import { useCallback, useEffect, useRef, useState } from 'react';
import type { AppContext } from '../app/context';
import { type DashboardSnapshot, loadDashboardSnapshot, loadTrends, type Trends } from '../app/dashboard';

export interface SnapshotState {
  snapshot: DashboardSnapshot;
  /** Undefined until read: it is read after the first frame, never before it. */
  trend: Trends | undefined;
  /** Bumped on every reload, so the transaction list reads its page again. */
  version: number;
  reload(): void;
  error: string | undefined;
}

export function useSnapshot(ctx: AppContext, initial: DashboardSnapshot): SnapshotState {
  const [snapshot, setSnapshot] = useState(initial);
  const [trend, setTrend] = useState<Trends | undefined>(undefined);
  const [version, setVersion] = useState(0);
  const [error, setError] = useState<string | undefined>(undefined);
  const mounted = useRef(true);
  const loadTrend = useCallback(() => {
    loadTrends(ctx).then(
      (t) => mounted.current && setTrend(t),
      (e: unknown) => mounted.current && setError(String(e)),
    );
  }, [ctx]);
  useEffect(() => {
    mounted.current = true;
    // After the first frame is on the screen.
    const timer = setTimeout(loadTrend, 0);
    return () => {
      mounted.current = false;
      clearTimeout(timer);
    };
  }, [loadTrend]);
  // Reloads come in bursts (each account of a sync, the daemon's pages): one runs at a
  // time and a burst ends in one more, so the queries never queue up behind each other
  // and block the keys.
  const busy = useRef(false);
  const again = useRef(false);
  const reload = useCallback(() => {
    if (busy.current) {
      again.current = true;
      return;
    }
    busy.current = true;
    loadDashboardSnapshot(ctx)
      .then(
        (s) => {
          if (!mounted.current) return;
          setSnapshot(s);
          setVersion((v) => v + 1);
          setError(undefined);
          // The trend is the slow part on a big history: keys typed meanwhile go first.
          return new Promise((resolve) => setTimeout(resolve, 0))
            .then(() => loadTrends(ctx))
            .then((t) => mounted.current && setTrend(t));
        },
        (e: unknown) => mounted.current && setError(e instanceof Error ? e.message : String(e)),
      )
      .catch((e: unknown) => mounted.current && setError(String(e)))
      .finally(() => {
        busy.current = false;
        if (again.current && mounted.current) {
          again.current = false;
          // A macrotask first, so the keys typed meanwhile are read before the next round.
          setTimeout(reloadRef.current, 0);
        }
      });
  }, [ctx]);
  const reloadRef = useRef(reload);
  reloadRef.current = reload;
  return { snapshot, trend, version, reload, error };
}
