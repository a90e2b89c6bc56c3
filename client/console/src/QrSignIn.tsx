// 扫码登录's panel: the code, a countdown, and what the phone has done with it. The
// browser asks the server every 1.5 s; once the staff member confirms on the phone,
// that answer carries the console session (cookies) and the console opens.
import { ReloadOutlined, MobileOutlined, CheckCircleFilled, CloseCircleFilled } from '@ant-design/icons';
import { Alert, Button, Spin, Typography } from 'antd';
import { useCallback, useEffect, useRef, useState } from 'react';
import { messageOf, type QrStatus } from './api.js';
import { newQrCode, pollQrCode, type QrCode } from './signIn.js';

const POLL_MS = 1500;

// One request for a code at a time: the first code of a browser also sets its nonce
// cookie, and two asked at once (a remount) would leave the shown code with the other's nonce.
let pending: Promise<QrCode> | null = null;
const fetchCode = () => (pending ??= newQrCode().finally(() => (pending = null)));

type Shown = QrStatus | 'loading' | 'failed';

/** What covers the code when it can no longer be scanned, and why. */
const OVER: Partial<Record<Shown, { icon: 'scanned' | 'ok' | 'off'; title: string; sub?: string; refresh?: boolean }>> = {
  scanned: { icon: 'scanned', title: '已扫码，请在手机上确认', sub: '在手机上点“确认登录”' },
  confirmed: { icon: 'ok', title: '已确认，正在进入…' },
  expired: { icon: 'off', title: '二维码已过期', refresh: true },
  refused: { icon: 'off', title: '已在手机上取消登录', refresh: true },
  used: { icon: 'off', title: '二维码已用过', refresh: true },
  failed: { icon: 'off', title: '二维码没拿到', refresh: true },
};

export function QrSignIn({ onSignedIn, onMustChangePassword }: { onSignedIn: () => void; onMustChangePassword: () => void }) {
  const [code, setCode] = useState<QrCode | null>(null);
  const [status, setStatus] = useState<Shown>('loading');
  const [left, setLeft] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const [polls, setPolls] = useState(0);
  // the code a poll belongs to: an answer about an older code (refreshed meanwhile) is ignored
  const current = useRef<string | null>(null);

  const refresh = useCallback(async () => {
    setStatus('loading');
    setError(null);
    current.current = null;
    try {
      const c = await fetchCode();
      current.current = c.ticket;
      setCode(c);
      setLeft(c.seconds);
      setStatus('waiting');
    } catch (e) {
      setError(messageOf(e));
      setStatus('failed');
    }
  }, []);

  useEffect(() => {
    void refresh();
    return () => {
      current.current = null; // the panel left (the password tab): no more polls
    };
  }, [refresh]);

  // the countdown: from the server's "good for N seconds", not the PC's clock
  useEffect(() => {
    if (status !== 'waiting' && status !== 'scanned') return;
    const t = setInterval(() => setLeft((n) => Math.max(0, n - 1)), 1000);
    return () => clearInterval(t);
  }, [status, code]);
  useEffect(() => {
    if (left === 0 && status === 'waiting') setStatus('expired');
  }, [left, status]);

  useEffect(() => {
    if (!code || (status !== 'waiting' && status !== 'scanned')) return;
    let stopped = false;
    const t = setTimeout(async () => {
      try {
        const r = await pollQrCode(code.ticket);
        if (stopped || current.current !== code.ticket) return;
        setStatus(r.status);
        setPolls((n) => n + 1);
        if (r.status === 'confirmed' && r.signedIn) {
          if (r.signedIn.mustChangePassword) onMustChangePassword();
          else onSignedIn();
        }
      } catch (e) {
        if (stopped || current.current !== code.ticket) return;
        setError(messageOf(e));
        setStatus('failed');
      }
    }, POLL_MS);
    return () => {
      stopped = true;
      clearTimeout(t);
    };
    // asked again after every answer (`polls` changes even when the status did not)
  }, [code, status, polls, onSignedIn, onMustChangePassword]);

  const over = OVER[status];
  const minutes = Math.floor(left / 60);
  const seconds = String(left % 60).padStart(2, '0');
  return (
    <div className="qr-sign-in" data-status={status}>
      <div className="qr-sign-in__frame">
        {code ? <img className="qr-sign-in__code" src={code.image} alt="扫码登录二维码" width={220} height={220} /> : <div className="qr-sign-in__code" />}
        {status === 'loading' ? (
          <div className="qr-sign-in__over">
            <Spin />
          </div>
        ) : over ? (
          <div className="qr-sign-in__over">
            {over.icon === 'scanned' ? (
              <MobileOutlined className="qr-sign-in__icon" style={{ color: '#c0392b' }} />
            ) : over.icon === 'ok' ? (
              <CheckCircleFilled className="qr-sign-in__icon" style={{ color: '#389e0d' }} />
            ) : (
              <CloseCircleFilled className="qr-sign-in__icon" style={{ color: '#999' }} />
            )}
            <div className="qr-sign-in__title">{over.title}</div>
            {over.sub ? <div className="qr-sign-in__sub">{over.sub}</div> : null}
            {over.refresh ? (
              <Button type="primary" icon={<ReloadOutlined />} onClick={() => void refresh()} style={{ marginTop: 12 }}>
                刷新二维码
              </Button>
            ) : null}
          </div>
        ) : null}
      </div>
      {error ? <Alert type="error" showIcon title={error} style={{ marginTop: 12 }} className="sign-in-error" /> : null}
      <Typography.Paragraph style={{ textAlign: 'center', margin: '12px 0 4px', fontSize: 15 }}>
        用<b>微信</b>扫一扫，在手机上确认即可登录
      </Typography.Paragraph>
      <Typography.Paragraph type="secondary" style={{ textAlign: 'center', margin: 0, fontSize: 12 }} className="qr-sign-in__left">
        {status === 'waiting' || status === 'scanned' ? `二维码 ${minutes}:${seconds} 后过期` : '\u00a0'}
      </Typography.Paragraph>
    </div>
  );
}
