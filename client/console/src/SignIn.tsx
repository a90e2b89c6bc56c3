// The sign-in page: 扫码登录 first (the code, scanned and confirmed with the mini-program),
// username and password second (accounts an admin enabled), then, for a first password,
// the change step before anything else; with 两步验证 on, the authenticator's code (or a
// recovery code) as a second step. Development and test builds also list the demo
// accounts. signIn.ts is the one module that knows how signing in works.
import { Alert, Button, Card, Divider, Form, Input, Tabs, Typography } from 'antd';
import { useCallback, useState } from 'react';
import { messageOf } from './api.js';
import { QrSignIn } from './QrSignIn.js';
import { changePassword, completeSecondStep, DEMO_ACCOUNTS, DEV_SIGN_IN, signIn, signInWithPassword, signOut } from './signIn.js';

const TAB_KEY = 'ejia.console.signInTab';

interface Credentials {
  username: string;
  password: string;
}

interface NewPassword {
  newPassword: string;
  confirm: string;
}

export function SignIn({ onSignedIn, problem }: { onSignedIn: () => void; problem: string | null }) {
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(problem);
  // the first password, kept only until it is changed
  const [firstPassword, setFirstPassword] = useState<string | null>(null);
  // 两步验证: the password was right, the code is still to come (the password kept for a first-password change)
  const [secondStep, setSecondStep] = useState<{ challenge: string; password: string } | null>(null);
  const [useRecovery, setUseRecovery] = useState(false);
  // the way this PC signed in last time (a password user is not sent to the code every time)
  const [tab, setTab] = useState(() => (localStorage.getItem(TAB_KEY) === 'password' ? 'password' : 'qr'));
  // a scan signed in an account whose first password is still to be changed: that takes the password
  const mustChangeFirst = useCallback(() => {
    void signOut();
    setTab('password');
    setError('这个账号的初始密码还没改。请先用账号和初始密码登录一次，改好密码后就能扫码登录了。');
  }, []);

  const attempt = async (key: string, work: () => Promise<void>) => {
    setBusy(key);
    setError(null);
    try {
      await work();
    } catch (e) {
      setError(messageOf(e));
    } finally {
      setBusy(null);
    }
  };

  const withPassword = (v: Credentials) =>
    attempt('password', async () => {
      const r = await signInWithPassword(v.username, v.password);
      if (r.challenge !== undefined) {
        setUseRecovery(false);
        setSecondStep({ challenge: r.challenge, password: v.password });
      } else if (r.mustChangePassword) setFirstPassword(v.password);
      else onSignedIn();
    });

  const withCode = (v: { code?: string; recoveryCode?: string }) =>
    attempt('code', async () => {
      const step = secondStep!;
      const r = await completeSecondStep(step.challenge, v.recoveryCode !== undefined ? { recoveryCode: v.recoveryCode } : { code: v.code ?? '' });
      setSecondStep(null);
      if (r.mustChangePassword) setFirstPassword(step.password);
      else onSignedIn();
    });

  const change = (v: NewPassword) =>
    attempt('change', async () => {
      await changePassword(firstPassword!, v.newPassword);
      setFirstPassword(null);
      onSignedIn();
    });

  return (
    <div style={{ minHeight: '100vh', display: 'flex', alignItems: 'center', justifyContent: 'center', background: 'linear-gradient(160deg, #fdf2f0, #f5f5f5)' }}>
      <Card style={{ width: 480 }} title={<span style={{ fontSize: 18 }}>e家社区 · 社区工作台</span>}>
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} className="sign-in-error" />}
        {secondStep && !firstPassword ? (
          <SecondStep
            busy={busy === 'code'}
            useRecovery={useRecovery}
            onToggleRecovery={() => {
              setError(null);
              setUseRecovery((u) => !u);
            }}
            onSubmit={(v) => void withCode(v)}
            onBack={() => {
              setError(null);
              setSecondStep(null);
            }}
          />
        ) : firstPassword ? (
          <>
            <Alert type="warning" showIcon title="首次登录，请先修改密码" description="管理员设置的初始密码只能用一次。设一个只有您知道的新密码（至少 10 个字符）后才能使用工作台。" style={{ marginBottom: 16 }} />
            <Form<NewPassword> layout="vertical" onFinish={(v) => void change(v)} requiredMark={false} name="change-password">
              <Form.Item label="新密码" name="newPassword" rules={[{ required: true, message: '请输入新密码' }, { min: 10, message: '至少 10 个字符' }]}>
                <Input.Password autoComplete="new-password" />
              </Form.Item>
              <Form.Item
                label="再输一次"
                name="confirm"
                dependencies={['newPassword']}
                rules={[
                  { required: true, message: '请再输一次新密码' },
                  ({ getFieldValue }) => ({
                    validator: (_r, value) => (value === getFieldValue('newPassword') ? Promise.resolve() : Promise.reject(new Error('两次输入的不一样'))),
                  }),
                ]}
              >
                <Input.Password autoComplete="new-password" />
              </Form.Item>
              <Button type="primary" htmlType="submit" block loading={busy === 'change'}>修改密码并进入</Button>
            </Form>
          </>
        ) : (
          <>
            <Tabs
              activeKey={tab}
              onChange={(k) => {
                setTab(k);
                setError(null);
                localStorage.setItem(TAB_KEY, k);
              }}
              centered
              destroyOnHidden
              items={[
                {
                  key: 'qr',
                  label: '扫码登录',
                  children: <QrSignIn onSignedIn={onSignedIn} onMustChangePassword={mustChangeFirst} />,
                },
                {
                  key: 'password',
                  label: '账号密码登录',
                  children: (
                    <>
                      <Form<Credentials> layout="vertical" onFinish={(v) => void withPassword(v)} requiredMark={false} name="password-sign-in">
                        <Form.Item label="用户名" name="username" rules={[{ required: true, message: '请输入用户名' }]}>
                          <Input autoComplete="username" autoFocus />
                        </Form.Item>
                        <Form.Item label="密码" name="password" rules={[{ required: true, message: '请输入密码' }]}>
                          <Input.Password autoComplete="current-password" />
                        </Form.Item>
                        <Button type="primary" htmlType="submit" block loading={busy === 'password'}>登录</Button>
                      </Form>
                      <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0, fontSize: 12 }}>
                        账号密码由平台管理员开通。连续输错 5 次将锁定 15 分钟。
                      </Typography.Paragraph>
                    </>
                  ),
                },
              ]}
            />
            <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0, fontSize: 12, textAlign: 'center' }}>
              30 分钟无操作会自动退出，用完请点“退出”。
            </Typography.Paragraph>
            {DEV_SIGN_IN && (
              <>
                <Divider plain>开发和测试环境：演示账号</Divider>
                {DEMO_ACCOUNTS.map((a) => (
                  <div key={a.openid} className="demo-account" style={{ display: 'flex', alignItems: 'center', justifyContent: 'space-between', padding: '10px 12px', border: '1px solid #f0f0f0', borderRadius: 4, marginBottom: 8 }}>
                    <div>
                      <div style={{ fontWeight: 500 }}>{a.who}</div>
                      <div style={{ color: '#999', fontSize: 12 }}>{a.openid}</div>
                    </div>
                    <Button loading={busy === a.openid} onClick={() => void attempt(a.openid, async () => { await signIn(a.openid); onSignedIn(); })}>登录</Button>
                  </div>
                ))}
              </>
            )}
          </>
        )}
      </Card>
    </div>
  );
}

/**
 * The second step: the 6 digits the phone's authenticator shows, in one big box that
 * takes the focus (many staff are not young; a code typed with spaces is fine), or a
 * recovery code for a lost phone.
 */
function SecondStep(props: {
  busy: boolean;
  useRecovery: boolean;
  onToggleRecovery: () => void;
  onSubmit: (v: { code?: string; recoveryCode?: string }) => void;
  onBack: () => void;
}) {
  return (
    <div data-testid="second-step">
      <Typography.Title level={4} style={{ marginTop: 0 }}>两步验证</Typography.Title>
      {props.useRecovery ? (
        <Form<{ recoveryCode: string }> key="recovery" layout="vertical" requiredMark={false} name="recovery-code" onFinish={(v) => props.onSubmit({ recoveryCode: v.recoveryCode })}>
          <Typography.Paragraph>手机丢了或不在身边时，输入开启两步验证时保存的一个恢复码（每个只能用一次）。</Typography.Paragraph>
          <Form.Item label="恢复码" name="recoveryCode" rules={[{ required: true, message: '请输入恢复码' }]}>
            <Input size="large" autoFocus autoComplete="off" placeholder="例如 7KQ2M-XD9PA" style={{ fontSize: 22, letterSpacing: 2, textAlign: 'center' }} />
          </Form.Item>
          <Button type="primary" size="large" htmlType="submit" block loading={props.busy}>登录</Button>
        </Form>
      ) : (
        <Form<{ code: string }> key="code" layout="vertical" requiredMark={false} name="totp-code" onFinish={(v) => props.onSubmit({ code: v.code.replace(/\s+/g, '') })}>
          <Typography.Paragraph>打开手机上的身份验证器（微信小程序“腾讯身份验证器”、Google 或 Microsoft Authenticator），输入 e家社区 下面显示的 6 位数字。</Typography.Paragraph>
          <Form.Item
            name="code"
            rules={[
              { required: true, message: '请输入 6 位数字' },
              { pattern: /^\s*\d{3}\s*\d{3}\s*$/, message: '验证码是 6 位数字' },
            ]}
          >
            <Input
              size="large"
              autoFocus
              inputMode="numeric"
              autoComplete="one-time-code"
              maxLength={7}
              placeholder="6 位数字"
              aria-label="验证码"
              style={{ fontSize: 32, letterSpacing: 10, textAlign: 'center', height: 64 }}
            />
          </Form.Item>
          <Button type="primary" size="large" htmlType="submit" block loading={props.busy}>验证并登录</Button>
        </Form>
      )}
      <div style={{ display: 'flex', justifyContent: 'space-between', marginTop: 16 }}>
        <Button type="link" style={{ padding: 0 }} onClick={props.onBack}>返回重新输入密码</Button>
        <Button type="link" style={{ padding: 0 }} onClick={props.onToggleRecovery}>{props.useRecovery ? '使用手机验证码' : '使用恢复码'}</Button>
      </div>
    </div>
  );
}
