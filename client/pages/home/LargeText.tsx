import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import { KEYS, readStored, writeStored } from '../../lib/storage.js';
import { store } from '../../lib/store.js';

/**
 * 大字模式 where residents are: asked once on the first visit to the home page (before they have
 * squinted at anything else), then a switch that stays at the top of the home page.
 */
export function LargeTextOnHome({ largeText }: { largeText: boolean }) {
  const [asked, setAsked] = useState(() => readStored<boolean>(KEYS.largeTextAsked) === true || largeText);
  // just answered: nothing in the card's place until the page is opened again (a switch drawn at
  // once under the finger took the same tap on H5 and undid the answer)
  const [justAnswered, setJustAnswered] = useState(false);
  const answer = (on: boolean) => {
    store.setLargeText(on);
    writeStored(KEYS.largeTextAsked, true);
    setAsked(true);
    setJustAnswered(true);
  };
  if (justAnswered) return null;
  if (!asked) {
    return (
      <View className="card large-offer">
        <Text className="large-offer__title">字看得清吗？</Text>
        <Text className="large-offer__sample">可以换成大字，看得更清楚</Text>
        {/* views, not two Taro <Button>s side by side: on H5 a tap on one reached the other's handler */}
        <View className="two">
          <View className="btn btn--primary" onClick={() => answer(true)} ariaRole="button">
            <Text>用大字</Text>
          </View>
          <View className="btn btn--secondary" onClick={() => answer(false)} ariaRole="button">
            <Text>看得清</Text>
          </View>
        </View>
      </View>
    );
  }
  return (
    <View className="large-toggle" onClick={() => store.setLargeText(!largeText)} ariaRole="button" ariaLabel={largeText ? '换回小字' : '换成大字'}>
      <Text className="large-toggle__icon">{largeText ? 'A' : 'A+'}</Text>
      <Text>{largeText ? '换回小字' : '换成大字'}</Text>
    </View>
  );
}
