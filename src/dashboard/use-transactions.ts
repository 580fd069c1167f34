import { useCallback, useEffect, useRef, useState } from 'react';
import type { AppContext } from '../app/context';
import { queryTransactions } from '../app/transactions';
import type { Transaction } from '../core/transaction';

export interface TransactionFilterState {
  search?: string;
  category?: string;
}

export interface TransactionPage {
  rows: Transaction[];
  hasMore: boolean;
  offset: number;
}

export interface TransactionWindow {
  /** Only the rows on screen: never more than `height`. */
  rows: Transaction[];
  /** Position of the first row in the whole filtered list. */
  offset: number;
  /** Position of the selected row in the whole filtered list. */
  cursor: number;
  hasMore: boolean;
  loading: boolean;
  selected: Transaction | undefined;
  move(delta: number): void;
  top(): void;
}

/**
 * A window of `height` transactions over the filtered list, read from the database a
 * page at a time (the (date, id) index makes each page a short range read). Ink only
 * ever holds what is on screen.
 */
export function useTransactions(
  ctx: AppContext,
  filter: TransactionFilterState,
  height: number,
  version: number,
  initialPage?: TransactionPage,
): TransactionWindow {
  const [offset, setOffset] = useState(0);
  const [cursor, setCursor] = useState(0);
  const [page, setPage] = useState<TransactionPage | undefined>(initialPage);
  const size = Math.max(1, height);

  // A new filter starts at the top.
  useEffect(() => {
    setOffset(0);
    setCursor(0);
  }, [filter.search, filter.category]);

  // The window follows the cursor; keys move the cursor only, so several keys typed
  // before a page arrives still add up.
  useEffect(() => {
    setOffset((o) => (cursor < o ? cursor : cursor >= o + size ? cursor - size + 1 : o));
  }, [cursor, size]);

  useEffect(() => {
    let live = true;
    queryTransactions(ctx, {
      search: filter.search,
      category: filter.category,
      sort: 'date',
      ascending: false,
      limit: size + 1,
      offset,
    }).then(
      (rows) => {
        if (!live) return;
        if (rows.length === 0 && offset > 0) {
          // The list shrank under us (a filter, an edit, a removal): go back to its end.
          setCursor((c) => Math.min(c, offset - 1));
          setOffset(Math.max(0, offset - size));
          return;
        }
        const hasMore = rows.length > size;
        const shown = rows.slice(0, size);
        if (!hasMore) setCursor((c) => Math.min(c, offset + Math.max(0, shown.length - 1)));
        setPage({ rows: shown, hasMore, offset });
      },
      () => live && setPage({ rows: [], hasMore: false, offset }),
    );
    return () => {
      live = false;
    };
  }, [ctx, filter.search, filter.category, offset, size, version]);

  const rows = page?.rows ?? [];
  const hasMore = page?.hasMore ?? false;
  const shown = page?.offset ?? offset;
  const last = shown + rows.length - 1;
  const clamped = rows.length === 0 ? 0 : Math.min(Math.max(cursor, shown), last);
  // The end of the list, when the page on screen holds it.
  const end = useRef<number | undefined>(undefined);
  end.current = page && !page.hasMore ? last : undefined;

  const move = useCallback((delta: number) => {
    setCursor((c) => {
      const next = Math.max(0, c + delta);
      return end.current === undefined ? next : Math.min(next, Math.max(0, end.current));
    });
  }, []);
  const top = useCallback(() => setCursor(0), []);

  return {
    rows,
    offset: shown,
    cursor: clamped,
    hasMore,
    loading: page === undefined,
    selected: rows[clamped - shown],
    move,
    top,
  };
}
