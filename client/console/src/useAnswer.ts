// What one read of the server answers, kept on the page: the last answer (kept through a
// failed reload, so the page stays as it was), or the words of why it could not be read.
import { useCallback, useEffect, useState } from 'react';
import { messageOf } from './api.js';

/** `fetch` is read at once and again whenever it changes (memoise it on what it reads); `reload` reads it now. */
export function useAnswer<R>(fetch: () => Promise<R>) {
  const [answer, setAnswer] = useState<R | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const reload = useCallback(async () => {
    try {
      setAnswer(await fetch());
      setProblem(null);
    } catch (e) {
      setProblem(messageOf(e));
    }
  }, [fetch]);
  useEffect(() => {
    void reload();
  }, [reload]);
  return { answer, problem, reload };
}
