import { Button, Text, View } from '@tarojs/components';
import { api } from '../../../api/index.js';
import type { ManagedNotice, ManagedNoticePage } from '../../../api/types.js';
import { ListHead } from '../../../components/ListHead.js';
import { ListState } from '../../../components/ListState.js';
import { MoreButton } from '../../../components/MoreButton.js';
import { cx } from '../../../lib/cx.js';
import { useRefreshedBy, type Refresher } from '../../../lib/refresher.js';
import { usePaged } from '../../../lib/usePaged.js';
import { when } from '../../../lib/words.js';
import { NOTICE_STATE_TONE, NOTICE_STATE_WORDS } from '../words.js';
import '../staff.scss';

/** 全社区 / 2 个网格 / 5 栋楼 */
export function audienceWords(a: ManagedNotice['audience']): string {
  if (a.type === 'community') return `全社区（${a.buildings} 栋楼）`;
  if (a.type === 'grids') return `${a.ids.length} 个网格（${a.buildings} 栋楼）`;
  return `${a.buildings} 栋楼`;
}

export function ManagedNoticeCard({ notice: n, onOpen }: { notice: ManagedNotice; onOpen: () => void }) {
  const urgent = n.kind === 'emergency';
  return (
    <View className={cx('card', urgent && 'notice-card--urgent')} onClick={onOpen} ariaRole="link">
      <View className="row">
        <Text className={cx('badge', urgent ? 'badge--urgent' : 'badge--off')}>{urgent ? '🚨 紧急通知' : n.kindLabel}</Text>
        <Text className={cx('badge', `badge--${NOTICE_STATE_TONE[n.state]}`)}>{NOTICE_STATE_WORDS[n.state]}</Text>
        {n.automatic ? <Text className="badge badge--off">自动</Text> : null}
      </View>
      <Text className="job-card__title">{n.title}</Text>
      <Text className="muted">
        发给 {audienceWords(n.audience)} · {n.state === 'scheduled' ? `定在 ${when(n.sendAt)} 发` : when(n.sendAt)}
      </Text>
      <Text className={cx('text', n.delivery.failed > 0 && 'delivery-failed')}>{n.delivery.summary}</Text>
      <Text className="muted">看发送情况 ›</Text>
    </View>
  );
}

/** The community's notices, newest first, each with how far its delivery has got. */
export function NoticeList({ onCompose, onOpen, refresher }: { onCompose: () => void; onOpen: (id: string) => void; refresher?: Refresher }) {
  const list = usePaged<ManagedNotice, ManagedNoticePage>((cursor) => api.notices.manage({ limit: 20, cursor }), []);
  useRefreshedBy(refresher, list.reload);
  return (
    <View>
      <Button className="btn btn--primary" onClick={onCompose}>
        ✏️ 写通知
      </Button>
      <View className="subtitle" />
      <ListHead title="发过的通知" loading={list.loading} onRefresh={() => void list.reload()} />
      <ListState loading={list.loading} error={list.error} empty={!list.items.length} emptyText="还没有发过通知。" onRetry={() => void list.reload()}>
        {list.items.map((n) => (
          <ManagedNoticeCard key={n.id} notice={n} onOpen={() => onOpen(n.id)} />
        ))}
        <MoreButton hasMore={list.hasMore} loading={list.loadingMore} error={list.moreError} onMore={() => void list.loadMore()} />
      </ListState>
    </View>
  );
}
