// The privacy pop-up's state (PIPL Art. 14, WeChat's privacy rules since 2023).
// Two ways it opens:
//  - on any page, when GET /api/me says the current 隐私政策 / 用户协议 is not agreed yet
//    (a first sign-in, or a new version of either text: shared/consent.ts);
//  - before the album, camera or clipboard is used: `askPrivacy` in front of the call, and
//    in WeChat also when WeChat itself asks (wx.onNeedPrivacyAuthorization), whose pending
//    call goes on only after our 同意 button (open-type="agreePrivacyAuthorization") is tapped.
// Refusing closes it; the app keeps working, and the next privacy call asks again.
import Taro from '@tarojs/taro';
import { useSyncExternalStore } from 'react';
import { CONSENT_KINDS, CONSENT_VERSIONS } from '../../shared/consent.js';
import { messageOf } from '../api/errors.js';
import { api } from '../api/index.js';
import { store } from './store.js';

/** The 隐私政策 and 用户协议 pages (a subpackage: read rarely, kept out of the main package). */
export const POLICY_PAGES = {
  privacy: '/packages/policy/privacy/index',
  terms: '/packages/policy/terms/index',
} as const;

/** The id WeChat checks was tapped before a pending privacy call may go on. */
export const AGREE_BUTTON_ID = 'privacy-agree';

type WechatResolve = (o: { event: 'agree' | 'disagree' | 'exposureAuthorization'; buttonId?: string }) => void;

export interface PrivacyAsk {
  /** asked for by a privacy call (a photo, the clipboard), not just opened because the app was */
  asked: boolean;
  /** what the call is for, in words: 拍照或选照片, 复制绑定码 */
  purpose: string | null;
  /** refused (or closed) once since the app opened: not pushed again until a privacy call asks */
  dismissed: boolean;
  saving: boolean;
  error: string | null;
}

let state: PrivacyAsk = { asked: false, purpose: null, dismissed: false, saving: false, error: null };
const listeners = new Set<() => void>();
let waiting: Array<(agreed: boolean) => void> = [];
let wechatResolve: WechatResolve | null = null;

function set(patch: Partial<PrivacyAsk>) {
  state = { ...state, ...patch };
  listeners.forEach((l) => l());
}

// Asked when the server says so. Before the user is loaded nothing is known: the call goes
// on, and in WeChat its own check (onNeedPrivacyAuthorization below) still stops it.
const notAgreedYet = () => store.get().me?.consent?.agreed === false;

function settle(agreed: boolean) {
  const list = waiting;
  waiting = [];
  list.forEach((w) => w(agreed));
}

export const privacy = {
  get: () => state,
  subscribe(l: () => void) {
    listeners.add(l);
    return () => listeners.delete(l);
  },
  /** Whether the pop-up shows now. */
  showing(s: PrivacyAsk = state): boolean {
    if (s.asked) return true;
    return notAgreedYet() && !s.dismissed;
  },
  /** 同意: recorded on the server (each text at its current version), then whatever waited goes on. */
  async agree(): Promise<void> {
    set({ saving: true, error: null });
    try {
      let consent = store.get().me?.consent;
      for (const kind of CONSENT_KINDS) consent = await api.consent(kind, CONSENT_VERSIONS[kind]);
      const me = store.get().me;
      if (me && consent) store.signedIn({ ...me, consent });
    } catch (e) {
      // WeChat has the tap already; our record has not been written: say so and let them tap again
      set({ saving: false, error: `没有保存成功：${messageOf(e)}` });
      return;
    }
    wechatResolve?.({ event: 'agree', buttonId: AGREE_BUTTON_ID });
    wechatResolve = null;
    set({ asked: false, purpose: null, saving: false, dismissed: false });
    settle(true);
  },
  /** 不同意: the pending call fails, nothing else changes. */
  refuse(): void {
    wechatResolve?.({ event: 'disagree' });
    wechatResolve = null;
    set({ asked: false, purpose: null, dismissed: true, error: null });
    settle(false);
  },
  /** Forget the session's state (sign-out, tests). */
  reset(): void {
    wechatResolve = null;
    settle(false);
    set({ asked: false, purpose: null, dismissed: false, saving: false, error: null });
  },
};

/**
 * In front of every use of the album, camera or clipboard: true at once when the current
 * texts are agreed, else the pop-up opens and this waits for 同意 (true) or 不同意 (false).
 */
export function askPrivacy(purpose: string): Promise<boolean> {
  if (!notAgreedYet()) return Promise.resolve(true);
  return new Promise((resolve) => {
    waiting.push(resolve);
    set({ asked: true, purpose });
  });
}

/** WeChat only: called once when the app starts (client/app.ts). */
export function listenForWechatPrivacy(): void {
  if (process.env.TARO_ENV !== 'weapp' || typeof Taro.onNeedPrivacyAuthorization !== 'function') return;
  Taro.onNeedPrivacyAuthorization((resolve) => {
    // a privacy call is waiting for the user's answer (agreed with us on another phone, say, but not in this WeChat)
    wechatResolve = resolve as WechatResolve;
    wechatResolve({ event: 'exposureAuthorization' });
    set({ asked: true });
  });
}

export function usePrivacy(): PrivacyAsk {
  return useSyncExternalStore(privacy.subscribe, privacy.get, privacy.get);
}
