import { View } from '@tarojs/components';
import type { ReactNode } from 'react';
import { cx } from '../lib/cx.js';
import { useAppState } from '../lib/store.js';
import { TabBar } from './TabBar.js';

/** Every screen's frame: base text size (large-text mode), and the role's tab bar on top-level pages. */
export function Page({ tab, children, className }: { tab?: string; children: ReactNode; className?: string }) {
  const { largeText, workspace } = useAppState();
  return (
    <View className={cx('page', largeText && 'page--big', tab && 'page--tabbed', className)}>
      {children}
      {tab ? <TabBar workspace={workspace} current={tab} /> : null}
    </View>
  );
}
