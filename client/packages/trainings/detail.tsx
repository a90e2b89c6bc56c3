import { Button, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { api } from '../../api/index.js';
import { LinkPrompt } from '../../components/LinkPrompt.js';
import { ListState } from '../../components/ListState.js';
import { Page } from '../../components/Page.js';
import { askToConfirm } from '../../lib/confirm.js';
import { useParam, useRefresh, useSession } from '../../lib/pageHooks.js';
import { shareCard, useShare } from '../../lib/share.js';
import { useRemote } from '../../lib/useRemote.js';
import { PAGES } from '../../lib/workspaces.js';
import { TrainingCard } from './TrainingCard.js';

/**
 * One course (GET /api/trainings/:id), where a training notice leads: also after
 * its sign-up closed, with my enrolment and my place on the waiting list.
 */
export default function TrainingDetail() {
  const me = useSession();
  const id = useParam('id');
  const course = useRemote(() => api.trainings.get(id), [id], me?.linked === true && id !== '');
  useRefresh(course.reload);
  useShare(course.data ? shareCard('training', course.data.id, `技能培训：${course.data.course}`) : null);
  if (me && !me.linked) {
    return (
      <Page>
        <LinkPrompt what="报名培训" />
      </Page>
    );
  }
  const t = course.data;
  return (
    <Page>
      <ListState loading={course.loading && id !== ''} error={course.error} empty={!t} emptyText="没有找到这门课。" onRetry={() => void course.reload()}>
        {t ? (
          <View>
            <TrainingCard
              training={t}
              enrol={(cid, waitlist) => api.trainings.enrol(cid, waitlist)}
              withdraw={(cid) => api.trainings.withdraw(cid)}
              confirm={askToConfirm}
              onChange={(next) => course.setData({ ...t, ...next })}
            />
          </View>
        ) : null}
      </ListState>
      <Button className="btn btn--secondary" onClick={() => void Taro.redirectTo({ url: PAGES.trainings })}>
        看全部培训
      </Button>
    </Page>
  );
}
