import { Button, Text, View } from '@tarojs/components';

/** A list's title with a refresh button: pull-to-refresh is not obvious to everyone. */
export function ListHead({ title, loading, onRefresh }: { title: string; loading: boolean; onRefresh: () => void }) {
  return (
    <View className="list-head">
      <Text className="title">{title}</Text>
      <Button className="btn btn--secondary btn--small" loading={loading} disabled={loading} onClick={onRefresh}>
        刷新
      </Button>
    </View>
  );
}
