import { Button, Text, View } from '@tarojs/components';

export function MoreButton({ hasMore, loading, error, onMore }: { hasMore: boolean; loading: boolean; error: string | null; onMore: () => void }) {
  if (!hasMore) return null;
  return (
    <View>
      <Button className="btn btn--secondary" loading={loading} disabled={loading} onClick={onMore}>
        加载更多
      </Button>
      {error ? <Text className="error-note">{error}</Text> : null}
    </View>
  );
}
