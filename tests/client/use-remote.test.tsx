// useRemote: data from the server with its loading state, where only the newest answer counts.
import { act, cleanup, renderHook } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { useRemote } from '../../client/lib/useRemote.js';

afterEach(cleanup);

/** A load the test answers when it wants to. */
function deferred<T>() {
  let resolve!: (v: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

describe('useRemote', () => {
  it('an action’s answer is not put back by a load that began before it and answers after it', async () => {
    const loads: Array<ReturnType<typeof deferred<string>>> = [];
    const { result } = renderHook(() =>
      useRemote(() => {
        const d = deferred<string>();
        loads.push(d);
        return d.promise;
      }, []),
    );
    await act(async () => loads[0]!.resolve('dispatched'));
    expect(result.current.data).toBe('dispatched');

    // a reload goes out (the page shown again), then the worker's claim answers first
    let reloading!: Promise<void>;
    act(() => {
      reloading = result.current.reload();
    });
    expect(loads).toHaveLength(2);
    act(() => result.current.setData('accepted'));
    expect(result.current).toMatchObject({ data: 'accepted', loading: false });

    await act(async () => {
      loads[1]!.resolve('dispatched');
      await reloading;
    });
    expect(result.current).toMatchObject({ data: 'accepted', loading: false, error: null });
  });

  it('a newer load’s answer replaces the older one', async () => {
    let n = 0;
    const { result } = renderHook(() => useRemote(async () => `answer ${++n}`, []));
    await act(async () => {});
    expect(result.current.data).toBe('answer 1');
    await act(() => result.current.reload());
    expect(result.current.data).toBe('answer 2');
  });
});
