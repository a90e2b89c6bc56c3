// 是不是这件事？ While the resident describes the problem, the open requests of their
// building like it (GET /api/orders/similar) are offered: joining one (+1) instead of
// filing the same again. Asked as they type, not in the 提交 tap (WeChat's subscribe
// question must come first in that tap). A neighbour's request shows as a neighbour may
// see it: its title, state and how many households reported it.
import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useEffect, useRef, useState } from 'react';
import type { OrderBrief, SimilarOrder } from '../../api/types.js';
import { ActionButton } from '../../components/ActionButton.js';
import { statusWords, when } from '../../lib/words.js';

export function SimilarOffers({
  category,
  description,
  find,
  join,
  onJoined,
}: {
  category: string;
  description: string;
  find: (q: { category: string; description: string }) => Promise<SimilarOrder[]>;
  join?: (id: string) => Promise<OrderBrief>;
  onJoined?: (b: OrderBrief) => void;
}) {
  const [offers, setOffers] = useState<SimilarOrder[]>([]);
  const [dismissed, setDismissed] = useState(false);
  const text = description.trim();
  // the caller's function may be new on every render: asked again only when the words or category change
  const findRef = useRef(find);
  findRef.current = find;

  useEffect(() => {
    if (text.length < 4) {
      setOffers([]);
      return;
    }
    let live = true;
    // after a pause in typing; a failed look-up just offers nothing (filing still works)
    const t = setTimeout(() => {
      findRef.current({ category, description: text })
        .then((r) => live && setOffers(r))
        .catch(() => live && setOffers([]));
    }, 500);
    return () => {
      live = false;
      clearTimeout(t);
    };
  }, [category, text]);

  if (dismissed || !offers.length) return null;
  return (
    <View className="card offers" ariaRole="region" ariaLabel="是不是这件事">
      <Text className="subtitle">是不是这件事？</Text>
      <Text className="muted">楼里最近有人报了差不多的事。是同一件事的话，点“我也遇到了”，不用再报，办理进度会通知您。</Text>
      {offers.map((o) => (
        <View key={o.id} className="offer">
          <Text className="text">
            {o.category.icon} {o.title}
          </Text>
          <Text className="muted">
            {statusWords({ status: o.status, feedback: null })} · {when(o.createdAt)}
            {o.joined > 0 ? ` · 另有 ${o.joined} 户也反映了` : ''}
          </Text>
          {o.yours ? (
            <ActionButton kind="secondary" onPress={() => Taro.navigateTo({ url: `/pages/order/index?id=${o.id}` })}>
              您已经报过这件事，看进度
            </ActionButton>
          ) : o.joinedByMe ? (
            <Text className="ok-note">您已经反映过这件事了</Text>
          ) : join ? (
            <ActionButton kind="ok" onPress={async () => onJoined?.(await join(o.id))}>
              我也遇到了（不用再报）
            </ActionButton>
          ) : null}
        </View>
      ))}
      <ActionButton kind="secondary" onPress={async () => setDismissed(true)}>
        不是这件事，继续报
      </ActionButton>
    </View>
  );
}
