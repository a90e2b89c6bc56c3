import { Text, Textarea, View } from '@tarojs/components';
import { useState } from 'react';
import { FormProblem } from '../api/errors.js';
import type { ResolveInput, UploadResult } from '../api/types.js';
import { ActionButton } from './ActionButton.js';
import { ORDER_LIMITS } from '../../shared/limits.js';
import { PhotoPicker, usePhotos } from './Photos.js';

/** The grid worker closes the job: what was done, with photos of the result. */
export function ResolveForm({
  onSubmit,
  choosePhotos,
  uploadPhoto,
  suggestions = [],
}: {
  onSubmit: (body: ResolveInput) => Promise<unknown>;
  /** 常用回复 for 办结: one tap fills the note */
  suggestions?: string[];
  choosePhotos?: (count: number) => Promise<string[]>;
  uploadPhoto?: (filePath: string) => Promise<Pick<UploadResult, 'id'>>;
}) {
  const [note, setNote] = useState('');
  const photos = usePhotos(ORDER_LIMITS.photos, choosePhotos, uploadPhoto);
  const submit = () => {
    if (note.trim().length < ORDER_LIMITS.resolveNote.min) throw new FormProblem('请写一写是怎么办的。');
    if (photos.busy) throw new FormProblem('照片还在上传，请稍等一下。');
    if (photos.failed) throw new FormProblem('有照片没传上。请点照片重试，或者删掉它。');
    return onSubmit({ note: note.trim(), photos: photos.ids });
  };
  return (
    <View className="card">
      <Text className="subtitle">办好了吗？</Text>
      <Text className="field-label">怎么办的</Text>
      {suggestions.map((s) => (
        <Text key={s} className="chip reply-chip" onClick={() => setNote(s)}>
          {s}
        </Text>
      ))}
      <Textarea className="textarea" value={note} maxlength={ORDER_LIMITS.resolveNote.max} placeholder="比如：更换了水管接头，试水不漏了" onInput={(e) => setNote(e.detail.value)} />
      <Text className="field-label">办好后的照片（最多 {ORDER_LIMITS.photos} 张）</Text>
      <PhotoPicker photos={photos} max={ORDER_LIMITS.photos} />
      <ActionButton kind="ok" onPress={async () => submit()}>
        办好了，提交
      </ActionButton>
    </View>
  );
}
