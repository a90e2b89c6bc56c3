// 扫码登录: the page the console's code opens (scene = the ticket). It marks the code
// scanned, shows which account is about to sign in, which browser asked, from where
// and when, and asks 确认登录 or 取消. A resident's account is refused by the server
// (no staff-side role) and told so here in plain words.
import { Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { useEffect, useState } from 'react';
import { messageOf } from '../../../api/errors.js';
import { session } from '../../../api/http.js';
import { api } from '../../../api/index.js';
import type { QrScan } from '../../../api/types.js';
import { ActionButton } from '../../../components/ActionButton.js';
import { Spinner } from '../../../components/ListState.js';
import { Page } from '../../../components/Page.js';
import { store } from '../../../lib/store.js';
import { PAGES } from '../../../lib/workspaces.js';
import { when } from '../../../lib/words.js';
import '../signin.scss';

/** The ticket: WeChat hands a mini-program code's scene to the page URL-encoded; the development QR code's URL does the same. */
export function ticketOf(params: Record<string, string | undefined>): string {
  const raw = params.scene ?? '';
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}

/** Signed in already, or (in WeChat) silently with wx.login: the person scanning is who signs in. */
async function ensureSignedIn(): Promise<boolean> {
  if (!session.token()) {
    if (process.env.TARO_ENV !== 'weapp') return false;
    const { code } = await Taro.login();
    session.set((await api.auth.wechat(code)).token);
  }
  store.signedIn(await api.me());
  return true;
}

type Step = { kind: 'loading' } | { kind: 'ask'; scan: QrScan } | { kind: 'done' } | { kind: 'cancelled' } | { kind: 'failed'; message: string } | { kind: 'signedOut' };

export default function ConfirmSignInPage() {
  const ticket = ticketOf(useRouter().params);
  const [step, setStep] = useState<Step>({ kind: 'loading' });

  useEffect(() => {
    void (async () => {
      try {
        if (!(await ensureSignedIn())) {
          setStep({ kind: 'signedOut' });
          return;
        }
        setStep({ kind: 'ask', scan: await api.auth.qr.scan(ticket) });
      } catch (e) {
        setStep({ kind: 'failed', message: messageOf(e) });
      }
    })();
  }, [ticket]);

  return (
    <Page>
      <ConfirmSignIn
        step={step}
        confirm={async () => {
          await api.auth.qr.confirm(ticket);
          setStep({ kind: 'done' });
        }}
        cancel={async () => {
          await api.auth.qr.cancel(ticket);
          setStep({ kind: 'cancelled' });
        }}
        close={() => void Taro.reLaunch({ url: PAGES.login })}
      />
    </Page>
  );
}

/** The page without its data source, for the tests. */
export function ConfirmSignIn({
  step,
  confirm,
  cancel,
  close,
  now = new Date(),
}: {
  step: Step;
  confirm: () => Promise<void>;
  cancel: () => Promise<void>;
  close: () => void;
  now?: Date;
}) {
  if (step.kind === 'loading') return <Spinner text="正在读取登录信息…" />;
  if (step.kind === 'signedOut') {
    return (
      <View className="card">
        <Text className="signin__ask">请先登录小程序</Text>
        <Text className="text">登录以后，再扫一次电脑上的二维码。</Text>
        <ActionButton onPress={async () => close()}>去登录</ActionButton>
      </View>
    );
  }
  if (step.kind === 'failed') {
    return (
      <View className="card">
        <Text className="signin__ask">不能登录</Text>
        <Text className="error-note">{step.message}</Text>
        <ActionButton kind="secondary" onPress={async () => close()}>
          回到小程序
        </ActionButton>
      </View>
    );
  }
  if (step.kind === 'done' || step.kind === 'cancelled') {
    const done = step.kind === 'done';
    return (
      <View className="card">
        <Text className="signin__ask">{done ? '已确认，电脑上马上就能用了' : '已取消，电脑没有登录'}</Text>
        <Text className="muted">{done ? '用完记得在电脑上点“退出”。' : '如果不是您在电脑前扫的码，请告诉社区管理员。'}</Text>
        <ActionButton kind="secondary" onPress={async () => close()}>
          回到小程序
        </ActionButton>
      </View>
    );
  }
  const { scan } = step;
  return (
    <View>
      <Text className="signin__ask">在电脑上登录社区工作台？</Text>
      <View className="card signin__facts">
        <View className="kv">
          <Text className="kv__k">登录账号</Text>
          <Text className="kv__v">{scan.displayName}</Text>
        </View>
        <View className="kv">
          <Text className="kv__k">电脑浏览器</Text>
          <Text className="kv__v">{scan.browser}</Text>
        </View>
        <View className="kv">
          <Text className="kv__k">网络地址</Text>
          <Text className="kv__v">{scan.ip ?? '不知道'}</Text>
        </View>
        <View className="kv">
          <Text className="kv__k">时间</Text>
          <Text className="kv__v">{when(scan.requestedAt, now)}</Text>
        </View>
      </View>
      <Text className="hint signin__warn">只有您本人正坐在这台电脑前，才点“确认登录”。别人发来的二维码不要扫。</Text>
      <ActionButton onPress={confirm}>确认登录</ActionButton>
      <ActionButton kind="secondary" onPress={cancel}>
        取消
      </ActionButton>
    </View>
  );
}
