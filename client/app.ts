import Taro from '@tarojs/taro';
import type { PropsWithChildren } from 'react';
import { session } from './api/http.js';
import { store } from './lib/store.js';
import { PAGES } from './lib/workspaces.js';
import './app.scss';

// a session that expired or was revoked: back to sign-in, from whatever page
session.onSignedOut(() => {
  store.signedOut();
  void Taro.reLaunch({ url: PAGES.login });
});

export default function App({ children }: PropsWithChildren) {
  return children;
}
