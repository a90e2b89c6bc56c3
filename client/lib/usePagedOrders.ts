import { useCallback, useState } from 'react';
import { api } from '../api/index.js';
import type { OrderSummary, OrdersQuery } from '../api/types.js';
import { messageOf } from '../api/errors.js';
import { useRemote } from './useRemote.js';

/** A list of orders, first page on load, more on demand (cursor paging). */
export function usePagedOrders(query: OrdersQuery, key: string) {
  const [more, setMore] = useState<{ items: OrderSummary[]; cursor: string | null; error: string | null; loading: boolean } | null>(null);
  const first = useRemote(async () => {
    setMore(null);
    return api.orders.list(query);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);
  const items = [...(first.data?.items ?? []), ...(more?.items ?? [])];
  const cursor = more ? more.cursor : (first.data?.nextCursor ?? null);

  const loadMore = useCallback(async () => {
    if (!cursor) return;
    setMore((m) => ({ items: m?.items ?? [], cursor, error: null, loading: true }));
    try {
      const page = await api.orders.list({ ...query, cursor });
      setMore((m) => ({ items: [...(m?.items ?? []), ...page.items], cursor: page.nextCursor, error: null, loading: false }));
    } catch (e) {
      setMore((m) => ({ items: m?.items ?? [], cursor, error: messageOf(e), loading: false }));
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [cursor, key]);

  return {
    items,
    loading: first.loading,
    error: first.error,
    reload: first.reload,
    hasMore: Boolean(cursor),
    loadMore,
    loadingMore: more?.loading ?? false,
    moreError: more?.error ?? null,
  };
}
