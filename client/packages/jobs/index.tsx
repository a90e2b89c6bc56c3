import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { api } from '../../api/index.js';
import { LinkPrompt } from '../../components/LinkPrompt.js';
import { ListHead } from '../../components/ListHead.js';
import { ListState } from '../../components/ListState.js';
import { Page } from '../../components/Page.js';
import { cx } from '../../lib/cx.js';
import { useRefresh, useSession } from '../../lib/pageHooks.js';
import { useRemote } from '../../lib/useRemote.js';
import { PAGES } from '../../lib/workspaces.js';
import { JobCard } from './JobCard.js';
import { InterestCard } from './MyInterests.js';

type Tab = 'jobs' | 'mine';

/** 找工作: the community's open postings (those fitting my trades first, then the nearest), and the ones I registered for. */
export default function Jobs() {
  const me = useSession();
  const [view, setView] = useState<Tab>('jobs');
  const [registered, setRegistered] = useState<Set<string>>(new Set());
  const linked = me?.linked === true;
  const list = useRemote(
    async () => (view === 'jobs' ? { jobs: await api.jobs.list(), mine: null } : { jobs: null, mine: await api.jobs.mine() }),
    [view],
    linked,
  );
  useRefresh(list.reload);
  if (me && !linked) {
    return (
      <Page>
        <LinkPrompt what="登记找工作" />
      </Page>
    );
  }
  const jobs = list.data?.jobs ?? [];
  const mine = list.data?.mine ?? [];
  const open = (id: string) => void Taro.navigateTo({ url: `${PAGES.job}?id=${id}` });
  return (
    <Page>
      <ListHead title="找工作" loading={list.loading} onRefresh={() => void list.reload()} />
      <View className="filters">
        <Text className={cx('chip', view === 'jobs' && 'chip--on')} onClick={() => setView('jobs')}>
          招工岗位
        </Text>
        <Text className={cx('chip', view === 'mine' && 'chip--on')} onClick={() => setView('mine')}>
          我登记的
        </Text>
      </View>
      {view === 'jobs' ? (
        <ListState loading={list.loading} error={list.error} empty={!jobs.length} emptyText="现在没有招工的岗位。有新岗位时，楼栋群里会通知。" onRetry={() => void list.reload()}>
          {jobs.some((j) => j.matchesMe) ? <Text className="muted">标着“👍 适合您”的，是和您想做的工种对得上的岗位。</Text> : null}
          {jobs.map((j) => (
            <JobCard
              key={j.id}
              job={j}
              interested={j.interested || registered.has(j.id)}
              onInterest={async (id) => {
                await api.jobs.interest(id);
                setRegistered((s) => new Set(s).add(id));
              }}
              onOpen={() => open(j.id)}
            />
          ))}
        </ListState>
      ) : (
        <ListState loading={list.loading} error={list.error} empty={!mine.length} emptyText="还没有登记过。看到合适的岗位，点“我有意向”就行。" onRetry={() => void list.reload()}>
          {mine.map((i) => (
            <InterestCard key={i.id} interest={i} onOpen={() => open(i.job.id)} />
          ))}
        </ListState>
      )}
    </Page>
  );
}
