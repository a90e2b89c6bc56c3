import { Text, View } from '@tarojs/components';
import { useCallback, useEffect } from 'react';
import { api } from '../../../api/index.js';
import type { Delivery, DeliveryProgress, ManagedNotice } from '../../../api/types.js';
import { ActionButton } from '../../../components/ActionButton.js';
import { ListState } from '../../../components/ListState.js';
import { askToConfirm, type Confirm } from '../../../lib/confirm.js';
import { cx } from '../../../lib/cx.js';
import { useRefreshedBy, type Refresher } from '../../../lib/refresher.js';
import { useRemote } from '../../../lib/useRemote.js';
import { timeWords, when } from '../../../lib/words.js';
import { DELIVERY_TONE, DELIVERY_WORDS, NOTICE_STATE_TONE, NOTICE_STATE_WORDS } from '../words.js';
import { Bars, Figure } from '../Bars.js';
import { audienceWords } from './NoticeList.js';
import '../staff.scss';

/** How often the page looks again while posts are still going out. */
export const POLL_MS = 5000;

function DeliveryRow({ d }: { d: Delivery }) {
  return (
    <View className={cx('delivery', (d.status === 'failed' || d.status === 'possibly_sent') && 'delivery--failed')}>
      <View className="delivery__head">
        <Text className="delivery__group">💬 {d.group.topic}</Text>
        <Text className={cx('badge', `badge--${DELIVERY_TONE[d.status]}`)}>{DELIVERY_WORDS[d.status]}</Text>
      </View>
      {d.buildings.length ? <Text className="muted">{d.buildings.map((b) => b.name).join('、')}</Text> : null}
      {d.sentAt ? <Text className="muted">{when(d.sentAt)} 发出</Text> : null}
      {d.status === 'retrying' && d.nextAttemptAt ? (
        <Text className="muted">
          试了 {d.attempts} 次，{timeWords(d.nextAttemptAt)} 再试
        </Text>
      ) : null}
      {d.lastError && d.status !== 'sent' ? <Text className="delivery__error">原因：{d.lastError}</Text> : null}
    </View>
  );
}

/** Where a notice has got to: posted into how many groups, which failed and why, which buildings have no group. */
export function DeliveryView({ notice: n, progress: p }: { notice: ManagedNotice; progress: DeliveryProgress }) {
  const waiting = p.pending + p.retrying;
  return (
    <View>
      <View className={cx('card', n.kind === 'emergency' && 'notice-card--urgent')}>
        <View className="row">
          <Text className={cx('badge', n.kind === 'emergency' ? 'badge--urgent' : 'badge--off')}>{n.kind === 'emergency' ? '🚨 紧急通知' : n.kindLabel}</Text>
          <Text className={cx('badge', `badge--${NOTICE_STATE_TONE[n.state]}`)}>{NOTICE_STATE_WORDS[n.state]}</Text>
        </View>
        <Text className="job-card__title">{n.title}</Text>
        <Text className="muted">
          发给 {audienceWords(n.audience)} · {n.state === 'scheduled' ? `定在 ${when(n.sendAt)} 发` : `${when(n.sendAt)} 开始发`}
        </Text>
        <Text className="notice__body">{n.body}</Text>
      </View>

      <View className="card">
        <Text className="subtitle">发送情况</Text>
        <Text className={cx('delivery-summary', p.failed > 0 && 'delivery-failed')}>{p.summary}</Text>
        {p.total ? (
          <Bars label="已发送的群" max={p.total} bars={[{ key: 'sent', label: '已发送', value: p.sent, text: `${p.sent}/${p.total}`, tone: 'green' }]} />
        ) : null}
        <View className="figures">
          <Figure value={String(p.sent)} label="已发送" tone="green" />
          <Figure value={String(waiting)} label="等待发送" />
          <Figure value={String(p.failed)} label="失败" tone={p.failed ? 'red' : undefined} />
        </View>
        {p.possibly_sent ? (
          <Text className="hint">
            有 {p.possibly_sent} 个群发送时中断了，可能已经发出。请先到群里看一看；确实没收到的，在电脑上的工作台里逐个重发。
          </Text>
        ) : null}
        {waiting && n.state === 'sending' ? <Text className="muted">正在一个群一个群地发（每个群隔几秒），这一页会自己更新。</Text> : null}
      </View>

      {p.buildingsWithoutGroup.length ? (
        <Text className="hint">
          这些楼栋还没有关联微信群，群里收不到（小程序里能看到）：{p.buildingsWithoutGroup.map((b) => b.name).join('、')}
        </Text>
      ) : null}

      {p.items.length ? (
        <View className="card">
          <Text className="subtitle">各楼栋群</Text>
          {p.items.map((d) => (
            <DeliveryRow key={d.id} d={d} />
          ))}
        </View>
      ) : null}
    </View>
  );
}

/** The delivery page of one notice: progress that keeps itself up to date while sending, resend the failed, withdraw. */
export function NoticeDelivery({ id, confirm = askToConfirm, refresher, pollMs = POLL_MS }: { id: string; confirm?: Confirm; refresher?: Refresher; pollMs?: number }) {
  const notice = useRemote(() => api.notices.managed(id), [id]);
  const progress = useRemote(() => api.notices.deliveries(id), [id]);
  const reload = useCallback(async () => {
    await Promise.all([notice.reload(), progress.reload()]);
  }, [notice.reload, progress.reload]);
  useRefreshedBy(refresher, reload);

  const sending = Boolean(progress.data && progress.data.pending + progress.data.retrying > 0 && notice.data?.state !== 'cancelled');
  useEffect(() => {
    if (!sending || pollMs <= 0) return;
    const timer = setInterval(() => void reload(), pollMs);
    return () => clearInterval(timer);
  }, [sending, pollMs, reload]);

  const n = notice.data;
  const p = progress.data;
  const error = notice.error ?? progress.error;
  return (
    <ListState loading={notice.loading || progress.loading} error={error} empty={!n || !p} emptyText="没有找到这条通知。" onRetry={() => void reload()}>
      {n && p ? (
        <View>
          <DeliveryView notice={n} progress={p} />
          {p.failed > 0 && n.state !== 'cancelled' ? (
            <ActionButton
              onPress={async () => {
                progress.setData(await api.notices.retry(id));
                await notice.reload();
              }}
            >
              重新发送失败的 {p.failed} 个群
            </ActionButton>
          ) : null}
          {n.state !== 'cancelled' ? (
            <ActionButton
              kind="secondary"
              onPress={async () => {
                const yes = await confirm({
                  title: '撤回通知',
                  content: '撤回后，还没发的群不再发，居民在小程序里也看不到了。已经发到群里的消息撤不回来。',
                  confirmText: '撤回',
                  cancelText: '不撤回',
                });
                if (!yes) return;
                notice.setData(await api.notices.cancel(id));
                await progress.reload();
              }}
            >
              撤回通知
            </ActionButton>
          ) : null}
        </View>
      ) : null}
    </ListState>
  );
}
