import type { ChalkInstance } from 'chalk';
import { Box, type Key, Text, useApp } from 'ink';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { ackAlerts } from '../app/alerts';
import { dismiss } from '../app/anomalies';
import type { AppContext } from '../app/context';
import type { DashboardSnapshot } from '../app/dashboard';
import { editTransaction } from '../app/edit-transaction';
import { type TransactionDetail, transactionDetail } from '../app/transaction-detail';
import { AccountsPanel } from './AccountsPanel';
import { AlertsDialog } from './AlertsDialog';
import { AnomaliesPanel } from './AnomaliesPanel';
import { BudgetsPanel } from './BudgetsPanel';
import { type CategoryChoice, CategoryDialog } from './CategoryDialog';
import { DetailDialog } from './DetailDialog';
import { Footer, type Prompt } from './Footer';
import { Header } from './Header';
import { HelpDialog } from './HelpDialog';
import { computeLayout, FOCUS_ORDER, type PanelBox, type PanelId, transactionRows, wantsOf } from './layout';
import { SpendingPanel } from './SpendingPanel';
import { SyncDialog } from './SyncDialog';
import { ThemeContext } from './theme';
import { TransactionsPanel } from './TransactionsPanel';
import { type TrendMode, TrendPanel } from './TrendPanel';
import { UpcomingPanel } from './UpcomingPanel';
import { useDataVersion } from './use-data-version';
import { useKeys } from './use-keys';
import { useSnapshot } from './use-snapshot';
import { useSync } from './use-sync';
import { type TransactionFilterState, type TransactionPage, useTransactions } from './use-transactions';
import { useWindowSize, type WindowSize } from './use-window-size';

export interface AppProps {
  ctx: AppContext;
  initial: DashboardSnapshot;
  /** The first page of transactions, read before the first frame so that it is not empty. */
  initialPage?: TransactionPage;
  paint: ChalkInstance;
  /** Pins the size (tests); otherwise the terminal's, following resizes. */
  size?: WindowSize;
  /** Read keys; off when stdin is not a terminal (the first-frame benchmark). */
  interactive?: boolean;
  /** How often to look for another process's writes. */
  pollMs?: number;
  /** Told of work that must finish before the database closes (a sync in flight). */
  track?: (work: Promise<unknown>) => void;
}

type Dialog =
  | { kind: 'help' }
  | { kind: 'detail'; id: number; detail: TransactionDetail | undefined }
  | { kind: 'category'; purpose: 'filter' | 'edit'; txId?: number; current?: string; selected: number }
  | { kind: 'alerts' }
  | { kind: 'sync' };

type ListPanel = 'accounts' | 'budgets' | 'spending' | 'anomalies';

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

export function App({ ctx, initial, initialPage, paint, size: fixedSize, interactive = true, pollMs = 2000, track }: AppProps) {
  const { exit } = useApp();
  const size = useWindowSize(fixedSize);
  const { snapshot, trend, version, reload, error } = useSnapshot(ctx, initial);
  useDataVersion(ctx, reload, pollMs);
  const sync = useSync(ctx, reload, track);

  const [focus, setFocus] = useState<PanelId>('transactions');
  const [selected, setSelected] = useState<Record<ListPanel, number>>({ accounts: 0, budgets: 0, spending: 0, anomalies: 0 });
  const [filter, setFilter] = useState<TransactionFilterState>({});
  const [dialog, setDialog] = useState<Dialog | undefined>(undefined);
  const [trendMode, setTrendMode] = useState<TrendMode>('spending');
  const [prompt, setPrompt] = useState<Prompt | undefined>(undefined);
  const [status, setStatus] = useState<string | undefined>(undefined);
  const dialogKind = useRef<Dialog['kind'] | undefined>(undefined);
  dialogKind.current = dialog?.kind;

  const layout = computeLayout(size.columns, size.rows, wantsOf(snapshot));
  const boxes = new Map<PanelId, PanelBox>(layout.columns.flatMap((c) => c.panels.map((p) => [p.id, p] as const)));
  const tx = useTransactions(ctx, filter, transactionRows(layout), version, initialPage);

  const lengths: Record<ListPanel, number> = {
    accounts: snapshot.accounts.length,
    budgets: snapshot.budgets.length,
    spending: snapshot.spending.length,
    anomalies: snapshot.anomalies.length,
  };
  const sel = (p: ListPanel) => Math.max(0, Math.min(selected[p], lengths[p] - 1));
  const visibleFocus = FOCUS_ORDER.filter((p) => boxes.has(p));
  const focused = boxes.has(focus) ? focus : (visibleFocus[0] ?? 'transactions');

  const categoryChoices = useMemo<CategoryChoice[]>(() => {
    if (dialog?.kind !== 'category') return [];
    const under = new Set(snapshot.subcategories);
    const names = snapshot.categories.map((c) => {
      const label = under.has(c) ? `  ${c}` : c;
      return { value: c, label: c === dialog.current ? `${label}  (now)` : label };
    });
    return dialog.purpose === 'filter' ? [{ value: undefined, label: 'all categories' }, ...names] : names;
  }, [dialog, snapshot.categories, snapshot.subcategories]);

  useEffect(() => {
    if (error) setStatus(paint.red(`finagg: ${error}`));
  }, [error, paint]);

  // A sync that finishes behind the other panels says so on the bottom line.
  const runs = sync.state.runs;
  useEffect(() => {
    if (runs && dialogKind.current !== 'sync')
      setStatus(`sync done: ${runs.reduce((n, r) => n + r.inserted, 0).toLocaleString('en-US')} new transactions`);
  }, [runs]);

  const openDetail = useCallback(
    (id: number) => {
      setDialog({ kind: 'detail', id, detail: undefined });
      transactionDetail(ctx, id).then(
        (detail) => setDialog((d) => (d?.kind === 'detail' && d.id === id ? { ...d, detail } : d)),
        (e: unknown) => {
          setDialog(undefined);
          setStatus(paint.red(message(e)));
        },
      );
    },
    [ctx, paint],
  );

  /** The transaction the keys act on: the selected one, or the selected anomaly's. */
  const targetTransaction = (): { id: number; category?: string } | undefined => {
    if (dialog?.kind === 'detail' && dialog.detail) return { id: dialog.id, category: dialog.detail.transaction.category };
    if (focused === 'transactions' && tx.selected) return { id: tx.selected.id, category: tx.selected.category };
    if (focused === 'anomalies') {
      const a = snapshot.anomalies[sel('anomalies')];
      if (a) return { id: a.transactionId };
    }
    return undefined;
  };

  const act = (work: Promise<string>) => {
    work.then(
      (text) => {
        setStatus(text);
        reload();
      },
      (e: unknown) => setStatus(paint.red(message(e))),
    );
  };

  const moveIn = (panel: PanelId, delta: number) => {
    if (panel === 'transactions') return tx.move(delta);
    if (panel === 'trend' || panel === 'upcoming') return;
    setSelected((s) => ({ ...s, [panel]: Math.max(0, Math.min(lengths[panel] - 1, s[panel] + delta)) }));
  };

  const pageOf = (panel: PanelId) => Math.max(1, boxes.get(panel)?.rows ?? 1);

  const onKey = (input: string, key: Key) => {
    setStatus(undefined);
    if (prompt) {
      if (key.escape) setPrompt(undefined);
      else if (key.return) {
        const text = prompt.text.trim();
        setFilter((f) => ({ ...f, search: text === '' ? undefined : text }));
        setFocus('transactions');
        setPrompt(undefined);
      } else if (key.backspace || key.delete) setPrompt({ ...prompt, text: prompt.text.slice(0, -1) });
      else if (input && !key.ctrl && !key.meta && !key.tab) setPrompt({ ...prompt, text: prompt.text + input });
      return;
    }
    if (dialog) {
      if (key.escape) {
        if (dialog.kind === 'sync') sync.reset();
        setDialog(undefined);
        return;
      }
      if (input === 'q' && dialog.kind !== 'category') return exit();
      switch (dialog.kind) {
        case 'help':
          if (input === '?') setDialog(undefined);
          return;
        case 'detail':
          if (input === 'e' && dialog.detail)
            setDialog({
              kind: 'category',
              purpose: 'edit',
              txId: dialog.id,
              current: dialog.detail.transaction.category,
              selected: Math.max(0, snapshot.categories.indexOf(dialog.detail.transaction.category)),
            });
          return;
        case 'alerts':
          if (input === 'a' || key.return) {
            setDialog(undefined);
            act(ackAlerts(ctx, 'all').then((n) => `${n} alert${n === 1 ? '' : 's'} acknowledged`));
          }
          return;
        case 'sync':
          if (input === 's' && !sync.state.running) sync.start();
          return;
        case 'category': {
          const last = categoryChoices.length - 1;
          const go = (i: number) => setDialog({ ...dialog, selected: Math.max(0, Math.min(last, i)) });
          if (key.upArrow || input === 'k') go(dialog.selected - 1);
          else if (key.downArrow || input === 'j') go(dialog.selected + 1);
          else if (key.pageUp) go(dialog.selected - 10);
          else if (key.pageDown) go(dialog.selected + 10);
          else if (input === 'q') exit();
          else if (key.return) {
            const choice = categoryChoices[dialog.selected];
            setDialog(undefined);
            if (!choice) return;
            if (dialog.purpose === 'filter') {
              setFilter((f) => ({ ...f, category: choice.value }));
              setFocus('transactions');
            } else if (dialog.txId !== undefined && choice.value !== undefined) {
              const id = dialog.txId;
              const to = choice.value;
              act(
                editTransaction(ctx, id, { category: to }).then((r) => {
                  const change = r.changes.find((c) => c.field === 'category');
                  return change ? `transaction ${id}: ${change.oldValue} → ${to}` : `transaction ${id} is already ${to}`;
                }),
              );
            }
          }
          return;
        }
      }
    }
    if (input === 'q') return exit();
    if (input === '?') return setDialog({ kind: 'help' });
    if (input === 'w') return setTrendMode((m) => (m === 'spending' ? 'worth' : 'spending'));
    if (key.tab) {
      const i = visibleFocus.indexOf(focused);
      const n = visibleFocus.length;
      setFocus(visibleFocus[(i + (key.shift ? n - 1 : 1)) % n] ?? 'transactions');
      return;
    }
    if (key.upArrow || input === 'k') return moveIn(focused, -1);
    if (key.downArrow || input === 'j') return moveIn(focused, 1);
    if (key.pageUp) return moveIn(focused, -pageOf(focused));
    if (key.pageDown) return moveIn(focused, pageOf(focused));
    if (input === 'g') {
      if (focused === 'transactions') tx.top();
      else if (focused !== 'trend' && focused !== 'upcoming') setSelected((s) => ({ ...s, [focused]: 0 }));
      return;
    }
    if (key.escape) {
      if (filter.search !== undefined || filter.category !== undefined) {
        setFilter({});
        setStatus('filters cleared');
      }
      return;
    }
    if (key.return) {
      if (focused === 'spending' || focused === 'budgets') {
        const category =
          focused === 'spending'
            ? snapshot.spending[sel('spending')]?.category
            : snapshot.budgets[sel('budgets')]?.budget.category;
        if (category) {
          setFilter((f) => ({ ...f, category }));
          setFocus('transactions');
        }
        return;
      }
      const target = targetTransaction();
      if (target) openDetail(target.id);
      return;
    }
    if (input === '/') return setPrompt({ kind: 'search', text: filter.search ?? '' });
    if (input === 'c') {
      const at = filter.category === undefined ? 0 : snapshot.categories.indexOf(filter.category) + 1;
      return setDialog({ kind: 'category', purpose: 'filter', current: filter.category, selected: Math.max(0, at) });
    }
    if (input === 'e') {
      const target = targetTransaction();
      if (!target) return setStatus('e changes a transaction: select one in Transactions or Anomalies');
      return setDialog({
        kind: 'category',
        purpose: 'edit',
        txId: target.id,
        current: target.category,
        selected: Math.max(0, target.category ? snapshot.categories.indexOf(target.category) : 0),
      });
    }
    if (input === 's') {
      sync.start();
      return setDialog({ kind: 'sync' });
    }
    if (input === 'a') {
      if (snapshot.alerts.length === 0) return setStatus('no unread alerts');
      return setDialog({ kind: 'alerts' });
    }
    if (input === 'd') {
      const anomaly = focused === 'anomalies' ? snapshot.anomalies[sel('anomalies')] : undefined;
      if (!anomaly) return setStatus('d dismisses an anomaly: select one in Anomalies (Tab)');
      act(dismiss(ctx, anomaly.id).then(() => `anomaly ${anomaly.id} dismissed`));
      return;
    }
  };
  useKeys(onKey, interactive);

  const width = size.columns;
  const panel = (box: PanelBox, columnWidth: number) => {
    const common = { width: columnWidth, rows: box.rows, focused: focused === box.id };
    switch (box.id) {
      case 'accounts':
        return <AccountsPanel key="accounts" accounts={snapshot.accounts} selected={sel('accounts')} {...common} />;
      case 'budgets':
        return <BudgetsPanel key="budgets" budgets={snapshot.budgets} selected={sel('budgets')} {...common} />;
      case 'spending':
        return <SpendingPanel key="spending" spending={snapshot.spending} selected={sel('spending')} {...common} />;
      case 'anomalies':
        return <AnomaliesPanel key="anomalies" anomalies={snapshot.anomalies} selected={sel('anomalies')} {...common} />;
      case 'trend':
        return <TrendPanel key="trend" trends={trend} mode={trendMode} width={columnWidth} rows={box.rows} />;
      case 'upcoming':
        return <UpcomingPanel key="upcoming" upcoming={trend?.upcoming} width={columnWidth} rows={box.rows} />;
      case 'transactions':
        return <TransactionsPanel key="transactions" window={tx} filter={filter} accounts={snapshot.accounts} {...common} />;
    }
  };

  const dialogRows = Math.max(1, layout.bodyRows - 2);
  const body = layout.tooSmall ? (
    <Text>{`terminal too small (${size.columns}x${size.rows}); finagg needs at least 40x12`}</Text>
  ) : dialog ? (
    dialog.kind === 'help' ? (
      <HelpDialog width={width} rows={dialogRows} />
    ) : dialog.kind === 'detail' ? (
      <DetailDialog detail={dialog.detail} width={width} rows={dialogRows} />
    ) : dialog.kind === 'category' ? (
      <CategoryDialog
        title={dialog.purpose === 'filter' ? 'Filter by category' : `New category for transaction ${dialog.txId}`}
        choices={categoryChoices}
        selected={dialog.selected}
        width={width}
        rows={dialogRows}
      />
    ) : dialog.kind === 'alerts' ? (
      <AlertsDialog
        alerts={snapshot.alerts}
        deliveries={snapshot.deliveries}
        timeZone={ctx.timeZone}
        width={width}
        rows={dialogRows}
      />
    ) : (
      <SyncDialog sync={sync.state} width={width} rows={dialogRows} />
    )
  ) : (
    <Box flexDirection="row">
      {layout.columns.map((column, i) => (
        <Box key={i} flexDirection="column" width={column.width}>
          {column.panels.map((box) => panel(box, column.width))}
        </Box>
      ))}
    </Box>
  );

  return (
    <ThemeContext.Provider value={{ paint, colored: paint.level > 0 }}>
      <Box flexDirection="column" width={width} height={Math.max(1, size.rows - 1)}>
        <Header snapshot={snapshot} timeZone={ctx.timeZone} width={width} syncing={sync.state.running} />
        <Box height={layout.bodyRows} flexDirection="column">
          {body}
        </Box>
        <Footer width={width} message={status} prompt={prompt} />
      </Box>
    </ThemeContext.Provider>
  );
}
