import { Text, Textarea, View } from '@tarojs/components';
import { useState } from 'react';
import { FormProblem } from '../../api/errors.js';
import type { ReviewInput } from '../../api/types.js';
import { ActionButton } from '../../components/ActionButton.js';
import { ORDER_LIMITS } from '../../../shared/limits.js';

/** 党组织评单: pass (closes the request) or send it back for rework, always with a comment. */
export function ReviewForm({ onReview }: { onReview: (body: ReviewInput) => Promise<unknown> }) {
  const [comment, setComment] = useState('');
  const send = (verdict: ReviewInput['verdict']) => async () => {
    if (!comment.trim()) throw new FormProblem('请写几句评语。');
    await onReview({ verdict, comment: comment.trim() });
  };
  return (
    <View className="card">
      <Text className="subtitle">评单</Text>
      <Text className="field-label">评语</Text>
      <Textarea className="textarea" value={comment} maxlength={ORDER_LIMITS.reviewComment} placeholder="比如：处置及时，群众满意" onInput={(e) => setComment(e.detail.value)} />
      <ActionButton kind="ok" onPress={send('pass')}>
        ✔ 通过，办结
      </ActionButton>
      <ActionButton kind="secondary" onPress={send('fail')}>
        ↩ 退回重办
      </ActionButton>
    </View>
  );
}
