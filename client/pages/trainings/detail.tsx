import { Button, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { api } from '../../api/index.js';
import { LinkPrompt } from '../../components/LinkPrompt.js';
import { ListState } from '../../components/ListState.js';
import { Page } from '../../components/Page.js';
import { askToConfirm } from '../../lib/confirm.js';
import { useParam, useRefresh, useSession } from '../../lib/pageHooks.js';
import { useRemote } from '../../lib/useRemote.js';
import { PAGES } from '../../lib/workspaces.js';
import { TrainingCard } from './TrainingCard.js';

/**
 * One course, where a training notice leads. The API has no GET /api/trainings/:id;
 * the course is taken from the list of upcoming ones (a course whose sign-up is
 * over is not in it, and the page says so).
 */
export default function TrainingDetail() {
  const me = useSession();
  const id = useParam('id');
  const course = useRemote(async () => (await api.trainings.list()).find((t) => t.id === id) ?? null, [id], me?.linked === true);
  useRefresh(course.reload);
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
      <ListState loading={course.loading} error={course.error} empty={!t} emptyText="这门课已经结束报名了。" onRetry={() => void course.reload()}>
        {t ? (
          <View>
            <TrainingCard training={t} enrol={(cid, waitlist) => api.trainings.enrol(cid, waitlist)} withdraw={(cid) => api.trainings.withdraw(cid)} confirm={askToConfirm} onChange={course.setData} />
          </View>
        ) : null}
      </ListState>
      <Button className="btn btn--secondary" onClick={() => void Taro.redirectTo({ url: PAGES.trainings })}>
        看全部培训
      </Button>
    </Page>
  );
}
