import { Button, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { api } from '../../api/index.js';
import { LinkPrompt } from '../../components/LinkPrompt.js';
import { ListState } from '../../components/ListState.js';
import { Page } from '../../components/Page.js';
import { useParam, useRefresh, useSession } from '../../lib/pageHooks.js';
import { shareCard, useShare } from '../../lib/share.js';
import { useRemote } from '../../lib/useRemote.js';
import { PAGES } from '../../lib/workspaces.js';
import { JobCard } from './JobCard.js';

/** One posting with its requirements and contact (also where a job notice leads). */
export default function JobDetailPage() {
  const me = useSession();
  const id = useParam('id');
  const data = useRemote(
    async () => {
      const [job, mine] = await Promise.all([api.jobs.get(id), api.jobs.mine()]);
      return { job, interested: mine.some((i) => i.job.id === id) };
    },
    [id],
    me?.linked === true,
  );
  useRefresh(data.reload);
  const job = data.data?.job;
  useShare(job ? shareCard('job', job.id, `招聘：${job.title}（${job.employer}）`) : null);
  if (me && !me.linked) {
    return (
      <Page>
        <LinkPrompt what="登记找工作" />
      </Page>
    );
  }
  const d = data.data;
  return (
    <Page>
      <ListState loading={data.loading} error={data.error} empty={!d} emptyText="没有找到这个岗位" onRetry={() => void data.reload()}>
        {d ? (
          <View>
            <JobCard
              full
              job={d.job}
              interested={d.interested}
              onInterest={async (jobId) => {
                await api.jobs.interest(jobId);
                data.setData({ ...d, interested: true });
              }}
            />
            <Button className="btn btn--secondary" onClick={() => void Taro.redirectTo({ url: PAGES.jobs })}>
              看更多岗位
            </Button>
          </View>
        ) : null}
      </ListState>
    </Page>
  );
}
