import Taro from '@tarojs/taro';
import { Page } from '../../../components/Page.js';
import { useRefresh, useSession } from '../../../lib/pageHooks.js';
import { useRefresher } from '../../../lib/refresher.js';
import { PAGES } from '../../../lib/workspaces.js';
import { NoticeList } from './NoticeList.js';

/** 发通知: write one, and see how far each has got into the building groups. */
export default function StaffNotices() {
  useSession();
  const refresher = useRefresher();
  useRefresh(refresher.run);
  return (
    <Page>
      <NoticeList
        refresher={refresher}
        onCompose={() => void Taro.navigateTo({ url: PAGES.staffNoticeCompose })}
        onOpen={(id) => void Taro.navigateTo({ url: `${PAGES.staffNotice}?id=${id}` })}
      />
    </Page>
  );
}
