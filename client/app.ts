import Taro from '@tarojs/taro';
import type { PropsWithChildren } from 'react';
import { session } from './api/http.js';
import { listenForWechatPrivacy, privacy } from './lib/privacy.js';
import { store } from './lib/store.js';
import { PAGES } from './lib/workspaces.js';
import './app.scss';

// a session that expired or was revoked: back to sign-in, from whatever page
session.onSignedOut(() => {
  store.signedOut();
  privacy.reset();
  void Taro.reLaunch({ url: PAGES.login });
});

// WeChat asks before a privacy call (album, camera, clipboard) the user has not agreed to: our pop-up answers
listenForWechatPrivacy();

export default function App({ children }: PropsWithChildren) {
  return children;
}
