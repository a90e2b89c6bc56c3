import { Button, Text, Textarea, View } from '@tarojs/components';
import { useState } from 'react';
import { FormProblem } from '../api/errors.js';
import type { FeedbackInput } from '../api/types.js';
import { ORDER_LIMITS } from '../../shared/limits.js';
import { cx } from '../lib/cx.js';
import { ActionButton } from './ActionButton.js';
import { StarRating } from './StarRating.js';

/** The resident's word on a resolved request: satisfied or not, 1–5 stars, an optional comment. */
export function FeedbackForm({ onSubmit }: { onSubmit: (body: FeedbackInput) => Promise<unknown> }) {
  const [satisfied, setSatisfied] = useState<boolean | null>(null);
  const [rating, setRating] = useState(0);
  const [comment, setComment] = useState('');
  // picking 满意 / 不满意 fills in the stars too: one tap is enough for most people
  const choose = (yes: boolean) => {
    setSatisfied(yes);
    if (!rating || (yes && rating < 3) || (!yes && rating > 3)) setRating(yes ? 5 : 2);
  };
  const submit = () => {
    if (satisfied === null) throw new FormProblem('请先选“满意”还是“不满意”。');
    if (!rating) throw new FormProblem('请点星星打个分。');
    return onSubmit({ satisfied, rating, ...(comment.trim() ? { comment: comment.trim() } : {}) });
  };
  return (
    <View className="card">
      <Text className="subtitle">请您评价：办得怎么样？</Text>
      <View className="two">
        <Button className={cx('btn', satisfied === true ? 'btn--ok' : 'btn--secondary')} onClick={() => choose(true)}>
          😊 满意
        </Button>
        <Button className={cx('btn', satisfied === false ? 'btn--primary' : 'btn--secondary')} onClick={() => choose(false)}>
          😞 不满意
        </Button>
      </View>
      <Text className="field-label">打分</Text>
      <StarRating value={rating} onChange={setRating} />
      <Text className="field-label">还想说的话（可以不写）</Text>
      <Textarea className="textarea" value={comment} maxlength={ORDER_LIMITS.feedbackComment} placeholder="比如：师傅很耐心" onInput={(e) => setComment(e.detail.value)} />
      {satisfied === false ? <Text className="hint">选了“不满意”，这件事会退回给网格员重新办理。</Text> : null}
      <ActionButton onPress={async () => submit()}>提交评价</ActionButton>
    </View>
  );
}
