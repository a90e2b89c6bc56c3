import { Text, Textarea, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { FormProblem } from '../../../api/errors.js';
import { api } from '../../../api/index.js';
import { ActionButton } from '../../../components/ActionButton.js';
import { CategoryGrid } from '../../../components/CategoryGrid.js';
import { ListState } from '../../../components/ListState.js';
import { Page } from '../../../components/Page.js';
import { PhotoPicker, usePhotos } from '../../../components/Photos.js';
import { cx } from '../../../lib/cx.js';
import { useParam, useSession } from '../../../lib/pageHooks.js';
import { useRemote } from '../../../lib/useRemote.js';
import { intervalWords, lastWords, MET_WORDS, WELLBEING_WORDS } from './words.js';
import './visits.scss';

type Met = keyof typeof MET_WORDS;
type Wellbeing = keyof typeof WELLBEING_WORDS;
const MET_ICONS: Record<Met, string> = { head: '🙋', family: '👪', nobody: '🚪' };
const WELLBEING_ICONS: Record<Wellbeing, string> = { good: '😊', fair: '😐', needs_help: '🆘' };

/**
 * Recording a visit in three taps: who was met, how they are, 保存. A note, a
 * photo and the needs found are there for when there is more to say; a need
 * becomes an order filed for the household (代报) by choosing its kind.
 */
export default function RecordVisit() {
  useSession();
  const householdId = useParam('id');
  const page = useRemote(() => api.visits.household(householdId), [householdId], Boolean(householdId));
  const categories = useRemote(() => api.categories(), []);
  const [met, setMet] = useState<Met | null>(null);
  const [wellbeing, setWellbeing] = useState<Wellbeing | null>(null);
  const [note, setNote] = useState('');
  const [needs, setNeeds] = useState('');
  const [category, setCategory] = useState<string | null>(null);
  const photos = usePhotos(1);
  const h = page.data?.household;

  const save = async () => {
    if (!met) throw new FormProblem('请先选“见到谁”。');
    if (met !== 'nobody' && !wellbeing) throw new FormProblem('请选一下他们“情况怎样”。');
    if (photos.busy) throw new FormProblem('照片还在上传，请稍等一下。');
    if (category && needs.trim().length < 2) throw new FormProblem('要报事的话，请写一写需要什么帮助。');
    const r = await api.visits.record({
      householdId,
      met,
      ...(met !== 'nobody' && wellbeing ? { wellbeing } : {}),
      ...(note.trim() ? { note: note.trim() } : {}),
      ...(needs.trim() ? { needs: needs.trim() } : {}),
      ...(photos.ids[0] ? { photo: photos.ids[0] } : {}),
      ...(category ? { order: { category } } : {}),
    });
    await Taro.showToast({ title: r.visit.orderId ? '已保存，已代报' : met === 'nobody' ? '已记下，改天再去' : '已保存', icon: 'success' });
    setTimeout(() => void Taro.navigateBack(), 800);
  };

  return (
    <Page>
      <ListState loading={page.loading} error={page.error} empty={!h} emptyText="没有找到这一户。" onRetry={() => void page.reload()}>
        {h ? (
          <View className="card">
            <Text className="title">
              {h.building} {h.unit} {h.room}
            </Text>
            <Text className="text">{h.headName ?? ''}</Text>
            <View>
              {h.watchedFor.map((t) => (
                <Text key={t} className="chip">
                  {t}
                </Text>
              ))}
              <Text className="chip">{intervalWords(h.intervalDays)}</Text>
            </View>
            <Text className="muted">{lastWords(h.lastVisitedAt)}</Text>
          </View>
        ) : null}
        <Text className="subtitle">1. 见到谁</Text>
        <View className="choice">
          {(Object.keys(MET_WORDS) as Met[]).map((m) => (
            <View key={m} className={cx('choice__btn', met === m && 'choice__btn--on')} ariaRole="button" ariaLabel={MET_WORDS[m]} onClick={() => setMet(m)}>
              <Text className="choice__icon">{MET_ICONS[m]}</Text>
              <Text>{MET_WORDS[m]}</Text>
            </View>
          ))}
        </View>
        {met && met !== 'nobody' ? (
          <>
            <Text className="subtitle">2. 情况怎样</Text>
            <View className="choice">
              {(Object.keys(WELLBEING_WORDS) as Wellbeing[]).map((w) => (
                <View key={w} className={cx('choice__btn', wellbeing === w && 'choice__btn--on')} ariaRole="button" ariaLabel={WELLBEING_WORDS[w]} onClick={() => setWellbeing(w)}>
                  <Text className="choice__icon">{WELLBEING_ICONS[w]}</Text>
                  <Text>{WELLBEING_WORDS[w]}</Text>
                </View>
              ))}
            </View>
          </>
        ) : null}
        <ActionButton onPress={save}>{category ? '保存走访并代报' : '保存走访'}</ActionButton>

        <Text className="subtitle">还有要记的（可不填）</Text>
        <Text className="field-label">备注</Text>
        <Textarea className="textarea" value={note} maxlength={500} placeholder="比如：精神不错，按时吃药" onInput={(e) => setNote(e.detail.value)} />
        <Text className="field-label">照片</Text>
        <PhotoPicker photos={photos} max={1} />
        <Text className="field-label">发现的需求</Text>
        <Textarea className="textarea" value={needs} maxlength={500} placeholder="比如：卫生间水龙头坏了" onInput={(e) => setNeeds(e.detail.value)} />
        {needs.trim() ? (
          <>
            <Text className="field-label">帮他们报事（选一类，保存时一起代报）</Text>
            <CategoryGrid categories={categories.data ?? []} value={category ?? undefined} onPick={(c) => setCategory(category === c.code ? null : c.code)} />
            {category ? <ActionButton onPress={save}>保存走访并代报</ActionButton> : null}
          </>
        ) : null}
        {page.data?.visits.length ? (
          <>
            <Text className="subtitle">走访记录</Text>
            {page.data.visits.slice(0, 5).map((v) => (
              <View key={v.id} className="card">
                <Text className="text">
                  {new Date(v.visitedAt).getMonth() + 1}月{new Date(v.visitedAt).getDate()}日 {v.visitor.name}：见到{MET_WORDS[v.met]}
                  {v.wellbeing ? `，${WELLBEING_WORDS[v.wellbeing]}` : ''}
                </Text>
                {v.note ? <Text className="muted">{v.note}</Text> : null}
                {v.orderId ? <Text className="muted">已代报</Text> : null}
              </View>
            ))}
          </>
        ) : null}
      </ListState>
    </Page>
  );
}
