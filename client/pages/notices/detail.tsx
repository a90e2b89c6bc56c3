import { api } from '../../api/index.js';
import { ListState } from '../../components/ListState.js';
import { Page } from '../../components/Page.js';
import { useParam, useRefresh, useSession } from '../../lib/pageHooks.js';
import { shareCard, useShare } from '../../lib/share.js';
import { useRemote } from '../../lib/useRemote.js';
import { NoticeView } from './NoticeView.js';

/** One notice; opening it marks it read. */
export default function NoticeDetail() {
  useSession();
  const id = useParam('id');
  const notice = useRemote(async () => {
    const n = await api.notices.get(id);
    return n.unread ? api.notices.read(id) : n;
  }, [id]);
  useRefresh(notice.reload);
  // a 楼栋长 forwards it to the building group, with its photo when it has one
  const n = notice.data;
  useShare(n ? shareCard('notice', n.id, `【${n.kindLabel}】${n.title}`, n.image?.url) : null);
  return (
    <Page>
      <ListState loading={notice.loading} error={notice.error} empty={!notice.data} emptyText="没有找到这条通知，可能已经撤回了。" onRetry={() => void notice.reload()}>
        {notice.data ? <NoticeView notice={notice.data} /> : null}
      </ListState>
    </Page>
  );
}
