import Taro from '@tarojs/taro';
import { api } from '../../api/index.js';
import { ListState } from '../../components/ListState.js';
import { Page } from '../../components/Page.js';
import { useSession } from '../../lib/pageHooks.js';
import { askPrivacy } from '../../lib/privacy.js';
import { useRemote } from '../../lib/useRemote.js';
import { GroupCode } from './GroupCode.js';

/** 绑定微信群: a fresh one-time code each time the page opens (the bot's replies point here). */
export default function GroupCodePage() {
  useSession();
  const code = useRemote(() => api.bot.linkCode(), []);
  return (
    <Page>
      <ListState loading={code.loading} error={code.error} empty={!code.data} emptyText="没有拿到绑定码，请再试一次。" onRetry={() => void code.reload()}>
        {code.data ? (
          <GroupCode
            code={code.data}
            // the clipboard is a privacy API: the 隐私政策 is agreed first
            onCopy={(text) => void askPrivacy('复制绑定码').then((ok) => (ok ? Taro.setClipboardData({ data: text }) : undefined))}
            onRenew={code.reload}
          />
        ) : null}
      </ListState>
    </Page>
  );
}
