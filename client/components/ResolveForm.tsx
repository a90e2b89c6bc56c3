import { Text, Textarea, View } from '@tarojs/components';
import { useState } from 'react';
import { FormProblem } from '../api/errors.js';
import type { ResolveInput, UploadResult } from '../api/types.js';
import { ActionButton } from './ActionButton.js';
import { PhotoPicker, usePhotos } from './Photos.js';

const MAX_PHOTOS: typeof import('../../server/orders/schemas.js').MAX_PHOTOS = 6;

/** The grid worker closes the job: what was done, with photos of the result. */
export function ResolveForm({
  onSubmit,
  choosePhotos,
  uploadPhoto,
}: {
  onSubmit: (body: ResolveInput) => Promise<unknown>;
  choosePhotos?: (count: number) => Promise<string[]>;
  uploadPhoto?: (filePath: string) => Promise<Pick<UploadResult, 'id'>>;
}) {
  const [note, setNote] = useState('');
  const photos = usePhotos(MAX_PHOTOS, choosePhotos, uploadPhoto);
  const submit = () => {
    if (note.trim().length < 2) throw new FormProblem('请写一写是怎么办的。');
    if (photos.busy) throw new FormProblem('照片还在上传，请稍等一下。');
    if (photos.failed) throw new FormProblem('有照片没传上。请点照片重试，或者删掉它。');
    return onSubmit({ note: note.trim(), photos: photos.ids });
  };
  return (
    <View className="card">
      <Text className="subtitle">办好了吗？</Text>
      <Text className="field-label">怎么办的</Text>
      <Textarea className="textarea" value={note} maxlength={2000} placeholder="比如：更换了水管接头，试水不漏了" onInput={(e) => setNote(e.detail.value)} />
      <Text className="field-label">办好后的照片（最多 {MAX_PHOTOS} 张）</Text>
      <PhotoPicker photos={photos} max={MAX_PHOTOS} />
      <ActionButton kind="ok" onPress={async () => submit()}>
        办好了，提交
      </ActionButton>
    </View>
  );
}
