import { Button, Image, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useCallback, useRef, useState } from 'react';
import { apiUrl } from '../api/http.js';
import { api } from '../api/index.js';
import type { Photo, UploadResult } from '../api/types.js';
import { askPrivacy } from '../lib/privacy.js';

/** Photos attached to a request or a step; tap to see one full screen. */
export function PhotoGrid({ photos }: { photos: Photo[] }) {
  if (!photos.length) return null;
  const urls = photos.map((p) => apiUrl(p.url));
  return (
    <View className="photos">
      {photos.map((p, i) => (
        <View key={urls[i]} className="photo" onClick={() => Taro.previewImage({ urls, current: urls[i]! })}>
          <Image className="photo__img" src={urls[i]!} mode="aspectFill" lazyLoad />
          {/* WeChat's content check found it risky:居民看不到, staff decide */}
          {p.flagged && <Text className="photo__state photo__state--flagged">违规 · 仅干部可见</Text>}
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

// chooseMedia: chooseImage is deprecated in WeChat
const chooseImages: Choose = async (count) => {
  const r = await Taro.chooseMedia({ count, mediaType: ['image'], sizeType: ['compressed'], sourceType: ['album', 'camera'] });
  return r.tempFiles.map((f) => f.tempFilePath);
};

/** Why the picker gave nothing: closed by the user, or refused the camera or album (now, or once in WeChat's settings). */
export function whyNoPhoto(e: unknown): 'cancelled' | 'privacy' | 'denied' | 'failed' {
  const msg = String((e as { errMsg?: string } | null)?.errMsg ?? (e as Error | null)?.message ?? e);
  if (/cancel/i.test(msg)) return 'cancelled';
  // 不同意 in WeChat's own privacy step: "chooseMedia:fail privacy permission is not authorized"
  if (/privacy/i.test(msg)) return 'privacy';
  // the camera or album refused: "chooseMedia:fail auth deny", "authorize:fail auth denied"
  if (/auth|deny|denied|permission/i.test(msg)) return 'denied';
  return 'failed';
}

/** What a refusal tells the user: how to allow the camera and album again, not silence. */
export const PHOTO_REFUSED_WORDS = {
  denied:
    process.env.TARO_ENV === 'weapp'
      ? '没有打开相机或相册的权限，所以拍不了照。请点下面的「去设置」，打开「相机」和「相册」，再回来点「拍照」。'
      : '浏览器没有允许用相机或相册。请在浏览器的设置里允许这个网站使用相机，再点「拍照」。',
  privacy: '没有同意隐私政策，所以不能拍照或选照片。不拍照也可以直接提交；要拍照请再点「拍照」，看完说明后点「同意」。',
  failed: '没能打开相机或相册，请再点一次「拍照」。',
} as const;
type Refusal = keyof typeof PHOTO_REFUSED_WORDS;

/** Photos picked for a form, each uploaded as soon as it is picked. */
export function usePhotos(max: number, choose: Choose = chooseImages, upload: Upload = api.uploads.photo) {
  const [items, setItems] = useState<PickedPhoto[]>([]);
  const [refusal, setRefusal] = useState<Refusal | null>(null);
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
    setRefusal(null);
    // the album and camera are privacy APIs: the 隐私政策 is agreed first (components/PrivacyPopup.tsx)
    if (!(await askPrivacy('拍照或选照片'))) {
      setRefusal('privacy');
      return;
    }
    let paths: string[];
    try {
      paths = await choose(Math.max(0, max - items.length));
    } catch (e) {
      const why = whyNoPhoto(e);
      if (why !== 'cancelled') setRefusal(why); // closing the picker without choosing is a choice
      return;
    }
    const picked = paths.slice(0, max - items.length).map((local) => ({ key: `p${++seq.current}`, local, state: 'uploading' as const }));
    setItems((list) => [...list, ...picked]);
    await Promise.all(picked.map(send));
  }, [choose, items.length, max, send]);

  return {
    items,
    add,
    /** why the last tap on 拍照 gave no photo, when the user needs to do something about it */
    refusal,
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
      {photos.refusal ? (
        <View className="photo-refused" style={{ width: '100%' }} ariaRole="alert">
          <Text className="hint">{PHOTO_REFUSED_WORDS[photos.refusal]}</Text>
          {photos.refusal === 'denied' && process.env.TARO_ENV === 'weapp' ? (
            <Button className="btn btn--secondary btn--small" onClick={() => void Taro.openSetting()}>
              去设置
            </Button>
          ) : null}
        </View>
      ) : null}
    </View>
  );
}
