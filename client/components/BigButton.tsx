import { Text, View } from '@tarojs/components';
import { cx } from '../lib/cx.js';

export function BigButton({ icon, label, sub, primary, onPress }: { icon: string; label: string; sub?: string; primary?: boolean; onPress: () => void }) {
  return (
    <View className={cx('bigbtn', primary && 'bigbtn--primary')} hoverClass="bigbtn--pressed" onClick={onPress} ariaRole="button" ariaLabel={label}>
      <Text className="bigbtn__icon">{icon}</Text>
      <View>
        <Text className="bigbtn__label">{label}</Text>
        {sub ? <Text className="bigbtn__sub">{sub}</Text> : null}
      </View>
    </View>
  );
}
