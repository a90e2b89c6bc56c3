import Taro from '@tarojs/taro';

export interface ConfirmQuestion {
  title: string;
  content: string;
  confirmText: string;
  cancelText: string;
}

/** Asks before a step that cannot be taken back (cancel, withdraw); true when confirmed. */
export type Confirm = (q: ConfirmQuestion) => Promise<boolean>;

export const askToConfirm: Confirm = async (q) => (await Taro.showModal(q)).confirm;
