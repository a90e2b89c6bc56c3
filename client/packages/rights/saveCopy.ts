// Keeping the copy (PIPL Art. 45): the whole JSON of GET /api/me/data as a file.
// In the browser (H5) it is downloaded; in WeChat it is written to the mini-program's
// own folder and handed to 转发文件到聊天 (Taro.shareFileMessage: to oneself or to
// family), and where that is not possible (the PC client, an old WeChat) copied to
// the clipboard to paste into a chat.
import Taro from '@tarojs/taro';
import type { MyDataCopy } from '../../api/types.js';
import { askPrivacy } from '../../lib/privacy.js';

export type Saved = 'downloaded' | 'shared' | 'copied' | 'cancelled';

export const SAVED_WORDS: Record<Saved, string> = {
  downloaded: '已经保存到「下载」里了，文件名是“我的信息”开头的。',
  shared: '已经发出去了。',
  copied: '已经复制好了，可以到微信聊天里长按粘贴，发给自己或家人。',
  cancelled: '',
};

const pad = (n: number) => String(n).padStart(2, '0');

/** 我的信息-20261205.json */
export function copyFileName(copy: Pick<MyDataCopy, 'madeAt'>): string {
  const d = new Date(copy.madeAt);
  return `我的信息-${d.getFullYear()}${pad(d.getMonth() + 1)}${pad(d.getDate())}.json`;
}

export async function saveCopy(copy: MyDataCopy, platform: string | undefined = process.env.TARO_ENV): Promise<Saved> {
  const json = JSON.stringify(copy, null, 2);
  const fileName = copyFileName(copy);
  if (platform === 'h5') {
    const url = URL.createObjectURL(new Blob([json], { type: 'application/json;charset=utf-8' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = fileName;
    document.body.appendChild(a);
    a.click();
    a.remove();
    // the click has started the download; the browser keeps its own reference
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
    return 'downloaded';
  }
  if (Taro.canIUse('shareFileMessage')) {
    const filePath = `${Taro.env.USER_DATA_PATH}/my-data.json`;
    try {
      Taro.getFileSystemManager().writeFileSync(filePath, json, 'utf8');
      await Taro.shareFileMessage({ filePath, fileName });
      return 'shared';
    } catch (e) {
      // closing the chat picker is a choice, not a failure
      if (/cancel/i.test(String((e as { errMsg?: string })?.errMsg ?? ''))) return 'cancelled';
    }
  }
  // the clipboard is a privacy API: the 隐私政策 is agreed first
  if (!(await askPrivacy('复制我的信息'))) return 'cancelled';
  await Taro.setClipboardData({ data: json });
  return 'copied';
}
