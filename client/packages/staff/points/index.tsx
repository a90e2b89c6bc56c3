import { Text } from '@tarojs/components';
import { Page } from '../../../components/Page.js';
import { useRefresh, useSession } from '../../../lib/pageHooks.js';
import { useRefresher } from '../../../lib/refresher.js';
import { AwardForm } from './AwardForm.js';

/** 发积分 against the community's rules. */
export default function StaffAwards() {
  useSession();
  const refresher = useRefresher();
  useRefresh(refresher.run);
  return (
    <Page>
      <Text className="title">发积分</Text>
      <AwardForm refresher={refresher} />
    </Page>
  );
}
