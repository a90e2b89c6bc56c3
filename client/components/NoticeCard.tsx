import { Text, View } from '@tarojs/components';
import type { Notice } from '../api/types.js';
import { cx } from '../lib/cx.js';
import { when } from '../lib/words.js';

/** One notice in a list: unread ones are marked (a red dot and 未读) and in bold; emergencies framed in red. */
export function NoticeCard({ notice, onOpen }: { notice: Notice; onOpen: () => void }) {
  return (
    <View className={cx('card', 'notice-card', notice.unread && 'notice-card--unread', notice.urgent && 'notice-card--urgent')} onClick={onOpen} ariaRole="link">
      <View className="row">
        {notice.unread ? <Text className="badge badge--new">● 未读</Text> : null}
        <Text className={cx('badge', notice.urgent ? 'badge--urgent' : 'badge--work')}>
          {notice.urgent ? '🚨 ' : ''}
          {notice.kindLabel}
        </Text>
      </View>
      <Text className="notice-card__title">{notice.title}</Text>
      <Text className="notice-card__body">{notice.body}</Text>
      <Text className="muted">{when(notice.publishedAt)}</Text>
    </View>
  );
}
