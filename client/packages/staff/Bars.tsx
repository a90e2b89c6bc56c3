import { Text, View } from '@tarojs/components';
import { cx } from '../../lib/cx.js';
import { barWidth } from './words.js';
import './staff.scss';

export interface Bar {
  key: string;
  label: string;
  value: number | null;
  /** What the bar says at its end (35 分钟, 85%). */
  text: string;
  tone?: 'blue' | 'green' | 'red';
}

/**
 * A bar chart drawn with plain views (widths in %): the same on WeChat and in
 * the browser, and no chart library in any package. `max` is the 100% mark
 * (the largest value by default; 1 for shares). Tapping a row calls `onPick`.
 */
export function Bars({ bars, max, label, onPick, picked }: { bars: Bar[]; max?: number; label: string; onPick?: (key: string) => void; picked?: string | null }) {
  const top = max ?? Math.max(0, ...bars.map((b) => b.value ?? 0));
  return (
    <View className="bars" ariaLabel={label}>
      {bars.map((b) => (
        <View
          key={b.key}
          className={cx('bar-row', onPick && 'bar-row--tap', picked === b.key && 'bar-row--on')}
          onClick={onPick ? () => onPick(b.key) : undefined}
          ariaRole={onPick ? 'button' : undefined}
          ariaLabel={`${b.label} ${b.text}`}
        >
          <Text className="bar-row__label">{b.label}</Text>
          <View className="bar-row__track">
            <View className={cx('bar-row__fill', `bar-row__fill--${b.tone ?? 'blue'}`)} style={{ width: barWidth(b.value, top) }} />
          </View>
          <Text className="bar-row__value">{b.text}</Text>
        </View>
      ))}
    </View>
  );
}

/** A big figure with its label under it (报事 36 件). */
export function Figure({ value, label, tone }: { value: string; label: string; tone?: 'red' | 'green' }) {
  return (
    <View className="figure">
      <Text className={cx('figure__value', tone && `figure__value--${tone}`)}>{value}</Text>
      <Text className="figure__label">{label}</Text>
    </View>
  );
}
