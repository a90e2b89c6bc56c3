import { Text } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { Page } from '../../../components/Page.js';
import { useSession } from '../../../lib/pageHooks.js';
import { PAGES } from '../../../lib/workspaces.js';
import { TrainingForm } from './TrainingForm.js';

export default function StaffTrainingCompose() {
  useSession();
  return (
    <Page>
      <Text className="title">安排新培训</Text>
      <TrainingForm onCreated={(t) => void Taro.redirectTo({ url: `${PAGES.staffTraining}?id=${t.id}` })} />
    </Page>
  );
}
