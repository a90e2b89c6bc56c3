import { Text, View } from '@tarojs/components';
import type { Category } from '../api/types.js';
import { cx } from '../lib/cx.js';

export function CategoryGrid({ categories, value, onPick }: { categories: Category[]; value?: string; onPick: (c: Category) => void }) {
  return (
    <View className="cat-grid">
      {categories.map((c) => (
        <View key={c.code} className={cx('cat-tile', c.code === value && 'cat-tile--on')} onClick={() => onPick(c)} ariaRole="button" ariaLabel={c.name}>
          <Text className="cat-tile__icon">{c.icon}</Text>
          <Text className="cat-tile__name">{c.name}</Text>
        </View>
      ))}
    </View>
  );
}
