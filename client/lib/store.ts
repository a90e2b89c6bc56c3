// App-wide state shared by every page: who is signed in, which workspace, large text.
// A tiny external store (useSyncExternalStore), so each Taro page reads the same values.
import { useSyncExternalStore } from 'react';
import type { Me } from '../api/types.js';
import { KEYS, readStored, writeStored } from './storage.js';
import { pickWorkspace, type Workspace } from './workspaces.js';

export interface AppState {
  me: Me | null;
  workspace: Workspace;
  largeText: boolean;
}

let state: AppState = {
  me: null,
  workspace: 'resident',
  largeText: readStored<boolean>(KEYS.largeText) === true,
};
const listeners = new Set<() => void>();

function set(patch: Partial<AppState>) {
  state = { ...state, ...patch };
  listeners.forEach((l) => l());
}

export const store = {
  get: () => state,
  subscribe(l: () => void) {
    listeners.add(l);
    return () => listeners.delete(l);
  },
  signedIn(me: Me) {
    set({ me, workspace: pickWorkspace(me, readStored<string>(KEYS.workspace)) });
  },
  signedOut() {
    set({ me: null });
  },
  chooseWorkspace(w: Workspace) {
    writeStored(KEYS.workspace, w);
    set({ workspace: w });
  },
  setLargeText(on: boolean) {
    writeStored(KEYS.largeText, on);
    set({ largeText: on });
  },
};

export function useAppState(): AppState {
  return useSyncExternalStore(store.subscribe, store.get, store.get);
}
