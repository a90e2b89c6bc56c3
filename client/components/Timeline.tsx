import { Text, View } from '@tarojs/components';
import type { TimelineEntry } from '../api/types.js';
import { actionWords, when } from '../lib/words.js';
import { PhotoGrid } from './Photos.js';
import { StarRating } from './StarRating.js';

/** Who did what and when, oldest first: the whole story of a request. The request's own photos are on its summary card above. */
export function Timeline({ entries }: { entries: TimelineEntry[] }) {
  return (
    <View className="timeline">
      {entries.map((e) => (
        <View key={e.id} className="timeline__item">
          <View className="timeline__dot" />
          <View className="timeline__body">
            <Text className="timeline__what">{actionWords(e)}</Text>
            <Text className="muted">
              {e.actor ? `${e.actor.name} · ` : ''}
              {when(e.at)}
            </Text>
            {e.rating ? (
              <View className="row">
                <Text>{e.satisfied ? '满意' : '不满意'}</Text>
                <StarRating value={e.rating} small />
              </View>
            ) : null}
            {e.note ? <Text className="text">{e.note}</Text> : null}
            {e.action === 'submit' ? null : <PhotoGrid photos={e.photos} />}
          </View>
        </View>
      ))}
    </View>
  );
}
