import { Button, Text, View } from '@tarojs/components';
import type { ReactNode } from 'react';

export function Spinner({ text = '正在加载…' }: { text?: string }) {
  return (
    <View className="state" ariaRole="status">
      <View className="spinner" />
      <Text>{text}</Text>
    </View>
  );
}

/** Loading, error and empty states for every list; the list itself once there is something to show. */
export function ListState({
  loading,
  error,
  empty,
  emptyText,
  onRetry,
  children,
}: {
  loading: boolean;
  error: string | null;
  empty: boolean;
  emptyText: string;
  onRetry: () => void;
  children: ReactNode;
}) {
  if (error) {
    return (
      <View className="state state--error">
        <Text className="state__icon">⚠️</Text>
        <Text>{error}</Text>
        <Button className="btn btn--secondary btn--small" onClick={onRetry}>
          再试一次
        </Button>
      </View>
    );
  }
  if (loading && empty) return <Spinner />;
  if (empty) {
    return (
      <View className="state">
        <Text className="state__icon">📭</Text>
        <Text>{emptyText}</Text>
      </View>
    );
  }
  return <>{children}</>;
}
