import { LinkPrompt } from '../../components/LinkPrompt.js';
import { Spinner } from '../../components/ListState.js';
import { Page } from '../../components/Page.js';
import { useRefresh, useSession } from '../../lib/pageHooks.js';
import { useRefresher } from '../../lib/refresher.js';
import { Leaderboard } from './RankBoard.js';

/** 积分榜 of my building. */
export default function LeaderboardPage() {
  const me = useSession();
  const refresher = useRefresher();
  useRefresh(refresher.run);
  if (!me) {
    return (
      <Page>
        <Spinner />
      </Page>
    );
  }
  if (!me.linked) {
    return (
      <Page>
        <LinkPrompt what="看积分榜" />
      </Page>
    );
  }
  return (
    <Page>
      <Leaderboard refresher={refresher} />
    </Page>
  );
}
