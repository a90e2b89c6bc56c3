import Taro from '@tarojs/taro';
import { Text } from '@tarojs/components';
import { Page } from '../../../components/Page.js';
import { useSession } from '../../../lib/pageHooks.js';
import { PAGES } from '../../../lib/workspaces.js';
import { NoticeComposer } from './NoticeComposer.js';

/** 写通知; once sent, its delivery page takes over. */
export default function StaffNoticeCompose() {
  useSession();
  return (
    <Page>
      <Text className="title">写通知</Text>
      <NoticeComposer onSent={(n) => void Taro.redirectTo({ url: `${PAGES.staffNotice}?id=${n.id}` })} />
    </Page>
  );
}
