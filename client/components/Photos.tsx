import { Image, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useCallback, useRef, useState } from 'react';
import { apiUrl } from '../api/http.js';
import { api } from '../api/index.js';
import type { Photo, UploadResult } from '../api/types.js';

/** Photos attached to a request or a step; tap to see one full screen. */
export function PhotoGrid({ photos }: { photos: Photo[] }) {
  if (!photos.length) return null;
  const urls = photos.map((p) => apiUrl(p.url));
  return (
    <View className="photos">
      {urls.map((url) => (
        <View key={url} className="photo" onClick={() => Taro.previewImage({ urls, current: url })}>
          <Image className="photo__img" src={url} mode="aspectFill" lazyLoad />
        </View>
      ))}
    </View>
  );
}

export interface PickedPhoto {
  key: string;
  /** The local file: shown at once, uploaded in the background. */
  local: string;
  state: 'uploading' | 'done' | 'failed';
  id?: string;
}

type Choose = (count: number) => Promise<string[]>;
type Upload = (filePath: string) => Promise<Pick<UploadResult, 'id'>>;

const chooseImages: Choose = async (count) => {
  const r = await Taro.chooseImage({ count, sizeType: ['compressed'], sourceType: ['album', 'camera'] });
  return r.tempFilePaths;
};

/** Photos picked for a form, each uploaded as soon as it is picked. */
export function usePhotos(max: number, choose: Choose = chooseImages, upload: Upload = api.uploads.photo) {
  const [items, setItems] = useState<PickedPhoto[]>([]);
  const seq = useRef(0);

  const send = useCallback(
    async (p: PickedPhoto) => {
      const patch = (changes: Partial<PickedPhoto>) => setItems((list) => list.map((x) => (x.key === p.key ? { ...x, ...changes } : x)));
      patch({ state: 'uploading' });
      try {
        const u = await upload(p.local);
        patch({ state: 'done', id: u.id });
      } catch {
        patch({ state: 'failed' });
      }
    },
    [upload],
  );

  const add = useCallback(async () => {
    let paths: string[];
    try {
      paths = await choose(Math.max(0, max - items.length));
    } catch {
      return; // closed the picker without choosing
    }
    const picked = paths.slice(0, max - items.length).map((local) => ({ key: `p${++seq.current}`, local, state: 'uploading' as const }));
    setItems((list) => [...list, ...picked]);
    await Promise.all(picked.map(send));
  }, [choose, items.length, max, send]);

  return {
    items,
    add,
    remove: (key: string) => setItems((list) => list.filter((x) => x.key !== key)),
    retry: (key: string) => {
      const p = items.find((x) => x.key === key);
      if (p) void send(p);
    },
    ids: items.filter((x) => x.state === 'done' && x.id).map((x) => x.id!),
    busy: items.some((x) => x.state === 'uploading'),
    failed: items.some((x) => x.state === 'failed'),
    full: items.length >= max,
  };
}

export type Photos = ReturnType<typeof usePhotos>;

export function PhotoPicker({ photos, max }: { photos: Photos; max: number }) {
  return (
    <View className="photos">
      {photos.items.map((p) => (
        <View key={p.key} className="photo">
          <Image className="photo__img" src={p.local} mode="aspectFill" />
          {p.state === 'uploading' ? <Text className="photo__state">正在上传…</Text> : null}
          {p.state === 'failed' ? (
            <Text className="photo__state" onClick={() => photos.retry(p.key)}>
              没传上，点这里重试
            </Text>
          ) : null}
          <View className="photo__remove" onClick={() => photos.remove(p.key)} ariaRole="button" ariaLabel="删除这张照片">
            <Text>✕</Text>
          </View>
        </View>
      ))}
      {photos.full ? null : (
        <View className="photo-add" onClick={() => void photos.add()} ariaRole="button" ariaLabel="拍照或选照片">
          <Text className="photo-add__icon">📷</Text>
          <Text>
            拍照 {photos.items.length}/{max}
          </Text>
        </View>
      )}
    </View>
  );
}
