import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import type { OrderDetail } from '../api/types.js';
import { when } from '../lib/words.js';
import { Flags, StatusBadge } from './Badges.js';
import { PhotoGrid } from './Photos.js';

/** The head of a request's page: what, where, for whom, and its state. */
export function OrderSummaryCard({ order, showContact }: { order: OrderDetail; showContact?: boolean }) {
  const submitted = order.timeline.find((e) => e.action === 'submit');
  const phone = 'phone' in order.resident ? order.resident.phone : null;
  return (
    <View className="card">
      <Text className="title">
        {order.category.icon} {order.title}
      </Text>
      <View className="row">
        <Flags order={order} />
        <StatusBadge order={order} />
      </View>
      <View className="kv">
        <Text className="kv__k">事情</Text>
        <Text className="kv__v">{order.description}</Text>
      </View>
      <View className="kv">
        <Text className="kv__k">地址</Text>
        <Text className="kv__v">
          {order.building.name} {order.room}
        </Text>
      </View>
      <View className="kv">
        <Text className="kv__k">住户</Text>
        <Text className="kv__v">
          {order.resident.name}
          {order.filedOnBehalf && order.filedBy ? `（${order.filedBy.name} 代报）` : ''}
        </Text>
      </View>
      {showContact && phone ? (
        <View className="kv kv--tap" onClick={() => Taro.makePhoneCall({ phoneNumber: phone })} ariaRole="button">
          <Text className="kv__k">电话</Text>
          <Text className="kv__v">📞 {phone}（点击拨打）</Text>
        </View>
      ) : null}
      {order.assignee ? (
        <View className="kv">
          <Text className="kv__k">网格员</Text>
          <Text className="kv__v">{order.assignee.name}</Text>
        </View>
      ) : null}
      <View className="kv">
        <Text className="kv__k">提交时间</Text>
        <Text className="kv__v">{when(order.createdAt)}</Text>
      </View>
      {submitted ? <PhotoGrid photos={submitted.photos} /> : null}
    </View>
  );
}
