import { Text, View } from '@tarojs/components';

/**
 * The six-digit pickup code, as large as the screen allows: it is read off the
 * phone at the shop counter, often by someone with weak eyes. Shown in two
 * groups of three (easier to read out); staff type the six digits.
 */
export function PickupCode({ code }: { code: string }) {
  return (
    <View className="pickup" ariaLabel={`取货码 ${code.split('').join(' ')}`}>
      <Text className="pickup__label">取货码</Text>
      <View className="pickup__code">
        <Text className="pickup__group">{code.slice(0, 3)}</Text>
        <Text className="pickup__group">{code.slice(3)}</Text>
      </View>
      <Text className="pickup__how">到积分超市，给工作人员看这个号码</Text>
    </View>
  );
}
