import { Page } from '../../../components/Page.js';
import { useParam, useRefresh, useSession } from '../../../lib/pageHooks.js';
import { useRefresher } from '../../../lib/refresher.js';
import { NoticeDelivery } from './NoticeDelivery.js';

/** 发送情况 of one notice. */
export default function StaffNoticeDetail() {
  useSession();
  const id = useParam('id');
  const refresher = useRefresher();
  useRefresh(refresher.run);
  return (
    <Page>
      <NoticeDelivery id={id} refresher={refresher} />
    </Page>
  );
}
