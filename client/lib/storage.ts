// Taro storage (wx storage on WeChat, localStorage in the browser), never throwing:
// a full or unavailable storage must not stop anyone from using the app.
import Taro from '@tarojs/taro';

export const KEYS = {
  token: 'ejia.token',
  largeText: 'ejia.largeText',
  /** The large-text question on the home page was answered (yes or no): not asked again. */
  largeTextAsked: 'ejia.largeTextAsked',
  workspace: 'ejia.workspace',
} as const;

export function readStored<T>(key: string): T | undefined {
  try {
    const v = Taro.getStorageSync(key) as T | '' | undefined;
    return v === '' || v === undefined || v === null ? undefined : v;
  } catch {
    return undefined;
  }
}

export function writeStored(key: string, value: unknown): void {
  try {
    if (value === undefined || value === null) Taro.removeStorageSync(key);
    else Taro.setStorageSync(key, value);
  } catch {
    // storage full or unavailable: the setting just does not persist
  }
}
