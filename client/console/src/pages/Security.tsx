// 安全设置 (issue #17 item 3): the signed-in account's own password and 两步验证.
// Turning two-step on: the QR code (or the key typed by hand) into an authenticator
// on the phone, one right code, then the ten recovery codes, shown this once. Off
// takes the password and a code. An account that signs in only by scanning has no
// password, so nothing here applies to it but the explanation.
import { CheckCircleTwoTone, CopyOutlined, DownloadOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Descriptions, Form, Image, Input, Space, Spin, Steps, Tag, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { messageOf } from '../api.js';
import type { PageProps } from '../Console.js';
import { changePassword, twoStep, type TotpEnrolment, type TwoStepStatus } from '../signIn.js';

const chinaDate = (iso: string) => new Date(new Date(iso).getTime() + 8 * 3600_000).toISOString().slice(0, 10);
const BIG_CODE = { fontSize: 28, letterSpacing: 8, textAlign: 'center' as const, height: 56, maxWidth: 260 };

export default function SecurityPage(_: PageProps) {
  const { message } = App.useApp();
  const [status, setStatus] = useState<TwoStepStatus | null>(null);
  const [enrolment, setEnrolment] = useState<TotpEnrolment | null>(null);
  const [recoveryCodes, setRecoveryCodes] = useState<string[] | null>(null);
  const [disabling, setDisabling] = useState(false);
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(async () => {
    try {
      setStatus(await twoStep.status());
    } catch (e) {
      setError(messageOf(e));
    }
  }, []);
  useEffect(() => void load(), [load]);

  const run = async (key: string, work: () => Promise<void>) => {
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

  const start = () => run('enrol', async () => setEnrolment(await twoStep.enrol()));
  const confirm = (code: string) =>
    run('confirm', async () => {
      const r = await twoStep.confirm(code.replace(/\s+/g, ''));
      setEnrolment(null);
      setRecoveryCodes(r.recoveryCodes);
      await load();
    });
  const disable = (v: { currentPassword: string; code: string }) =>
    run('disable', async () => {
      const c = v.code.replace(/\s+/g, '');
      await twoStep.disable(v.currentPassword, /^\d{6}$/.test(c) ? { code: c } : { recoveryCode: v.code });
      setDisabling(false);
      message.success('两步验证已关闭');
      await load();
    });

  if (!status) return error ? <Alert type="error" showIcon title={error} /> : <Spin style={{ display: 'block', margin: '80px auto' }} />;

  return (
    <Space orientation="vertical" size="large" style={{ width: '100%', maxWidth: 880 }}>
      <Typography.Title level={3} style={{ margin: 0 }}>安全设置</Typography.Title>
      {error && <Alert type="error" showIcon title={error} closable onClose={() => setError(null)} className="security-error" />}
      <Card
        data-testid="two-step"
        title={<Space><SafetyCertificateOutlined />两步验证</Space>}
        extra={status.enabled ? <Tag color="green" style={{ fontSize: 14, padding: '2px 10px' }}>已开启</Tag> : <Tag style={{ fontSize: 14, padding: '2px 10px' }}>未开启</Tag>}
      >
        {!status.passwordSignIn ? (
          <Alert
            type="info"
            showIcon
            title="这个账号没有开通账号密码登录"
            description="两步验证保护的是“账号密码登录”：输对密码后，还要输入手机上的 6 位验证码。您用扫码登录，已经要用手机确认，不需要再开。需要密码登录请找平台管理员开通。"
          />
        ) : recoveryCodes ? (
          <RecoveryCodes codes={recoveryCodes} onDone={() => setRecoveryCodes(null)} />
        ) : status.enabled ? (
          <>
            <Descriptions column={1} size="middle" styles={{ label: { width: 160 } }}>
              <Descriptions.Item label="开启时间">{status.enabledAt ? chinaDate(status.enabledAt) : '—'}</Descriptions.Item>
              <Descriptions.Item label="剩余恢复码">{status.recoveryCodesLeft} 个{status.recoveryCodesLeft <= 3 && '（快用完了：关闭后重新开启可换一批新的）'}</Descriptions.Item>
            </Descriptions>
            <Typography.Paragraph type="secondary" style={{ marginTop: 12 }}>用账号密码登录时，输对密码后还要输入手机上的 6 位验证码。换手机时，请先关闭再重新开启；手机丢了，可以用恢复码登录，或请管理员重置。</Typography.Paragraph>
            {disabling ? (
              <Form<{ currentPassword: string; code: string }> layout="vertical" requiredMark={false} name="disable-two-step" onFinish={(v) => void disable(v)} style={{ maxWidth: 360 }}>
                <Form.Item label="当前密码" name="currentPassword" rules={[{ required: true, message: '请输入当前密码' }]}>
                  <Input.Password autoComplete="current-password" autoFocus />
                </Form.Item>
                <Form.Item label="手机上的 6 位验证码（或一个恢复码）" name="code" rules={[{ required: true, message: '请输入验证码' }]}>
                  <Input size="large" autoComplete="one-time-code" style={{ fontSize: 22, letterSpacing: 4 }} />
                </Form.Item>
                <Space>
                  <Button danger type="primary" htmlType="submit" loading={busy === 'disable'}>关闭两步验证</Button>
                  <Button onClick={() => setDisabling(false)}>取消</Button>
                </Space>
              </Form>
            ) : (
              <Button danger onClick={() => setDisabling(true)}>关闭两步验证…</Button>
            )}
          </>
        ) : enrolment ? (
          <Enrol enrolment={enrolment} busy={busy === 'confirm'} onConfirm={(c) => void confirm(c)} onCancel={() => setEnrolment(null)} />
        ) : (
          <>
            <Typography.Paragraph style={{ fontSize: 15 }}>
              开启后，用账号密码登录时，除了密码还要输入手机上的 6 位验证码。密码即使被别人知道了，没有您的手机也登录不了。
            </Typography.Paragraph>
            <Button type="primary" size="large" icon={<SafetyCertificateOutlined />} loading={busy === 'enrol'} onClick={() => void start()}>开启两步验证</Button>
          </>
        )}
      </Card>
      {status.passwordSignIn && <ChangePassword />}
    </Space>
  );
}

function Enrol({ enrolment, busy, onConfirm, onCancel }: { enrolment: TotpEnrolment; busy: boolean; onConfirm: (code: string) => void; onCancel: () => void }) {
  const { message } = App.useApp();
  return (
    <div data-testid="enrol">
      <Steps
        orientation="vertical"
        current={1}
        items={[
          { title: '在手机上准备身份验证器', content: '微信里搜索小程序“腾讯身份验证器”，或安装 Google Authenticator、Microsoft Authenticator，任选一个。' },
          {
            title: '扫描下面的二维码',
            content: (
              <Space align="start" size="large" style={{ marginTop: 8 }}>
                <Image src={enrolment.qrImage} alt="两步验证二维码" width={200} height={200} preview={false} style={{ border: '1px solid #f0f0f0' }} />
                <div style={{ maxWidth: 460 }}>
                  <Typography.Paragraph>在验证器里点“+”或“添加账号”，选“扫描二维码”。</Typography.Paragraph>
                  <Typography.Paragraph type="secondary" style={{ marginBottom: 4 }}>扫不了时，选“手动输入密钥”，输入：</Typography.Paragraph>
                  <Space>
                    <Typography.Text code style={{ fontSize: 16, whiteSpace: 'nowrap' }} data-testid="manual-key">{enrolment.secret}</Typography.Text>
                    <Button
                      size="small"
                      icon={<CopyOutlined />}
                      onClick={() => void navigator.clipboard?.writeText(enrolment.secret.replace(/\s+/g, '')).then(() => message.success('已复制'))}
                    >
                      复制
                    </Button>
                  </Space>
                  <Typography.Paragraph type="secondary" style={{ marginTop: 4, fontSize: 12 }}>类型选“基于时间”，账号名随意（如 e家社区）。</Typography.Paragraph>
                </div>
              </Space>
            ),
          },
          {
            title: '输入验证器上显示的 6 位数字',
            content: (
              <Form<{ code: string }> layout="inline" requiredMark={false} name="confirm-two-step" onFinish={(v) => onConfirm(v.code)} style={{ marginTop: 8 }}>
                <Form.Item name="code" rules={[{ required: true, message: '请输入 6 位数字' }, { pattern: /^\s*\d{3}\s*\d{3}\s*$/, message: '验证码是 6 位数字' }]}>
                  <Input size="large" inputMode="numeric" autoComplete="one-time-code" maxLength={7} placeholder="6 位数字" aria-label="验证码" style={BIG_CODE} />
                </Form.Item>
                <Form.Item>
                  <Space>
                    <Button type="primary" size="large" htmlType="submit" loading={busy}>确认开启</Button>
                    <Button size="large" onClick={onCancel}>取消</Button>
                  </Space>
                </Form.Item>
              </Form>
            ),
          },
        ]}
      />
    </div>
  );
}

function RecoveryCodes({ codes, onDone }: { codes: string[]; onDone: () => void }) {
  const text = `e家社区 两步验证恢复码（每个只能用一次）\n\n${codes.join('\n')}\n`;
  const save = () => {
    const url = URL.createObjectURL(new Blob([text], { type: 'text/plain;charset=utf-8' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = 'e家社区-恢复码.txt';
    a.click();
    URL.revokeObjectURL(url);
  };
  return (
    <div data-testid="recovery-codes">
      <Alert
        type="success"
        showIcon
        icon={<CheckCircleTwoTone twoToneColor="#52c41a" />}
        title="两步验证已开启"
        description="下面是 10 个恢复码，只显示这一次。手机丢了或不在身边时，每个恢复码可以代替验证码登录一次。请抄在本子上或打印出来，和手机分开放好。"
        style={{ marginBottom: 16 }}
      />
      <div style={{ display: 'grid', gridTemplateColumns: 'repeat(2, 200px)', gap: '8px 32px', fontFamily: 'monospace', fontSize: 20, marginBottom: 16 }}>
        {codes.map((c) => <span key={c} className="recovery-code">{c}</span>)}
      </div>
      <Space>
        <Button icon={<DownloadOutlined />} onClick={save}>保存为文件</Button>
        <Button icon={<CopyOutlined />} onClick={() => void navigator.clipboard?.writeText(text)}>复制</Button>
        <Button type="primary" onClick={onDone}>我已保存好</Button>
      </Space>
    </div>
  );
}

function ChangePassword() {
  const { message } = App.useApp();
  const [form] = Form.useForm<{ currentPassword: string; newPassword: string; confirm: string }>();
  const [busy, setBusy] = useState(false);
  const submit = async (v: { currentPassword: string; newPassword: string }) => {
    setBusy(true);
    try {
      await changePassword(v.currentPassword, v.newPassword);
      form.resetFields();
      message.success('密码已修改。其他电脑上的登录已经退出。');
    } catch (e) {
      message.error(messageOf(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card title="修改密码">
      <Form form={form} layout="vertical" requiredMark={false} name="change-own-password" onFinish={(v) => void submit(v)} style={{ maxWidth: 360 }}>
        <Form.Item label="当前密码" name="currentPassword" rules={[{ required: true, message: '请输入当前密码' }]}>
          <Input.Password autoComplete="current-password" />
        </Form.Item>
        <Form.Item label="新密码" name="newPassword" rules={[{ required: true, message: '请输入新密码' }, { min: 10, message: '至少 10 个字符' }]}>
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item
          label="再输一次"
          name="confirm"
          dependencies={['newPassword']}
          rules={[
            { required: true, message: '请再输一次新密码' },
            ({ getFieldValue }) => ({ validator: (_r, value) => (value === getFieldValue('newPassword') ? Promise.resolve() : Promise.reject(new Error('两次输入的不一样'))) }),
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={busy}>修改密码</Button>
      </Form>
    </Card>
  );
}
