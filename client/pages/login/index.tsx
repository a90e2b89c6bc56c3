import { Button, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useEffect, useState } from 'react';
import { ApiError, messageOf } from '../../api/errors.js';
import { session } from '../../api/http.js';
import { api } from '../../api/index.js';
import { BigButton } from '../../components/BigButton.js';
import { Page } from '../../components/Page.js';
import { Spinner } from '../../components/ListState.js';
import { POLICY_PAGES } from '../../lib/privacy.js';
import { store } from '../../lib/store.js';
import { homeOf } from '../../lib/workspaces.js';

// Development and test builds only: the demo accounts (README). In a production
// build EJIA_DEV_LOGIN is false and the minifier drops this list and the picker.
const DEV_ACCOUNTS = EJIA_DEV_LOGIN
  ? [
      { openid: 'demo-resident', icon: '🏠', label: '居民', sub: '惠泽1栋 1单元 302' },
      { openid: 'demo-buildinghead', icon: '🤝', label: '楼栋长', sub: '惠泽1栋' },
      { openid: 'demo-gridworker', icon: '🧰', label: '网格员', sub: '惠泽社区 第1网格' },
      { openid: 'demo-staff', icon: '📨', label: '社区干部', sub: '惠泽社区' },
      { openid: 'demo-reviewer', icon: '✅', label: '党组织评单', sub: '惠泽社区' },
      { openid: 'demo-resident-2', icon: '🏠', label: '居民（第2网格）', sub: '惠泽4栋' },
      { openid: 'demo-gridworker-2', icon: '🧰', label: '网格员（第2网格）', sub: '惠泽社区 第2网格' },
      // a WeChat account seen for the first time, through the server's fake WeChat: for trying 账号绑定
      { openid: '', icon: '🆕', label: '新微信用户（未绑定）', sub: '第一次打开小程序' },
    ]
  : [];

type Step = 'checking' | 'choose' | 'browser' | 'failed';

async function enter(token?: string) {
  if (token) session.set(token);
  store.signedIn(await api.me());
  await Taro.reLaunch({ url: homeOf(store.get().workspace) });
}

/** The first page: resumes a session, else signs in (WeChat, or the demo picker in development). */
export default function Login() {
  const [step, setStep] = useState<Step>('checking');
  const [error, setError] = useState<string | null>(null);

  const signIn = async () => {
    setStep('checking');
    setError(null);
    try {
      if (process.env.TARO_ENV === 'weapp') {
        const { code } = await Taro.login();
        const r = await api.auth.wechat(code);
        await enter(r.token);
        return;
      }
      setStep(EJIA_DEV_LOGIN ? 'choose' : 'browser');
    } catch (e) {
      setError(messageOf(e));
      setStep('failed');
    }
  };

  useEffect(() => {
    void (async () => {
      if (session.token()) {
        try {
          await enter();
          return;
        } catch (e) {
          if (!(e instanceof ApiError && e.status === 401)) {
            setError(messageOf(e));
            setStep('failed');
            return;
          }
        }
      }
      await signIn();
    })();
  }, []);

  const pick = async (openid: string) => {
    setError(null);
    try {
      const r = openid ? await api.auth.devLogin(openid) : await api.auth.wechat(`fake:new-${Date.now().toString(36)}`);
      await enter(r.token);
    } catch (e) {
      setError(messageOf(e));
    }
  };

  return (
    <Page>
      <Text className="title">e家社区</Text>
      <Text className="muted">有事找社区，一点就能办</Text>
      {step === 'checking' ? <Spinner text="正在登录…" /> : null}
      {step === 'failed' ? (
        <View>
          <Text className="error-note">{error}</Text>
          <Button className="btn btn--primary" onClick={() => void signIn()}>
            重新登录
          </Button>
        </View>
      ) : null}
      {step === 'browser' ? <Text className="hint">请在微信里打开“e家社区”小程序。</Text> : null}
      <View className="policy-links">
        <Text className="muted">使用前请阅读</Text>
        <Text className="policy-links__link" onClick={() => void Taro.navigateTo({ url: POLICY_PAGES.terms })}>
          《用户协议》
        </Text>
        <Text className="muted">和</Text>
        <Text className="policy-links__link" onClick={() => void Taro.navigateTo({ url: POLICY_PAGES.privacy })}>
          《隐私政策》
        </Text>
      </View>
      {step === 'choose' && EJIA_DEV_LOGIN ? (
        <View>
          <Text className="hint">开发测试版：请选择一个演示账号登录</Text>
          <View className="subtitle" />
          {DEV_ACCOUNTS.map((a) => (
            <BigButton key={a.openid} icon={a.icon} label={a.label} sub={a.sub} onPress={() => void pick(a.openid)} />
          ))}
          {error ? <Text className="error-note">{error}</Text> : null}
        </View>
      ) : null}
    </Page>
  );
}
