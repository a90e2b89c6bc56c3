import { Button, Image, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { apiUrl } from '../../api/http.js';
import type { Notice } from '../../api/types.js';
import { cx } from '../../lib/cx.js';
import { when } from '../../lib/words.js';
import { pageOfNotice } from '../../lib/workspaces.js';

/** A whole notice: what kind, when, the text as written (line breaks kept), its picture, and where it leads. */
export function NoticeView({ notice: n, go = (url) => void Taro.navigateTo({ url }) }: { notice: Notice; go?: (url: string) => void }) {
  const page = pageOfNotice(n.pagePath);
  const image = n.image ? apiUrl(n.image.url) : null;
  return (
    <View className={cx('card', n.urgent && 'notice-card--urgent')}>
      <View className="row">
        <Text className={cx('badge', n.urgent ? 'badge--urgent' : 'badge--work')}>
          {n.urgent ? '🚨 ' : ''}
          {n.kindLabel}
        </Text>
        <Text className="muted">{when(n.publishedAt)}</Text>
      </View>
      <Text className="title">{n.title}</Text>
      <Text className="notice__body">{n.body}</Text>
      {image ? (
        <View onClick={() => void Taro.previewImage({ urls: [image], current: image })}>
          <Image className="notice__image" src={image} mode="widthFix" />
        </View>
      ) : null}
      {page ? (
        <Button className="btn btn--primary" onClick={() => go(page)}>
          去看看 ›
        </Button>
      ) : null}
    </View>
  );
}
