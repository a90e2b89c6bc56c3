import { Text, View } from '@tarojs/components';
import { cx } from '../lib/cx.js';

export const RATING_WORDS = ['', '很不满意', '不满意', '一般', '满意', '非常满意'] as const;

/** 1–5 stars, each a full-size touch target; read-only when no onChange. */
export function StarRating({ value, onChange, small }: { value: number; onChange?: (v: number) => void; small?: boolean }) {
  return (
    <View className={cx('stars', small && 'stars--small')}>
      {[1, 2, 3, 4, 5].map((n) => (
        <View
          key={n}
          className="stars__star"
          onClick={onChange ? () => onChange(n) : undefined}
          ariaRole={onChange ? 'button' : undefined}
          ariaLabel={`${n}星`}
        >
          <Text>{n <= value ? '★' : '☆'}</Text>
        </View>
      ))}
      {value && !small ? <Text className="stars__words">{RATING_WORDS[value]}</Text> : null}
    </View>
  );
}
