import { useCallback, useEffect, useRef, useState } from 'react';
import { messageOf } from '../api/errors.js';

/** Data from the server with its loading and error state; only the latest call's answer counts. */
export function useRemote<T>(load: () => Promise<T>, deps: unknown[]) {
  const [data, setData] = useState<T | undefined>(undefined);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const seq = useRef(0);
  // eslint-disable-next-line react-hooks/exhaustive-deps -- the caller names what the loader depends on
  const run = useCallback(load, deps);

  const reload = useCallback(async () => {
    const n = ++seq.current;
    setLoading(true);
    setError(null);
    try {
      const d = await run();
      if (n === seq.current) setData(d);
    } catch (e) {
      if (n === seq.current) setError(messageOf(e));
    } finally {
      if (n === seq.current) setLoading(false);
    }
  }, [run]);

  useEffect(() => {
    void reload();
  }, [reload]);

  return { data, error, loading, reload, setData };
}
