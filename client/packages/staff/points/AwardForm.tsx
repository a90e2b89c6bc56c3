import { Button, Input, Text, View } from '@tarojs/components';
import { useRef, useState } from 'react';
import { FormProblem } from '../../../api/errors.js';
import { api } from '../../../api/index.js';
import type { AwardResult, Household, PointsRule } from '../../../api/types.js';
import { ActionButton } from '../../../components/ActionButton.js';
import { ListState } from '../../../components/ListState.js';
import { askToConfirm, type Confirm } from '../../../lib/confirm.js';
import { cx } from '../../../lib/cx.js';
import { newIdempotencyKey } from '../../../lib/idempotency.js';
import { useRefreshedBy, type Refresher } from '../../../lib/refresher.js';
import { useRemote } from '../../../lib/useRemote.js';
import { loadBuildings, loadGrids, loadHouseholds, type Place } from '../community.js';
import { AWARD_LIMITS } from '../../../../shared/limits.js';

export const ruleWords = (r: PointsRule) => `每次 ${r.points} 积分${r.monthlyCap ? `，每户每月最多 ${r.monthlyCap}` : ''}`;

const headOf = (h: Household) => (h.members.find((m) => m.relation === '户主') ?? h.members[0])?.name ?? '';

/** The result of an award, in words: how many got points, and why the others did not. */
export function awardWords(r: AwardResult): string[] {
  const total = r.awarded.reduce((s, a) => s + a.amount, 0);
  const capped = r.skipped.filter((s) => s.reason === 'monthly_cap').length;
  const again = r.skipped.filter((s) => s.reason === 'already_awarded').length;
  const lines = [r.awarded.length ? `✅ 已给 ${r.awarded.length} 户发了积分，共 ${total} 积分。` : '这次没有发出积分。'];
  if (capped) lines.push(`${capped} 户这个月这一项已经到上限，没有再发。`);
  if (again) lines.push(`${again} 户这一批已经发过了，没有重复发。`);
  return lines;
}

/** One building's households to tick. */
function HouseholdsOf({ building, picked, onPick }: { building: Place; picked: Map<string, Household>; onPick: (hs: Household[], on: boolean) => void }) {
  const households = useRemote(() => loadHouseholds({ buildingId: building.id }), [building.id]);
  const list = households.data ?? [];
  const all = list.length > 0 && list.every((h) => picked.has(h.id));
  return (
    <ListState loading={households.loading} error={households.error} empty={!list.length} emptyText="这栋楼没有住户。" onRetry={() => void households.reload()}>
      <View className="filters">
        <Text className="chip" onClick={() => onPick(list, !all)}>
          {all ? `${building.name} 全不选` : `${building.name} 全选`}
        </Text>
      </View>
      <View className="filters">
        {list.map((h) => {
          const on = picked.has(h.id);
          return (
            <View key={h.id} className={cx('chip', on && 'chip--on')} onClick={() => onPick([h], !on)} ariaRole="button" ariaLabel={`${h.room} ${headOf(h)}`}>
              {on ? '✔ ' : ''}
              {h.room} {headOf(h)}
            </View>
          );
        })}
      </View>
    </ListState>
  );
}

/**
 * 发积分: pick a rule, tick one household or many (a building at once after a
 * clean-up day), say how many times, confirm. A retried tap sends the same
 * Idempotency-Key, so nobody gets the points twice.
 */
export function AwardForm({ confirm = askToConfirm, refresher }: { confirm?: Confirm; refresher?: Refresher }) {
  const rules = useRemote(() => api.points.rules(), []);
  const grids = useRemote(loadGrids, []);
  useRefreshedBy(refresher, rules.reload);
  const [ruleId, setRuleId] = useState<string | null>(null);
  const [gridId, setGridId] = useState<string | null>(null);
  const [buildingId, setBuildingId] = useState<string | null>(null);
  const [picked, setPicked] = useState<Map<string, Household>>(new Map());
  const [times, setTimes] = useState(1);
  const [note, setNote] = useState('');
  const [result, setResult] = useState<string[] | null>(null);
  const keys = useRef(new Map<string, string>());
  const buildings = useRemote(async () => (gridId ? loadBuildings(gridId) : []), [gridId]);

  const active = (rules.data ?? []).filter((r) => r.active);
  const rule = active.find((r) => r.id === ruleId) ?? null;
  const building = (buildings.data ?? []).find((b) => b.id === buildingId) ?? null;

  const pick = (hs: Household[], on: boolean) => {
    setResult(null);
    setPicked((p) => {
      const next = new Map(p);
      for (const h of hs) {
        if (on) next.set(h.id, h);
        else next.delete(h.id);
      }
      return next;
    });
  };

  const award = async () => {
    if (!rule) throw new FormProblem('请先选一条积分规则。');
    if (!picked.size) throw new FormProblem('请至少选一户。');
    const householdIds = [...picked.keys()].sort();
    const n = note.trim();
    const yes = await confirm({
      title: '发积分',
      content: `给 ${picked.size} 户各发“${rule.name}” ${rule.points * times} 积分${rule.monthlyCap ? '（到了每月上限的不再发）' : ''}？`,
      confirmText: '发积分',
      cancelText: '再看看',
    });
    if (!yes) return;
    // the same key for the same award until it goes through (a lost answer, a second tap)
    const intent = JSON.stringify([rule.id, householdIds, times, n]);
    const key = keys.current.get(intent) ?? newIdempotencyKey();
    keys.current.set(intent, key);
    const r = await api.points.award({ ruleId: rule.id, householdIds, times, ...(n ? { note: n } : {}) }, key);
    keys.current.delete(intent);
    setResult(awardWords(r));
    setPicked(new Map());
  };

  return (
    <View>
      <Text className="field-label">按哪条规则发</Text>
      <ListState loading={rules.loading} error={rules.error} empty={!active.length} emptyText="社区还没有积分规则。" onRetry={() => void rules.reload()}>
        {active.map((r) => (
          <View key={r.id} className={cx('choice', r.id === ruleId && 'choice--on')} onClick={() => setRuleId(r.id)} ariaRole="button">
            <View>
              <Text className="text">{r.name}</Text>
              <Text className="muted">{ruleWords(r)}</Text>
            </View>
            <Text>{r.id === ruleId ? '✔' : ''}</Text>
          </View>
        ))}
      </ListState>

      <Text className="field-label">发给哪几户（已选 {picked.size} 户）</Text>
      <ListState loading={grids.loading} error={grids.error} empty={!grids.data?.length} emptyText="社区还没有网格。" onRetry={() => void grids.reload()}>
        <View className="filters">
          {(grids.data ?? []).map((g) => (
            <Text
              key={g.id}
              className={cx('chip', g.id === gridId && 'chip--on')}
              onClick={() => {
                setGridId(g.id);
                setBuildingId(null);
              }}
            >
              {g.name}
            </Text>
          ))}
        </View>
      </ListState>
      {gridId ? (
        <ListState loading={buildings.loading} error={buildings.error} empty={!buildings.data?.length} emptyText="这个网格没有楼栋。" onRetry={() => void buildings.reload()}>
          <View className="filters">
            {(buildings.data ?? []).map((b) => (
              <Text key={b.id} className={cx('chip', b.id === buildingId && 'chip--on')} onClick={() => setBuildingId(b.id)}>
                {b.name}
              </Text>
            ))}
          </View>
        </ListState>
      ) : null}
      {building ? <HouseholdsOf building={building} picked={picked} onPick={pick} /> : null}

      <Text className="field-label">几次（比如志愿服务几小时）</Text>
      <View className="stepper">
        <Button className="btn btn--secondary btn--small stepper__btn" disabled={times <= 1} onClick={() => setTimes((t) => Math.max(1, t - 1))} ariaLabel="少一次">
          −
        </Button>
        <Text className="stepper__value">{times}</Text>
        <Button className="btn btn--secondary btn--small stepper__btn" disabled={times >= AWARD_LIMITS.times} onClick={() => setTimes((t) => Math.min(AWARD_LIMITS.times, t + 1))} ariaLabel="多一次">
          ＋
        </Button>
      </View>
      <Text className="field-label">说明（可以不写）</Text>
      <Input className="input" value={note} maxlength={AWARD_LIMITS.note} placeholder="比如：11月22日 清扫楼道" onInput={(e) => setNote(e.detail.value)} />

      {result ? (
        <View className="ok-note">
          {result.map((l) => (
            <Text key={l} className="text">
              {l}
            </Text>
          ))}
        </View>
      ) : null}
      <ActionButton onPress={award}>发积分</ActionButton>
    </View>
  );
}
