import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { api } from '../../../api/index.js';
import type { VisitDueItem } from '../../../api/types.js';
import { ListHead } from '../../../components/ListHead.js';
import { ListState } from '../../../components/ListState.js';
import { Page } from '../../../components/Page.js';
import { cx } from '../../../lib/cx.js';
import { useRefresh, useSession } from '../../../lib/pageHooks.js';
import { useRemote } from '../../../lib/useRemote.js';
import { PAGES } from '../../../lib/workspaces.js';
import { dueWords, lastWords } from './words.js';
import './visits.scss';

/**
 * 今日走访: the households to visit, overdue first within each building, one
 * building after another as the worker walks them (the server sends them in
 * building, unit, floor order). A tap on a card opens the record page.
 */
export default function VisitsToday() {
  useSession();
  const due = useRemote(() => api.visits.due(), []);
  useRefresh(due.reload);
  const items = due.data?.items ?? [];
  const buildings: Array<{ name: string; items: VisitDueItem[] }> = [];
  for (const i of items) {
    const last = buildings[buildings.length - 1];
    if (last && last.name === i.building) last.items.push(i);
    else buildings.push({ name: i.building, items: [i] });
  }
  const counts = due.data?.counts;
  return (
    <Page tab="visits">
      <ListHead title="今日走访" loading={due.loading} onRefresh={() => void due.reload()} />
      {counts ? (
        <View className="visits__counts">
          <View className={cx('visits__count', counts.overdue > 0 && 'visits__count--late')}>
            <Text className="visits__num">{counts.overdue}</Text>
            <Text>已逾期</Text>
          </View>
          <View className="visits__count">
            <Text className="visits__num">{counts.today}</Text>
            <Text>今天</Text>
          </View>
          <View className="visits__count">
            <Text className="visits__num">{counts.week}</Text>
            <Text>本周</Text>
          </View>
        </View>
      ) : null}
      <ListState loading={due.loading} error={due.error} empty={!items.length} emptyText="这周没有要走访的住户。" onRetry={() => void due.reload()}>
        {buildings.map((b) => (
          <View key={b.name}>
            <Text className="visits__building">
              {b.name}（{b.items.length}户）
            </Text>
            {b.items.map((i) => (
              <View
                key={i.householdId}
                className={cx('visit-card', i.bucket === 'overdue' && 'visit-card--overdue')}
                hoverClass="bigbtn--pressed"
                ariaRole="button"
                ariaLabel={`${i.unit}${i.room} 记录走访`}
                onClick={() => void Taro.navigateTo({ url: `${PAGES.workerVisit}?id=${i.householdId}` })}
              >
                <View className="visit-card__top">
                  <Text className="visit-card__room">
                    {i.unit} {i.room}
                  </Text>
                  <Text className={cx('visit-card__due', i.bucket === 'overdue' && 'visit-card__due--overdue')}>{dueWords(i)}</Text>
                </View>
                <Text className="text">
                  {i.headName ?? ''}
                  {i.paired ? '（结对帮扶）' : ''}
                </Text>
                <View>
                  {i.watchedFor.length ? i.watchedFor.map((t) => <Text key={t} className="chip">{t}</Text>) : <Text className="chip">需定期走访</Text>}
                </View>
                <Text className="muted">
                  {lastWords(i.lastVisitedAt)}
                  {i.lastTriedAt ? '，上次去时无人在家' : ''}
                </Text>
              </View>
            ))}
          </View>
        ))}
      </ListState>
    </Page>
  );
}
