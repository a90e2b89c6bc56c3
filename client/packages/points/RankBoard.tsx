import { Text, View } from '@tarojs/components';
import { api } from '../../api/index.js';
import { ListHead } from '../../components/ListHead.js';
import { ListState } from '../../components/ListState.js';
import { cx } from '../../lib/cx.js';
import { useRefreshedBy, type Refresher } from '../../lib/refresher.js';
import { useRemote } from '../../lib/useRemote.js';

const MEDALS = ['🥇', '🥈', '🥉'];

/**
 * 积分榜 of my building: households by the points they earned this year
 * (spending does not lower a rank). Names come masked from the server (杨*英):
 * the board is for the whole building to see.
 */
export function Leaderboard({ refresher }: { refresher?: Refresher }) {
  const board = useRemote(() => api.points.leaderboard(), []);
  useRefreshedBy(refresher, board.reload);
  const ranks = board.data?.ranks ?? [];
  const mine = ranks.find((r) => r.mine);
  return (
    <View>
      <ListHead title={board.data ? `${board.data.building.name} 积分榜` : '积分榜'} loading={board.loading} onRefresh={() => void board.reload()} />
      <Text className="muted">按今年得到的积分排，换东西用掉的积分不影响名次。</Text>
      {mine ? <Text className="ok-note">您家排第 {mine.rank} 名，今年得了 {mine.earned} 积分。</Text> : null}
      <ListState loading={board.loading} error={board.error} empty={!ranks.length} emptyText="今年楼里还没有人得积分。参加志愿服务、评上文明户，都能得积分。" onRetry={() => void board.reload()}>
        <View className="card">
          {ranks.map((r) => (
            <View key={r.householdId} className={cx('rank-row', r.mine && 'rank-row--mine')}>
              <Text className="rank-row__rank">{MEDALS[r.rank - 1] ?? r.rank}</Text>
              <View className="rank-row__who">
                <Text className="text">
                  {r.head ?? '住户'}
                  {r.mine ? '（我家）' : ''}
                </Text>
                <Text className="muted">{r.room}</Text>
              </View>
              <Text className="rank-row__points">{r.earned} 分</Text>
            </View>
          ))}
        </View>
      </ListState>
    </View>
  );
}
