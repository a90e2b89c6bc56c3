import { useCallback, useState } from 'react';
import { messageOf } from '../api/errors.js';
import { useRemote } from './useRemote.js';

export interface Paged<T> {
  items: T[];
  nextCursor: string | null;
}

/**
 * A cursor-paged list (ledger, redemptions, notices): the first page on load and
 * on refresh, more on demand. `first` is the whole first answer (a ledger's
 * balance, the unread count); `update` changes one item in place after an action.
 */
export function usePaged<T extends { id: string }, P extends Paged<T> = Paged<T>>(load: (cursor?: string) => Promise<P>, deps: unknown[], enabled = true) {
  const [more, setMore] = useState<{ items: T[]; cursor: string | null; error: string | null; loading: boolean } | null>(null);
  const first = useRemote(async () => {
    const page = await load();
    setMore(null);
    return page;
  }, deps, enabled);
  const [patches, setPatches] = useState<Map<string, T>>(new Map());
  const patched = (t: T) => patches.get(t.id) ?? t;
  const items = [...(first.data?.items ?? []), ...(more?.items ?? [])].map(patched);
  const cursor = more ? more.cursor : (first.data?.nextCursor ?? null);

  const loadMore = useCallback(async () => {
    if (!cursor) return;
    setMore((m) => ({ items: m?.items ?? [], cursor, error: null, loading: true }));
    try {
      const page = await load(cursor);
      setMore((m) => ({ items: [...(m?.items ?? []), ...page.items], cursor: page.nextCursor, error: null, loading: false }));
    } catch (e) {
      setMore((m) => ({ items: m?.items ?? [], cursor, error: messageOf(e), loading: false }));
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the caller names what the loader depends on
  }, [cursor, ...deps]);

  const reload = useCallback(async () => {
    await first.reload();
    setPatches(new Map());
  }, [first.reload]);

  return {
    first: first.data,
    items,
    loading: first.loading,
    error: first.error,
    reload,
    hasMore: Boolean(cursor),
    loadMore,
    loadingMore: more?.loading ?? false,
    moreError: more?.error ?? null,
    /** The server's new version of one item (after cancelling a redemption, reading a notice). */
    update: (item: T) => setPatches((p) => new Map(p).set(item.id, item)),
  };
}
