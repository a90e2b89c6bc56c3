import { Input, Text, View } from '@tarojs/components';
import { useState } from 'react';
import { FormProblem } from '../../api/errors.js';
import type { DispatchInput, GridWorker, OrderDetail } from '../../api/types.js';
import { ActionButton } from '../../components/ActionButton.js';
import { cx } from '../../lib/cx.js';
import { ORDER_LIMITS } from '../../../shared/limits.js';

/** 社区派单: the grid's own worker is suggested and preselected; staff may pick anyone of the community. */
export function DispatchForm({ order, workers, onDispatch }: { order: Pick<OrderDetail, 'suggestedAssignee' | 'assignee' | 'status'>; workers: GridWorker[]; onDispatch: (body: DispatchInput) => Promise<unknown> }) {
  const suggested = order.suggestedAssignee?.id;
  const [picked, setPicked] = useState<string | undefined>(order.assignee?.id ?? suggested);
  const [note, setNote] = useState('');
  // the suggested worker first, then the least busy
  const sorted = [...workers].sort((a, b) => Number(b.id === suggested) - Number(a.id === suggested) || a.openOrders - b.openOrders);
  return (
    <View className="card">
      <Text className="subtitle">{order.status === 'submitted' ? '派给哪位网格员？' : '改派给哪位网格员？'}</Text>
      {sorted.map((w) => (
        <View key={w.id} className={cx('choice', w.id === picked && 'choice--on')} onClick={() => setPicked(w.id)} ariaRole="radio">
          <View>
            <Text className="text">
              {w.id === picked ? '◉ ' : '○ '}
              {w.name}
              {w.id === suggested ? '（建议）' : ''}
            </Text>
            <Text className="muted">
              {w.grid?.name ?? ''} · 手上 {w.openOrders} 件
            </Text>
          </View>
        </View>
      ))}
      <Text className="field-label">给网格员的话（可以不写）</Text>
      <Input className="input" value={note} maxlength={ORDER_LIMITS.dispatchNote} placeholder="比如：老人独居，请尽快上门" onInput={(e) => setNote(e.detail.value)} />
      <ActionButton
        onPress={async () => {
          if (!picked) throw new FormProblem('请选一位网格员。');
          await onDispatch({ assigneeId: picked, ...(note.trim() ? { note: note.trim() } : {}) });
        }}
      >
        {order.status === 'submitted' ? '派单' : '改派'}
      </ActionButton>
    </View>
  );
}
