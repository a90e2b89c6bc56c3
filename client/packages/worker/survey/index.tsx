import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { EMPLOYMENT_STATUS_LABELS } from '../../../../shared/words.js';
import { api } from '../../../api/index.js';
import { messageOf } from '../../../api/errors.js';
import type { SurveyTask } from '../../../api/types.js';
import { ListHead } from '../../../components/ListHead.js';
import { ListState } from '../../../components/ListState.js';
import { Page } from '../../../components/Page.js';
import { cx } from '../../../lib/cx.js';
import { useRefresh, useSession } from '../../../lib/pageHooks.js';
import { useRemote } from '../../../lib/useRemote.js';
import { PAGES } from '../../../lib/workspaces.js';
import { monthWords, thisMonth } from './month.js';
import '../log/log.scss';

const statusWords = (s: SurveyTask['household']['members'][number]['status']) => (s ? EMPLOYMENT_STATUS_LABELS[s] : '没有登记');

/**
 * 本月就业摸底: the grid's households, one card each by building and room, 零就业家庭
 * marked. "无变化" is one tap; "有变化" opens the form. Done households stay, greyed.
 */
export default function SurveyMonth() {
  useSession();
  const month = thisMonth();
  const tasks = useRemote(() => api.employment.surveyTasks(month, { limit: 500 }), [month]);
  useRefresh(tasks.reload);
  const [busy, setBusy] = useState<string | null>(null);
  const items = tasks.data?.items ?? [];
  const pending = items.filter((t) => t.status === 'pending');

  const unchanged = async (t: SurveyTask) => {
    if (busy) return;
    setBusy(t.id);
    try {
      await api.employment.surveyUnchanged(t.id);
      await Taro.showToast({ title: '已记：无变化', icon: 'success' });
      await tasks.reload();
    } catch (e) {
      await Taro.showModal({ title: '没有记上', content: messageOf(e), showCancel: false });
    } finally {
      setBusy(null);
    }
  };

  // the households still to do first, then those done
  const ordered = [...pending, ...items.filter((t) => t.status !== 'pending')];
  return (
    <Page>
      <ListHead title={`${monthWords(month)}就业摸底`} loading={tasks.loading} onRefresh={() => void tasks.reload()} />
      {tasks.data ? (
        <View className="survey-counts">
          <View className="survey-count">
            <Text className="survey-count__num">{pending.length}</Text>
            <Text>还没摸底</Text>
          </View>
          <View className="survey-count">
            <Text className="survey-count__num">{items.length - pending.length}</Text>
            <Text>已摸底</Text>
          </View>
          <View className="survey-count">
            <Text className="survey-count__num">{items.filter((t) => t.household.zeroEmployment).length}</Text>
            <Text>零就业家庭</Text>
          </View>
        </View>
      ) : null}
      <ListState loading={tasks.loading} error={tasks.error} empty={!items.length} emptyText="本月的摸底任务还没有生成，请问一下社区。" onRetry={() => void tasks.reload()}>
        {ordered.map((t) => (
          <View key={t.id} className={cx('survey-card', t.household.zeroEmployment && 'survey-card--zero', t.status !== 'pending' && 'survey-card--done')}>
            <View className="survey-card__top">
              <Text className="survey-card__room">
                {t.household.building} {t.household.room}
              </Text>
              {t.status === 'unchanged' ? <Text className="survey-card__done">✓ 无变化</Text> : null}
              {t.status === 'changed' ? <Text className="survey-card__done">✓ 已登记变化</Text> : null}
            </View>
            {t.household.zeroEmployment ? <Text className="survey-card__zero">零就业家庭</Text> : null}
            {t.household.members.map((m) => (
              <View key={m.id} className="kv">
                <Text className="kv__k">{m.name}</Text>
                <Text className="kv__v">
                  {statusWords(m.status)}
                  {m.employer ? `（${m.employer}）` : ''}
                </Text>
              </View>
            ))}
            {t.status === 'pending' ? (
              <View className="survey-card__buttons">
                <View className="survey-btn survey-btn--ok" ariaRole="button" ariaLabel={`${t.household.room} 无变化`} hoverClass="bigbtn--pressed" onClick={() => void unchanged(t)}>
                  <Text>{busy === t.id ? '正在记…' : '✓ 无变化'}</Text>
                </View>
                <View
                  className="survey-btn"
                  ariaRole="button"
                  ariaLabel={`${t.household.room} 有变化`}
                  hoverClass="bigbtn--pressed"
                  onClick={() => void Taro.navigateTo({ url: `${PAGES.workerSurveyChange}?id=${t.id}` })}
                >
                  <Text>有变化</Text>
                </View>
              </View>
            ) : null}
          </View>
        ))}
      </ListState>
    </Page>
  );
}
