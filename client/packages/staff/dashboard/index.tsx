import { Text } from '@tarojs/components';
import { Page } from '../../../components/Page.js';
import { useRefresh, useSession } from '../../../lib/pageHooks.js';
import { useRefresher } from '../../../lib/refresher.js';
import { Dashboard } from './Dashboard.js';

/** 数据看板: the figures a 四单 review meeting asks for, and who still has no work. */
export default function StaffDashboard() {
  useSession();
  const refresher = useRefresher();
  useRefresh(refresher.run);
  return (
    <Page>
      <Text className="title">数据看板</Text>
      <Dashboard refresher={refresher} />
    </Page>
  );
}
