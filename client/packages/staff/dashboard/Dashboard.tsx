import { Text, View } from '@tarojs/components';
import { useCallback, useState } from 'react';
import { api } from '../../../api/index.js';
import type { EmploymentHousehold, EmploymentStats, OrderStats, OrderStatus } from '../../../api/types.js';
import { ListState, Spinner } from '../../../components/ListState.js';
import { cx } from '../../../lib/cx.js';
import { useRefreshedBy, type Refresher } from '../../../lib/refresher.js';
import { useRemote } from '../../../lib/useRemote.js';
import { EMPLOYMENT_WORDS, minutesWords, percentWords, STATUS_SHORT } from '../words.js';
import { Bars, Figure } from '../Bars.js';

export const PERIODS = [
  { days: 7, label: '近7天' },
  { days: 30, label: '近30天' },
  { days: 90, label: '近90天' },
];

const STATES: OrderStatus[] = ['submitted', 'dispatched', 'accepted', 'reopened', 'resolved', 'closed', 'cancelled'];

function SectionError({ error, onRetry }: { error: string; onRetry: () => void }) {
  return <ListState loading={false} error={error} empty emptyText="" onRetry={onRetry}>{null}</ListState>;
}

/** 报事: requests by state, and per grid how fast they are claimed and resolved, on time, and how satisfied residents were. */
export function OrderFigures({ stats }: { stats: OrderStats }) {
  const c = stats.community;
  if (!c.orders) return <Text className="state">近{stats.days}天没有报事。</Text>;
  const byStatus = stats.byStatus as Record<string, number>;
  const grids = stats.grids;
  return (
    <View>
      <View className="card">
        <Text className="subtitle">报事情况</Text>
        <View className="figures">
          <Figure value={`${c.orders} 件`} label="报事" />
          <Figure value={`${c.emergencies} 件`} label="紧急" tone={c.emergencies ? 'red' : undefined} />
          <Figure value={`${c.overdueNow} 件`} label="现在超时" tone={c.overdueNow ? 'red' : 'green'} />
        </View>
        <Bars
          label="各状态的报事件数"
          bars={STATES.map((s) => ({ key: s, label: STATUS_SHORT[s], value: byStatus[s] ?? 0, text: `${byStatus[s] ?? 0} 件`, tone: s === 'reopened' ? 'red' : s === 'closed' ? 'green' : 'blue' }))}
        />
      </View>

      <View className="card">
        <Text className="subtitle">接单用时（平均）</Text>
        <Text className="muted">
          全社区 平均 {minutesWords(c.minutesToClaim.mean)}，一半的报事在 {minutesWords(c.minutesToClaim.median)}内接单
        </Text>
        <Bars label="各网格平均接单用时" bars={grids.map((g) => ({ key: g.id, label: g.name, value: g.minutesToClaim.mean, text: minutesWords(g.minutesToClaim.mean) }))} />
      </View>

      <View className="card">
        <Text className="subtitle">办结用时（平均）</Text>
        <Text className="muted">
          全社区 平均 {minutesWords(c.minutesToResolve.mean)}，一半的报事在 {minutesWords(c.minutesToResolve.median)}内办好
        </Text>
        <Bars label="各网格平均办结用时" bars={grids.map((g) => ({ key: g.id, label: g.name, value: g.minutesToResolve.mean, text: minutesWords(g.minutesToResolve.mean) }))} />
      </View>

      <View className="card">
        <Text className="subtitle">按时接单的比例</Text>
        <Text className="muted">全社区 {percentWords(c.claimedInTime)}</Text>
        <Bars
          label="各网格按时接单的比例"
          max={1}
          bars={grids.map((g) => ({ key: g.id, label: g.name, value: g.claimedInTime, text: percentWords(g.claimedInTime), tone: g.claimedInTime !== null && g.claimedInTime < 0.8 ? 'red' : 'green' }))}
        />
      </View>

      <View className="card">
        <Text className="subtitle">群众满意度</Text>
        <Text className="muted">
          全社区 {percentWords(c.satisfiedShare)} 满意（{c.rated} 件有评价{c.averageRating !== null ? `，平均 ${c.averageRating} 星` : ''}）
        </Text>
        <Bars
          label="各网格满意的比例"
          max={1}
          bars={grids.map((g) => ({ key: g.id, label: g.name, value: g.satisfiedShare, text: percentWords(g.satisfiedShare), tone: g.satisfiedShare !== null && g.satisfiedShare < 0.8 ? 'red' : 'green' }))}
        />
      </View>
    </View>
  );
}

/** 就业: 就业率, 户均就业人数, zero-employment households per grid (tap a grid to list them). */
export function EmploymentFigures({ stats, picked, onPick }: { stats: EmploymentStats; picked: string | null; onPick: (gridId: string | null) => void }) {
  const c = stats.community;
  return (
    <View className="card">
      <Text className="subtitle">就业情况</Text>
      <View className="figures">
        <Figure value={percentWords(c.employmentRate)} label="就业率" />
        <Figure value={c.employedPerLabourHousehold === null ? '暂无' : String(c.employedPerLabourHousehold)} label="户均就业人数" />
        <Figure value={`${c.zeroEmploymentHouseholds} 户`} label="零就业家庭" tone={c.zeroEmploymentHouseholds ? 'red' : 'green'} />
      </View>
      <Text className="muted">
        劳动力 {c.labour} 人，已就业 {c.employed} 人（{c.labourHouseholds} 户有劳动力）
      </Text>
      <Text className="field-label">各网格就业率</Text>
      <Bars label="各网格就业率" max={1} bars={stats.grids.map((g) => ({ key: g.id, label: g.name, value: g.employmentRate, text: percentWords(g.employmentRate), tone: 'green' }))} />
      <Text className="field-label">各网格零就业家庭（点一下看是哪几户）</Text>
      <Bars
        label="各网格零就业家庭户数"
        bars={stats.grids.map((g) => ({ key: g.id, label: g.name, value: g.zeroEmploymentHouseholds, text: `${g.zeroEmploymentHouseholds} 户`, tone: 'red' }))}
        picked={picked}
        onPick={(id) => onPick(id === picked ? null : id)}
      />
    </View>
  );
}

const thisYear = new Date().getFullYear();

export function ZeroEmploymentHousehold({ household: h }: { household: EmploymentHousehold }) {
  return (
    <View className="card">
      <Text className="subtitle">
        {h.building} {h.room}
      </Text>
      {h.members.map((m) => (
        <View key={m.id} className="kv">
          <Text className="kv__k">{m.name}</Text>
          <Text className="kv__v">
            {m.birthYear ? `${thisYear - m.birthYear} 岁 · ` : ''}
            {m.status ? EMPLOYMENT_WORDS[m.status] : '没有登记'}
          </Text>
        </View>
      ))}
    </View>
  );
}

/** The staff dashboard: order figures for a period, employment figures and the zero-employment households. */
export function Dashboard({ refresher }: { refresher?: Refresher }) {
  const [days, setDays] = useState(30);
  const [grid, setGrid] = useState<string | null>(null);
  const orders = useRemote(() => api.orders.stats(days), [days]);
  const employment = useRemote(() => api.employment.stats(), []);
  const zero = useRemote(() => api.employment.households({ zeroEmployment: true, limit: 100, ...(grid ? { gridId: grid } : {}) }), [grid]);
  const reloadAll = useCallback(async () => {
    await Promise.all([orders.reload(), employment.reload(), zero.reload()]);
  }, [orders.reload, employment.reload, zero.reload]);
  useRefreshedBy(refresher, reloadAll);
  const gridName = grid ? employment.data?.grids.find((g) => g.id === grid)?.name : null;

  return (
    <View>
      <View className="filters" ariaLabel="统计时段">
        {PERIODS.map((p) => (
          <Text key={p.days} className={cx('chip', p.days === days && 'chip--on')} onClick={() => setDays(p.days)}>
            {p.label}
          </Text>
        ))}
      </View>
      {orders.error ? <SectionError error={orders.error} onRetry={() => void orders.reload()} /> : null}
      {!orders.error && orders.loading && !orders.data ? <Spinner /> : null}
      {!orders.error && orders.data ? <OrderFigures stats={orders.data} /> : null}

      {employment.error ? <SectionError error={employment.error} onRetry={() => void employment.reload()} /> : null}
      {!employment.error && employment.loading && !employment.data ? <Spinner /> : null}
      {!employment.error && employment.data ? <EmploymentFigures stats={employment.data} picked={grid} onPick={setGrid} /> : null}

      <View className="zero-list">
        <Text className="subtitle">零就业家庭{gridName ? `（${gridName}）` : ''}</Text>
        {grid ? (
          <View className="filters">
            <Text className="chip chip--on" onClick={() => setGrid(null)}>
              看全部网格 ✕
            </Text>
          </View>
        ) : null}
        <ListState loading={zero.loading} error={zero.error} empty={!zero.data?.items.length} emptyText="没有零就业家庭。" onRetry={() => void zero.reload()}>
          <Text className="muted">共 {zero.data?.total ?? 0} 户，请网格员上门问问，帮着找工作、报培训。</Text>
          {(zero.data?.items ?? []).map((h) => (
            <ZeroEmploymentHousehold key={h.id} household={h} />
          ))}
        </ListState>
      </View>
    </View>
  );
}
