import { Text, Textarea, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { GRID_LOG_KIND_LABELS, type GridLogKind } from '../../../../shared/words.js';
import { FormProblem } from '../../../api/errors.js';
import { api } from '../../../api/index.js';
import { ActionButton } from '../../../components/ActionButton.js';
import { ListState } from '../../../components/ListState.js';
import { Page } from '../../../components/Page.js';
import { PhotoPicker, usePhotos } from '../../../components/Photos.js';
import { cx } from '../../../lib/cx.js';
import { useParam, useSession } from '../../../lib/pageHooks.js';
import { useRemote } from '../../../lib/useRemote.js';
import './log.scss';

const KINDS = Object.keys(GRID_LOG_KIND_LABELS) as GridLogKind[];
const day = (iso: string) => {
  const d = new Date(iso);
  return `${d.getMonth() + 1}月${d.getDate()}日 ${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;
};

/**
 * 民情日志: what the worker saw and heard today, in a few taps: the kind, a big box
 * to write in, a photo if there is one, 保存. Opened from a household (?householdId=…)
 * or an order (?orderId=…, its task page), the entry is about it, and the latest entries
 * below are that one's; otherwise the grid's.
 */
export default function GridLog() {
  useSession();
  const householdId = useParam('householdId');
  const orderId = useParam('orderId');
  const [kind, setKind] = useState<GridLogKind>('sentiment');
  const [text, setText] = useState('');
  const photos = usePhotos(1);
  const recent = useRemote(() => api.gridLog.list({ limit: 10, ...(orderId ? { orderId } : {}) }), [orderId]);

  const save = async () => {
    if (text.trim().length < 2) throw new FormProblem('请写一写看到、听到了什么。');
    if (photos.busy) throw new FormProblem('照片还在上传，请稍等一下。');
    await api.gridLog.write({
      kind,
      text: text.trim(),
      ...(photos.ids[0] ? { photoId: photos.ids[0] } : {}),
      ...(householdId ? { householdIds: [householdId] } : {}),
      ...(orderId ? { orderIds: [orderId] } : {}),
    });
    setText('');
    photos.items.forEach((p) => photos.remove(p.key));
    await Taro.showToast({ title: '已记下', icon: 'success' });
    void recent.reload();
  };

  return (
    <Page>
      <Text className="subtitle">1. 是哪类事</Text>
      <View className="pick">
        {KINDS.map((k) => (
          <View key={k} className={cx('pick__btn', kind === k && 'pick__btn--on')} ariaRole="button" ariaLabel={GRID_LOG_KIND_LABELS[k]} onClick={() => setKind(k)}>
            <Text>{GRID_LOG_KIND_LABELS[k]}</Text>
          </View>
        ))}
      </View>
      <Text className="subtitle">2. 看到、听到了什么</Text>
      <Textarea
        className="textarea log-text"
        value={text}
        maxlength={2000}
        placeholder="比如：3栋楼道堆了杂物，挡住消防通道，已提醒住户清理"
        onInput={(e) => setText(e.detail.value)}
      />
      <Text className="field-label">照片（可不拍）</Text>
      <PhotoPicker photos={photos} max={1} />
      <ActionButton onPress={save}>保存</ActionButton>

      <Text className="subtitle">{orderId ? '这件事的记录' : '最近的记录'}</Text>
      <ListState loading={recent.loading} error={recent.error} empty={!recent.data?.items.length} emptyText="还没有记录。" onRetry={() => void recent.reload()}>
        {(recent.data?.items ?? []).map((e) => (
          <View key={e.id} className="log-entry">
            <View className="log-entry__head">
              <Text>{e.kindLabel}</Text>
              <Text className="muted">{day(e.occurredAt)}</Text>
            </View>
            <Text className="text">{e.text}</Text>
            {e.households.length ? <Text className="muted">涉及：{e.households.map((h) => `${h.building} ${h.room}`).join('、')}</Text> : null}
            <Text className="muted">{e.author.name}{e.photo ? ' · 有照片' : ''}</Text>
          </View>
        ))}
      </ListState>
    </Page>
  );
}
