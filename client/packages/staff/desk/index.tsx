import { Text } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { BigButton } from '../../../components/BigButton.js';
import { Page } from '../../../components/Page.js';
import { useSession } from '../../../lib/pageHooks.js';
import { PAGES } from '../../../lib/workspaces.js';

/** 工作台: the staff pages beyond the daily queue — figures, notices, jobs and training, points. */
export default function StaffDesk() {
  useSession();
  const go = (url: string) => () => void Taro.navigateTo({ url });
  return (
    <Page tab="desk">
      <Text className="title">工作台</Text>
      <BigButton primary icon="📊" label="数据看板" sub="报事办理、满意度、就业情况" onPress={go(PAGES.staffDashboard)} />
      <BigButton icon="📢" label="发通知" sub="写通知，看各楼栋群发到了没有" onPress={go(PAGES.staffNotices)} />
      <BigButton icon="💼" label="就业培训" sub="发布岗位、安排培训、点名结业" onPress={go(PAGES.staffJobs)} />
      <BigButton icon="🏅" label="发积分" sub="按积分规则给住户加分" onPress={go(PAGES.staffAwards)} />
    </Page>
  );
}
