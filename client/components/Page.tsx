import { View } from '@tarojs/components';
import type { ReactNode } from 'react';
import { cx } from '../lib/cx.js';
import { useAppState } from '../lib/store.js';
import { PrivacyPopup } from './PrivacyPopup.js';
import { TabBar } from './TabBar.js';

/**
 * Every screen's frame: base text size (large-text mode), the role's tab bar on top-level pages,
 * and the privacy pop-up (not on the policy pages themselves, which it links to).
 */
export function Page({ tab, children, className, privacyPrompt = true }: { tab?: string; children: ReactNode; className?: string; privacyPrompt?: boolean }) {
  const { largeText, workspace } = useAppState();
  return (
    <View className={cx('page', largeText && 'page--big', tab && 'page--tabbed', className)}>
      {children}
      {tab ? <TabBar workspace={workspace} current={tab} /> : null}
      {privacyPrompt ? <PrivacyPopup /> : null}
    </View>
  );
}
