import { Input, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useEffect, useState } from 'react';
import { api } from '../../../api/index.js';
import type { Household, TagKind } from '../../../api/types.js';
import { ListHead } from '../../../components/ListHead.js';
import { ListState } from '../../../components/ListState.js';
import { MoreButton } from '../../../components/MoreButton.js';
import { Page } from '../../../components/Page.js';
import { cx } from '../../../lib/cx.js';
import { useRefresh, useSession } from '../../../lib/pageHooks.js';
import { useRemote } from '../../../lib/useRemote.js';
import { TAG_WORDS } from '../../../lib/words.js';
import { messageOf } from '../../../api/errors.js';

/** 户主 first, then the way a household register lists people. */
const RELATION_ORDER = ['户主', '配偶', '父母', '子女', '孙子女'];
const rank = (relation: string) => {
  const i = RELATION_ORDER.indexOf(relation);
  return i < 0 ? RELATION_ORDER.length : i;
};

const FILTERS: Array<TagKind | null> = [null, 'EMPTY_NEST_ELDERLY', 'LEFT_BEHIND_CHILD', 'DISABLED', 'LOW_INCOME', 'MONITORED', 'PARTY_MEMBER'];

/** My grid's households with their members and 七彩 tags (as much as the server lets a worker see). */
export default function Households() {
  useSession();
  const [tag, setTag] = useState<TagKind | null>(null);
  const [building, setBuilding] = useState<string | null>(null);
  // what is typed, and what is searched for once typing pauses
  const [typed, setTyped] = useState('');
  const [search, setSearch] = useState('');
  useEffect(() => {
    const t = setTimeout(() => setSearch(typed.trim()), 400);
    return () => clearTimeout(t);
  }, [typed]);
  const filter = { ...(tag ? { tag } : {}), ...(building ? { buildingId: building } : {}), ...(search ? { q: search } : {}) };
  const [extra, setExtra] = useState<{ items: Household[]; cursor: string | null; loading: boolean; error: string | null } | null>(null);
  const first = useRemote(async () => {
    setExtra(null);
    return api.org.households({ limit: 30, ...filter });
  }, [tag, building, search]);
  // the building chips stay as the first answer gave them, whatever is filtered since
  const [buildings, setBuildings] = useState<Array<{ id: string; name: string }>>([]);
  useEffect(() => {
    if (first.data && !buildings.length) setBuildings(first.data.buildings);
  }, [first.data, buildings.length]);
  useRefresh(first.reload);
  const items = [...(first.data?.items ?? []), ...(extra?.items ?? [])];
  const cursor = extra ? extra.cursor : (first.data?.nextCursor ?? null);

  const more = async () => {
    if (!cursor) return;
    setExtra((x) => ({ items: x?.items ?? [], cursor, loading: true, error: null }));
    try {
      const page = await api.org.households({ limit: 30, cursor, ...filter });
      setExtra((x) => ({ items: [...(x?.items ?? []), ...page.items], cursor: page.nextCursor, loading: false, error: null }));
    } catch (e) {
      setExtra((x) => ({ items: x?.items ?? [], cursor, loading: false, error: messageOf(e) }));
    }
  };

  return (
    <Page tab="households">
      <ListHead title="网格住户" loading={first.loading} onRefresh={() => void first.reload()} />
      <Input className="input" value={typed} placeholder="搜姓名或门牌号，比如 302" confirmType="search" onInput={(e) => setTyped(e.detail.value)} />
      {buildings.length > 1 ? (
        <View className="filters">
          {[null, ...buildings].map((b) => (
            <Text key={b?.id ?? 'all'} className={cx('chip', (b?.id ?? null) === building && 'chip--on')} onClick={() => setBuilding(b?.id ?? null)}>
              {b ? b.name : '全部楼栋'}
            </Text>
          ))}
        </View>
      ) : null}
      <View className="filters">
        {FILTERS.map((t) => (
          <Text key={t ?? 'all'} className={cx('chip', t === tag && 'chip--on')} onClick={() => setTag(t)}>
            {t ? TAG_WORDS[t] : '全部'}
          </Text>
        ))}
      </View>
      <ListState loading={first.loading} error={first.error} empty={!items.length} emptyText={search ? `没有找到“${search}”` : '没有符合的住户'} onRetry={() => void first.reload()}>
        {items.map((h) => (
          <View key={h.id} className="card">
            <Text className="subtitle">
              {h.building.name} {h.room}
              {h.groundFloor ? '（一楼）' : ''}
            </Text>
            {[...h.members].sort((a, b) => rank(a.relation) - rank(b.relation)).map((m) => {
              const phone = 'phone' in m ? m.phone : null;
              return (
                <View key={m.id} className={cx('kv', phone && 'kv--tap')} onClick={phone ? () => void Taro.makePhoneCall({ phoneNumber: phone }) : undefined}>
                  <Text className="kv__k">{m.relation}</Text>
                  <Text className="kv__v">
                    {m.name}
                    {phone ? `  📞 ${phone}` : ''}
                  </Text>
                </View>
              );
            })}
            <View>
              {h.tags.map((t) => (
                <Text key={t.kind} className="chip">
                  {TAG_WORDS[t.kind as TagKind] ?? t.kind}
                </Text>
              ))}
            </View>
          </View>
        ))}
        <MoreButton hasMore={Boolean(cursor)} loading={extra?.loading ?? false} error={extra?.error ?? null} onMore={() => void more()} />
      </ListState>
    </Page>
  );
}
