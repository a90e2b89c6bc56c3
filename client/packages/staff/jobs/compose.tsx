import { Text } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { Page } from '../../../components/Page.js';
import { useSession } from '../../../lib/pageHooks.js';
import { PAGES } from '../../../lib/workspaces.js';
import { JobForm } from './JobForm.js';

export default function StaffJobCompose() {
  useSession();
  return (
    <Page>
      <Text className="title">发布新岗位</Text>
      <JobForm onCreated={(j) => void Taro.redirectTo({ url: `${PAGES.staffJob}?id=${j.id}` })} />
    </Page>
  );
}
