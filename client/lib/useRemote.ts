import { useCallback, useEffect, useRef, useState } from 'react';
import { messageOf } from '../api/errors.js';

/**
 * Data from the server with its loading and error state; only the latest call's answer counts.
 * `enabled` false holds the call back (still loading) until the page knows it may ask, e.g.
 * until the session says the account is linked to a household.
 */
export function useRemote<T>(load: () => Promise<T>, deps: unknown[], enabled = true) {
  const [data, setData] = useState<T | undefined>(undefined);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const seq = useRef(0);
  // eslint-disable-next-line react-hooks/exhaustive-deps -- the caller names what the loader depends on
  const run = useCallback(load, deps);

  const reload = useCallback(async () => {
    if (!enabled) return;
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
  }, [run, enabled]);

  useEffect(() => {
    void reload();
  }, [reload]);

  // An action's answer (a claim, a reply) is newer than any load begun before it: that load's
  // answer, arriving later, must not put the older state back on the screen.
  const replace = useCallback((d: T) => {
    seq.current++;
    setData(d);
    setError(null);
    setLoading(false);
  }, []);

  return { data, error, loading, reload, setData: replace };
}
