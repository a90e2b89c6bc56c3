import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { api } from '../../api/index.js';
import type { Notice, NoticePage } from '../../api/types.js';
import { ListHead } from '../../components/ListHead.js';
import { ListState } from '../../components/ListState.js';
import { MoreButton } from '../../components/MoreButton.js';
import { NoticeCard } from '../../components/NoticeCard.js';
import { Page } from '../../components/Page.js';
import { cx } from '../../lib/cx.js';
import { useRefresh, useSession } from '../../lib/pageHooks.js';
import { usePaged } from '../../lib/usePaged.js';
import { PAGES } from '../../lib/workspaces.js';

/** The notices for my building, newest first, the unread ones marked. */
export default function Notices() {
  useSession();
  const [unreadOnly, setUnreadOnly] = useState(false);
  const list = usePaged<Notice, NoticePage>((cursor) => api.notices.list({ limit: 20, cursor, ...(unreadOnly ? { unread: true } : {}) }), [unreadOnly]);
  useRefresh(list.reload);
  const unread = list.first?.unreadCount ?? 0;
  return (
    <Page>
      <ListHead title="社区通知" loading={list.loading} onRefresh={() => void list.reload()} />
      <View className="filters">
        <Text className={cx('chip', !unreadOnly && 'chip--on')} onClick={() => setUnreadOnly(false)}>
          全部
        </Text>
        <Text className={cx('chip', unreadOnly && 'chip--on')} onClick={() => setUnreadOnly(true)}>
          没看过的{unread ? `（${unread}）` : ''}
        </Text>
      </View>
      <ListState
        loading={list.loading}
        error={list.error}
        empty={!list.items.length}
        emptyText={unreadOnly ? '通知都看过了。' : '还没有通知。'}
        onRetry={() => void list.reload()}
      >
        {list.items.map((n) => (
          <NoticeCard key={n.id} notice={n} onOpen={() => void Taro.navigateTo({ url: `${PAGES.notice}?id=${n.id}` })} />
        ))}
        <MoreButton hasMore={list.hasMore} loading={list.loadingMore} error={list.moreError} onMore={() => void list.loadMore()} />
      </ListState>
    </Page>
  );
}
