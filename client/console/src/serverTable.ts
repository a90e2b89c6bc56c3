// Tables whose rows come from the server, as state with one request per change and the
// props for antd's Table. A newer request's answer always wins over an older one's.
//  - useServerTable: paged, sorted and filtered on the server (offset paging with the whole count);
//  - useCursorTable: paged on the server by cursor (next / back), the filters drafted until applied;
//  - useWholeList: a short list the server answers whole (the table sorts and filters it in place).
import { App, type TablePaginationConfig, type TableProps } from 'antd';
import { useCallback, useEffect, useRef, useState } from 'react';
import { messageOf } from './api.js';

export interface PageAsk<F> {
  filters: F;
  offset: number;
  limit: number;
  sort?: string;
  order?: 'asc' | 'desc';
}

/**
 * Asks `fetch` again whenever it changes (its dependencies), keeping only the newest answer;
 * a refusal is said in the server's words. `load` asks again now.
 */
function useNewestAnswer<R>(fetch: () => Promise<R>, take: (r: R) => void) {
  const { message } = App.useApp();
  const [loading, setLoading] = useState(false);
  const asked = useRef(0);
  const takeRef = useRef(take);
  takeRef.current = take;

  const load = useCallback(async () => {
    const n = ++asked.current;
    setLoading(true);
    try {
      const r = await fetch();
      if (n === asked.current) takeRef.current(r);
    } catch (e) {
      if (n === asked.current) message.error(messageOf(e));
    } finally {
      if (n === asked.current) setLoading(false);
    }
  }, [fetch, message]);

  useEffect(() => {
    void load();
  }, [load]);

  return { load, loading };
}

/** Keys of F whose values are text (a search box's filter). */
type TextKey<F> = { [K in keyof F]-?: string extends NonNullable<F[K]> ? K : never }[keyof F];

export function useServerTable<F, T>(fetchPage: (ask: PageAsk<F>) => Promise<{ total: number; items: T[] }>, initial: F, pageSize = 20) {
  const { message } = App.useApp();
  const [filters, setFiltersState] = useState<F>(initial);
  const [page, setPage] = useState(1);
  const [size, setSize] = useState(pageSize);
  const [sort, setSort] = useState<{ field?: string; order?: 'asc' | 'desc' }>({});
  const [rows, setRows] = useState<T[]>([]);
  const [total, setTotal] = useState(0);
  // what is typed in the search boxes, searched for only on Enter or the button
  const [typed, setTyped] = useState<Partial<Record<keyof F, string>>>({});
  const fetchRef = useRef(fetchPage);
  fetchRef.current = fetchPage;

  const ask = useCallback(
    () => fetchRef.current({ filters, offset: (page - 1) * size, limit: size, sort: sort.field, order: sort.order }),
    [filters, page, size, sort],
  );
  const { load, loading } = useNewestAnswer(ask, (r) => {
    setRows(r.items);
    setTotal(r.total);
  });

  const setFilters = (f: F) => {
    setFiltersState(f);
    setPage(1);
  };

  /** The value and onChange of a Select that sets the filter `key` (cleared: dropped). */
  const filterProps = <K extends keyof F>(key: K) => ({
    value: filters[key],
    onChange: (v: F[K]) => setFilters({ ...filters, [key]: v }),
  });

  /**
   * The props of an Input.Search for the text filter `key`: searched trimmed, an empty box
   * drops the filter; `problem` words a search refused before it is asked (shown as a warning).
   */
  const searchProps = (key: TextKey<F>, problem?: (text: string) => string | null) => ({
    allowClear: true,
    value: typed[key] ?? '',
    onChange: (e: { target: { value: string } }) => setTyped({ ...typed, [key]: e.target.value }),
    onSearch: (text: string) => {
      const v = text.trim();
      const refused = v ? problem?.(v) : null;
      if (refused) {
        message.warning(refused);
        return;
      }
      setFilters({ ...filters, [key]: v || undefined });
    },
  });

  const onChange: TableProps<T>['onChange'] = (p: TablePaginationConfig, _f, sorter) => {
    const s = Array.isArray(sorter) ? sorter[0] : sorter;
    const field = s?.order ? String(s.columnKey ?? s.field) : undefined;
    const order = s?.order === 'ascend' ? 'asc' : s?.order === 'descend' ? 'desc' : undefined;
    if (field !== sort.field || order !== sort.order) {
      setSort({ field, order });
      setPage(1);
    } else {
      setPage(p.current ?? 1);
    }
    if (p.pageSize && p.pageSize !== size) {
      setSize(p.pageSize);
      setPage(1);
    }
  };

  const tableProps = {
    dataSource: rows,
    loading,
    onChange,
    pagination: {
      current: page,
      pageSize: size,
      total,
      showSizeChanger: true,
      pageSizeOptions: [10, 20, 50, 100],
      showTotal: (t: number) => `共 ${t} 条`,
    },
  } satisfies Partial<TableProps<T>>;

  /** A column's sortOrder, for antd, from the sort asked of the server. */
  const sortOrderOf = (key: string) => (sort.field === key ? (sort.order === 'asc' ? 'ascend' : 'descend') : null);

  return { filters, setFilters, filterProps, searchProps, reload: load, tableProps, sortOrderOf, rows, total };
}

export interface CursorAsk<F> {
  filters: F;
  limit: number;
  cursor?: string;
}

export const CURSOR_PAGE_SIZES = [20, 50, 100];

/**
 * A table paged by the server's cursor: the filters being drafted in the form (`draft`) and
 * those applied (`filters`), a new first page whenever they are applied or the page size
 * changes, and the cursors of the pages seen so far, to go back.
 */
export function useCursorTable<F, T>(fetchPage: (ask: CursorAsk<F>) => Promise<{ items: T[]; nextCursor: string | null }>, empty: F) {
  const [draft, setDraft] = useState<F>(empty);
  const [filters, setFilters] = useState<F>(empty);
  const [pageSize, setPageSizeState] = useState(CURSOR_PAGE_SIZES[0]!);
  const [cursors, setCursors] = useState<Array<string | undefined>>([undefined]);
  const [rows, setRows] = useState<T[]>([]);
  const [next, setNext] = useState<string | null>(null);
  const fetchRef = useRef(fetchPage);
  fetchRef.current = fetchPage;

  const ask = useCallback(() => fetchRef.current({ filters, limit: pageSize, cursor: cursors.at(-1) }), [filters, pageSize, cursors]);
  const { load, loading } = useNewestAnswer(ask, (r) => {
    setRows(r.items);
    setNext(r.nextCursor);
  });

  /** Applies `f` (and shows it in the form): from the first page again. */
  const apply = (f: F) => {
    setDraft(f);
    setFilters(f);
    setCursors([undefined]);
  };

  return {
    draft,
    setDraft,
    filters,
    apply,
    reload: load,
    rows,
    tableProps: { dataSource: rows, loading, pagination: false as const },
    pager: {
      page: cursors.length,
      shown: rows.length,
      pageSize,
      hasNext: next !== null,
      back: () => setCursors(cursors.slice(0, -1)),
      next: () => next !== null && setCursors([...cursors, next]),
      setPageSize: (n: number) => {
        setPageSizeState(n);
        setCursors([undefined]);
      },
    },
  };
}

export type CursorPagerState = ReturnType<typeof useCursorTable>['pager'];

/** A short list the server answers whole: its rows, loading, and `reload` after a change. */
export function useWholeList<T>(fetchAll: () => Promise<T[]>) {
  const [rows, setRows] = useState<T[]>([]);
  const fetchRef = useRef(fetchAll);
  fetchRef.current = fetchAll;
  const ask = useCallback(() => fetchRef.current(), []);
  const { load, loading } = useNewestAnswer(ask, setRows);
  return { rows, loading, reload: load };
}
