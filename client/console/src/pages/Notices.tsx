// 通知: the list (/console/notices), 写通知 (/console/notices/new) and one notice's
// delivery board (/console/notices/<id>). The audience choices are loaded once: the
// composer picks from them, the list and the board name grids and buildings with them.
import { Alert } from 'antd';
import { useEffect, useState } from 'react';
import { api, type NoticeAudienceChoices } from '../api.js';
import type { PageProps } from '../Console.js';
import { ComposeNotice } from '../notices/ComposeNotice.js';
import { DeliveryBoard } from '../notices/DeliveryBoard.js';
import { NoticeTable } from '../notices/NoticeTable.js';
import '../notices/notices.css';
import { navigate } from '../router.js';

export default function NoticesPage({ me, route }: PageProps) {
  const [choices, setChoices] = useState<NoticeAudienceChoices | null>(null);
  const sub = route.page === 'notices' ? route.sub : undefined;
  // staff write for their own community; a platform admin belongs to none and writes from a community's account
  const community = me.community;

  useEffect(() => {
    if (community) api.notices.audience().then(setChoices, () => undefined);
  }, [community]);

  const toList = () => navigate({ page: 'notices' });
  if (sub === 'new') {
    if (!community) return <Alert type="info" showIcon title="平台管理员不属于哪个社区：请用社区干部的账号写通知。" />;
    if (!choices) return null;
    return <ComposeNotice choices={choices} communityName={community.name} onBack={toList} onSent={(id) => navigate({ page: 'notices', sub: id })} />;
  }
  if (sub) return <DeliveryBoard key={sub} id={sub} choices={choices} onBack={toList} />;
  return <NoticeTable choices={choices} mayCompose={Boolean(community)} onOpen={(id) => navigate({ page: 'notices', sub: id })} onCompose={() => navigate({ page: 'notices', sub: 'new' })} />;
}
