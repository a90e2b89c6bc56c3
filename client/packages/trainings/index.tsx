import { api } from '../../api/index.js';
import type { Training } from '../../api/types.js';
import { LinkPrompt } from '../../components/LinkPrompt.js';
import { ListHead } from '../../components/ListHead.js';
import { ListState } from '../../components/ListState.js';
import { Page } from '../../components/Page.js';
import { askToConfirm } from '../../lib/confirm.js';
import { useRefresh, useSession } from '../../lib/pageHooks.js';
import { useRemote } from '../../lib/useRemote.js';
import { TrainingCard } from './TrainingCard.js';

/** 培训报名: upcoming courses (those in my trades first) with the seats left; enrol, wait, withdraw. */
export default function Trainings() {
  const me = useSession();
  const list = useRemote(() => api.trainings.list(), [], me?.linked === true);
  useRefresh(list.reload);
  if (me && !me.linked) {
    return (
      <Page>
        <LinkPrompt what="报名培训" />
      </Page>
    );
  }
  const items = list.data ?? [];
  const replace = (t: Training) => list.setData(items.map((x) => (x.id === t.id ? t : x)));
  return (
    <Page>
      <ListHead title="培训报名" loading={list.loading} onRefresh={() => void list.reload()} />
      <ListState loading={list.loading} error={list.error} empty={!items.length} emptyText="现在没有可以报名的培训。有新课时，楼栋群里会通知。" onRetry={() => void list.reload()}>
        {items.map((t) => (
          <TrainingCard key={t.id} training={t} enrol={(id, waitlist) => api.trainings.enrol(id, waitlist)} withdraw={(id) => api.trainings.withdraw(id)} confirm={askToConfirm} onChange={replace} />
        ))}
      </ListState>
    </Page>
  );
}
