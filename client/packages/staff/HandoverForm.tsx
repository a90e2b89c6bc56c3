import { Button, Input, Text, View } from '@tarojs/components';
import { useState } from 'react';
import { FormProblem } from '../../api/errors.js';
import type { Redemption, RedemptionPage, RedemptionsQuery } from '../../api/types.js';
import { ActionButton } from '../../components/ActionButton.js';
import { when } from '../../lib/words.js';

/**
 * The reserved redemption with this pickup code, or null. The API looks codes up
 * only when handing over, so the counter pages through what is waiting to be
 * picked up to show what to hand over before it is confirmed.
 */
export async function findReserved(code: string, list: (q: RedemptionsQuery) => Promise<RedemptionPage>): Promise<Redemption | null> {
  let cursor: string | undefined;
  for (let page = 0; page < 50; page++) {
    const p = await list({ status: 'reserved', limit: 100, ...(cursor ? { cursor } : {}) });
    const hit = p.items.find((r) => r.pickupCode === code);
    if (hit) return hit;
    if (!p.nextCursor) return null;
    cursor = p.nextCursor;
  }
  return null;
}

type Step = { at: 'code' } | { at: 'check'; redemption: Redemption } | { at: 'done'; redemption: Redemption };

/** 核销 at the shop counter: type the six digits the resident shows, see what to hand over, confirm. */
export function HandoverForm({ find, handOver }: { find: (code: string) => Promise<Redemption | null>; handOver: (code: string) => Promise<Redemption> }) {
  const [code, setCode] = useState('');
  const [step, setStep] = useState<Step>({ at: 'code' });
  const again = () => {
    setCode('');
    setStep({ at: 'code' });
  };

  if (step.at === 'done') {
    const r = step.redemption;
    return (
      <View>
        <Text className="ok-note">
          ✔ 已核销：{r.item.name} ×{r.quantity} 交给了 {r.household.building} {r.household.room}。
        </Text>
        <Button className="btn btn--primary" onClick={again}>
          核销下一个
        </Button>
      </View>
    );
  }

  if (step.at === 'check') {
    const r = step.redemption;
    return (
      <View className="card">
        <Text className="subtitle">请把这些交给居民：</Text>
        <View className="shop-item__head">
          <Text className="shop-item__icon">{r.item.icon}</Text>
          <Text className="shop-item__name">
            {r.item.name} ×{r.quantity}
          </Text>
        </View>
        <View className="kv">
          <Text className="kv__k">住户</Text>
          <Text className="kv__v">
            {r.household.building} {r.household.room}
          </Text>
        </View>
        <View className="kv">
          <Text className="kv__k">取货码</Text>
          <Text className="kv__v">{r.pickupCode}</Text>
        </View>
        <View className="kv">
          <Text className="kv__k">积分</Text>
          <Text className="kv__v">
            {r.points} 积分 · 兑换于 {when(r.createdAt)}
          </Text>
        </View>
        <ActionButton
          kind="ok"
          onPress={async () => {
            setStep({ at: 'done', redemption: await handOver(r.pickupCode) });
          }}
        >
          ✔ 已交给居民，核销
        </ActionButton>
        <Button className="btn btn--secondary" onClick={again}>
          不对，重新输入
        </Button>
      </View>
    );
  }

  return (
    <View className="card">
      <Text className="subtitle">居民给您看的取货码</Text>
      <Input className="input input--code" type="number" value={code} maxlength={6} placeholder="6 位数字" onInput={(e) => setCode(e.detail.value.replace(/\D/g, '').slice(0, 6))} />
      <ActionButton
        onPress={async () => {
          if (!/^\d{6}$/.test(code)) throw new FormProblem('取货码是 6 位数字，请核对一下。');
          const r = await find(code);
          if (!r) throw new FormProblem('没有找到等着领取的这个取货码。请核对号码；已经领过或已取消的不能再领。');
          setStep({ at: 'check', redemption: r });
        }}
      >
        查找
      </ActionButton>
    </View>
  );
}
