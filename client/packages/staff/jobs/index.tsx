import Taro from '@tarojs/taro';
import { Page } from '../../../components/Page.js';
import { useParam, useRefresh, useSession } from '../../../lib/pageHooks.js';
import { useRefresher } from '../../../lib/refresher.js';
import { PAGES } from '../../../lib/workspaces.js';
import { JobsDesk } from './JobsDesk.js';

/** 就业培训: postings and courses, managed by staff. */
export default function StaffJobs() {
  useSession();
  const view = useParam('view');
  const refresher = useRefresher();
  useRefresh(refresher.run);
  const go = (url: string) => void Taro.navigateTo({ url });
  return (
    <Page>
      <JobsDesk
        refresher={refresher}
        initial={view === 'trainings' ? 'trainings' : 'jobs'}
        onOpenJob={(id) => go(`${PAGES.staffJob}?id=${id}`)}
        onOpenTraining={(id) => go(`${PAGES.staffTraining}?id=${id}`)}
        onNewJob={() => go(PAGES.staffJobCompose)}
        onNewTraining={() => go(PAGES.staffTrainingCompose)}
      />
    </Page>
  );
}
