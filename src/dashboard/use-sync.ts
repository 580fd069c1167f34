import { useCallback, useEffect, useRef, useState } from 'react';
import { afterSync } from '../app/after-sync';
import { lastTransactionId } from '../app/anomalies';
import type { AppContext } from '../app/context';
import { markTerminalDelivered } from '../app/deliver-alerts';
import { type SyncProgress, syncAccounts } from '../app/sync';
import type { Alert } from '../core/alert';
import type { SyncRun } from '../core/sync-run';

export interface SyncState {
  running: boolean;
  /** One line per account, in the order they started. */
  accounts: SyncProgress[];
  runs: SyncRun[] | undefined;
  alerts: Alert[];
  anomalies: number;
  error: string | undefined;
}

const IDLE: SyncState = { running: false, accounts: [], runs: undefined, alerts: [], anomalies: 0, error: undefined };

/** One macrotask: lets Ink read keys and draw between two pages of a sync. */
const breathe = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * `s`: the same sync as `finagg sync`, then what follows every sync (anomalies, budgets,
 * alerts). Progress arrives per page; `onChanged` fires as each account finishes so the
 * panels fill in while the others are still syncing. Quitting aborts it after the page
 * in hand.
 */
export function useSync(
  ctx: AppContext,
  onChanged: () => void,
  track?: (work: Promise<unknown>) => void,
): { state: SyncState; start(): void; reset(): void } {
  const [state, setState] = useState<SyncState>(IDLE);
  const abort = useRef<AbortController | undefined>(undefined);
  const changed = useRef(onChanged);
  changed.current = onChanged;

  useEffect(() => () => abort.current?.abort(), []);

  const start = useCallback(() => {
    if (abort.current) return;
    const controller = new AbortController();
    abort.current = controller;
    setState({ ...IDLE, running: true });
    const onProgress = (p: SyncProgress) => {
      if (controller.signal.aborted) return;
      setState((s) => {
        const i = s.accounts.findIndex((a) => a.accountId === p.accountId);
        const accounts = i < 0 ? [...s.accounts, p] : s.accounts.map((a, j) => (j === i ? p : a));
        return { ...s, accounts };
      });
      if (p.status !== undefined) changed.current();
    };
    const work = (async () => {
      try {
        const sinceId = lastTransactionId(ctx);
        const runs = await syncAccounts(ctx, {
          full: false,
          trigger: 'manual',
          onProgress,
          signal: controller.signal,
          betweenPages: breathe,
        });
        if (controller.signal.aborted) return;
        const after = await afterSync(ctx, sinceId);
        // Shown in the sync dialog: their terminal delivery is done, as after `finagg sync`.
        await markTerminalDelivered(
          ctx,
          after.toShow.map((a) => a.id),
        );
        if (controller.signal.aborted) return;
        setState((s) => ({ ...s, running: false, runs, alerts: after.toShow, anomalies: after.anomalies }));
      } catch (error) {
        if (!controller.signal.aborted)
          setState((s) => ({ ...s, running: false, error: error instanceof Error ? error.message : String(error) }));
      } finally {
        if (abort.current === controller) abort.current = undefined;
        if (!controller.signal.aborted) changed.current();
      }
    })();
    track?.(work);
  }, [ctx, track]);

  const reset = useCallback(() => {
    if (!abort.current) setState(IDLE);
  }, []);

  return { state, start, reset };
}
