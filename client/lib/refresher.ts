// A page's pull-to-refresh (and coming back to it) reaching the loaders of the
// components inside it. Those components stay free of Taro's page hooks, which
// only work inside a running Taro page, so tests can render them on their own.
import { useEffect, useMemo } from 'react';

export interface Refresher {
  /** Registers a loader; returns the way to take it off again. */
  add(reload: () => Promise<void>): () => void;
  /** Runs every registered loader; settles when all have. */
  run(): Promise<void>;
}

export function createRefresher(): Refresher {
  const loaders = new Set<() => Promise<void>>();
  return {
    add(reload) {
      loaders.add(reload);
      return () => loaders.delete(reload);
    },
    run: async () => {
      await Promise.all([...loaders].map((l) => l().catch(() => undefined)));
    },
  };
}

/** One refresher for the lifetime of a page. */
export const useRefresher = () => useMemo(createRefresher, []);

/** Inside a component: run `reload` when the page refreshes (no-op without a refresher). */
export function useRefreshedBy(refresher: Refresher | undefined, reload: () => Promise<void>) {
  useEffect(() => refresher?.add(reload), [refresher, reload]);
}
