import { PolicyPage } from '../PolicyText.js';
import { USER_AGREEMENT } from '../texts.js';

/** 用户协议: what the app is for and the few rules of using it. */
export default function UserAgreementPage() {
  return <PolicyPage text={USER_AGREEMENT} />;
}
