import { Button, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useAppState } from '../lib/store.js';
import { AGREE_BUTTON_ID, POLICY_PAGES, privacy, usePrivacy } from '../lib/privacy.js';
import './PrivacyPopup.scss';

const weapp = process.env.TARO_ENV === 'weapp';

/**
 * 用户隐私保护提示: before the album, camera or clipboard is first used, and whenever the
 * 隐私政策 or 用户协议 has a version not agreed yet. In WeChat the 同意 button is
 * open-type="agreePrivacyAuthorization", the tap WeChat requires before a privacy call goes on.
 */
export function PrivacyPopup() {
  const ask = usePrivacy();
  useAppState(); // re-render when the consent state arrives with the user
  if (!privacy.showing(ask)) return null;
  const agree = () => void privacy.agree();
  return (
    <View className="privacy-mask">
      <View className="privacy-sheet" ariaRole="dialog" ariaLabel="用户隐私保护提示">
        <Text className="privacy-sheet__title">用户隐私保护提示</Text>
        {ask.purpose ? <Text className="privacy-sheet__text">{`「${ask.purpose}」要用到手机的相册、相机或剪贴板，请先看一下我们怎么保护您的信息。`}</Text> : null}
        <Text className="privacy-sheet__text">
          e家社区会用到您家的住址、家庭成员、电话和您报的事，只用来给您办事；您拍的照片只给办理和督办这件事的人看。详细的请看下面两份说明。
        </Text>
        <View className="privacy-sheet__links">
          <Text className="privacy-sheet__link" onClick={() => void Taro.navigateTo({ url: POLICY_PAGES.privacy })}>
            《隐私政策》
          </Text>
          <Text className="privacy-sheet__link" onClick={() => void Taro.navigateTo({ url: POLICY_PAGES.terms })}>
            《用户协议》
          </Text>
        </View>
        {ask.error ? <Text className="error-note">{ask.error}</Text> : null}
        {weapp ? (
          <Button
            id={AGREE_BUTTON_ID}
            className="btn btn--primary"
            openType="agreePrivacyAuthorization"
            onAgreePrivacyAuthorization={agree}
            loading={ask.saving}
            disabled={ask.saving}
          >
            同意并继续
          </Button>
        ) : (
          <Button id={AGREE_BUTTON_ID} className="btn btn--primary" onClick={agree} loading={ask.saving} disabled={ask.saving}>
            同意并继续
          </Button>
        )}
        <Button className="btn btn--secondary" onClick={() => privacy.refuse()}>
          不同意
        </Button>
      </View>
    </View>
  );
}
