import { PolicyPage } from '../PolicyText.js';
import { PRIVACY_POLICY } from '../texts.js';

/** 隐私政策: what is collected and why, who sees it, how long it is kept, and how to see, correct and delete it. */
export default function PrivacyPolicyPage() {
  return <PolicyPage text={PRIVACY_POLICY} />;
}
