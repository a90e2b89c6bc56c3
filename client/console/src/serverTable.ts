// A table paged, sorted and filtered on the server (offset paging with the whole count):
// the filters, page and sort as state, one request per change, and the props for antd's
// Table. A newer request's answer always wins over an older one's.
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

export function useServerTable<F, T>(fetchPage: (ask: PageAsk<F>) => Promise<{ total: number; items: T[] }>, initial: F, pageSize = 20) {
  const { message } = App.useApp();
  const [filters, setFiltersState] = useState<F>(initial);
  const [page, setPage] = useState(1);
  const [size, setSize] = useState(pageSize);
  const [sort, setSort] = useState<{ field?: string; order?: 'asc' | 'desc' }>({});
  const [rows, setRows] = useState<T[]>([]);
  const [total, setTotal] = useState(0);
  const [loading, setLoading] = useState(false);
  const asked = useRef(0);
  const fetchRef = useRef(fetchPage);
  fetchRef.current = fetchPage;

  const load = useCallback(async () => {
    const n = ++asked.current;
    setLoading(true);
    try {
      const r = await fetchRef.current({ filters, offset: (page - 1) * size, limit: size, sort: sort.field, order: sort.order });
      if (n !== asked.current) return;
      setRows(r.items);
      setTotal(r.total);
    } catch (e) {
      if (n === asked.current) message.error(messageOf(e));
    } finally {
      if (n === asked.current) setLoading(false);
    }
  }, [filters, page, size, sort, message]);

  useEffect(() => {
    void load();
  }, [load]);

  const setFilters = (f: F) => {
    setFiltersState(f);
    setPage(1);
  };

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

  return { filters, setFilters, reload: load, tableProps, sortOrderOf, rows, total };
}
