// Hooks that only make sense inside a Taro page.
import Taro, { useDidShow, usePullDownRefresh, useRouter } from '@tarojs/taro';
import { useEffect, useRef } from 'react';
import { api } from '../api/index.js';
import { session } from '../api/http.js';
import type { Me } from '../api/types.js';
import { store, useAppState } from './store.js';
import { PAGES } from './workspaces.js';

/** Pull down to refresh, and refresh when coming back to the page (after acting on a request). */
export function useRefresh(reload: () => Promise<void>) {
  const shown = useRef(false);
  usePullDownRefresh(() => {
    void reload().finally(() => Taro.stopPullDownRefresh());
  });
  useDidShow(() => {
    if (shown.current) void reload();
    shown.current = true;
  });
}

let restoring: Promise<void> | null = null;

/** Who is signed in; sends to the sign-in page without a session (a page opened from a link, say). */
export function useSession(): Me | null {
  const { me } = useAppState();
  useEffect(() => {
    if (me) return;
    if (!session.token()) {
      void Taro.reLaunch({ url: PAGES.login });
      return;
    }
    restoring ??= api
      .me()
      .then((m) => store.signedIn(m))
      .catch(() => {
        void Taro.reLaunch({ url: PAGES.login });
      })
      .finally(() => {
        restoring = null;
      });
  }, [me]);
  return me;
}

export function useParam(name: string): string {
  return useRouter().params[name] ?? '';
}
