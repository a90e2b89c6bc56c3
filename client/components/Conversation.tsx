// The conversation on an order (issue #21 §1): messages both ways with photos, in big
// text; 待补充 shown to the resident as a plain question they can answer at once.
import { Text, Textarea, View } from '@tarojs/components';
import { useState } from 'react';
import { FormProblem } from '../api/errors.js';
import type { OrderDetail, OrderUpdateInput, TimelineEntry, UploadResult } from '../api/types.js';
import { when } from '../lib/words.js';
import { cx } from '../lib/cx.js';
import { ORDER_LIMITS } from '../../shared/limits.js';
import { ActionButton } from './ActionButton.js';
import { PhotoGrid, PhotoPicker, usePhotos } from './Photos.js';

/** The timeline steps that are things said, shown as the conversation rather than as 办理经过. */
export const SAID = new Set<TimelineEntry['action']>(['comment', 'ask', 'answer']);

/** The question the resident has yet to answer (the last one asked), while the order waits for them. */
export function openQuestion(o: Pick<OrderDetail, 'status' | 'timeline'>): TimelineEntry | null {
  if (o.status !== 'awaiting_info') return null;
  return [...o.timeline].reverse().find((e) => e.action === 'ask') ?? null;
}

const LABEL: Partial<Record<TimelineEntry['action'], string>> = { ask: '请补充', answer: '补充' };

/** Messages, oldest first: mine on the right. */
export function Messages({ entries, meId }: { entries: TimelineEntry[]; meId: string | undefined }) {
  const said = entries.filter((e) => SAID.has(e.action));
  if (!said.length) return <Text className="muted">还没有留言。</Text>;
  return (
    <View className="msgs">
      {said.map((e) => {
        const mine = !!meId && e.actor?.id === meId;
        return (
          <View key={e.id} className={cx('msg', mine && 'msg--mine', e.action === 'ask' && 'msg--ask')}>
            <Text className="msg__who">
              {mine ? '我' : (e.actor?.name ?? '')}
              {LABEL[e.action] ? ` · ${LABEL[e.action]}` : ''} · {when(e.at)}
            </Text>
            {e.note ? <Text className="msg__text">{e.note}</Text> : null}
            <PhotoGrid photos={e.photos} />
          </View>
        );
      })}
    </View>
  );
}

/** 待补充, as the resident sees it: what the worker needs, in big letters. */
export function QuestionBanner({ question }: { question: TimelineEntry }) {
  return (
    <View className="ask-banner" ariaRole="alert">
      <Text className="ask-banner__title">网格员需要您补充：</Text>
      <Text className="ask-banner__text">{question.note}</Text>
      <Text className="muted">请在下面写一写，或者拍张照片发过去。补充之前，办理时间不算。</Text>
    </View>
  );
}

/**
 * A box to write a message with photos; `suggestions` (常用回复) fill it in one tap.
 * Cleared after a send (remounted by the caller's key).
 */
export function MessageBox({
  title,
  placeholder,
  sendLabel,
  onSend,
  suggestions = [],
  requireText = false,
  choosePhotos,
  uploadPhoto,
}: {
  title: string;
  placeholder: string;
  sendLabel: string;
  onSend: (body: Required<OrderUpdateInput>) => Promise<unknown>;
  suggestions?: string[];
  /** a question needs words; a message may be a photo alone */
  requireText?: boolean;
  choosePhotos?: (count: number) => Promise<string[]>;
  uploadPhoto?: (filePath: string) => Promise<Pick<UploadResult, 'id'>>;
}) {
  const [text, setText] = useState('');
  const photos = usePhotos(ORDER_LIMITS.photos, choosePhotos, uploadPhoto);
  const send = async () => {
    const t = text.trim();
    if (requireText && t.length < 2) throw new FormProblem('请写一写要问什么。');
    if (!t && !photos.ids.length) throw new FormProblem('请写几个字，或者拍张照片。');
    if (photos.busy) throw new FormProblem('照片还在上传，请稍等一下。');
    if (photos.failed) throw new FormProblem('有照片没传上。请点照片重试，或者删掉它。');
    await onSend({ text: t, photos: photos.ids });
  };
  return (
    <View className="card">
      <Text className="subtitle">{title}</Text>
      {suggestions.length ? (
        <View>
          <Text className="field-label">常用回复（点一下填入）</Text>
          {suggestions.map((s) => (
            <Text key={s} className="chip reply-chip" onClick={() => setText(s)}>
              {s}
            </Text>
          ))}
        </View>
      ) : null}
      <Textarea className="textarea" value={text} maxlength={ORDER_LIMITS.updateText} placeholder={placeholder} onInput={(e) => setText(e.detail.value)} />
      <PhotoPicker photos={photos} max={ORDER_LIMITS.photos} />
      <ActionButton onPress={send}>{sendLabel}</ActionButton>
    </View>
  );
}
