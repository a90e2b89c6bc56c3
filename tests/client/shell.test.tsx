// What every screen shares: large text that persists, the role's tab bar, list states, busy buttons.
import { cleanup, render, screen } from '@testing-library/react';
import { act } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ActionButton } from '../../client/components/ActionButton.js';
import { ListState } from '../../client/components/ListState.js';
import { TabBar } from '../../client/components/TabBar.js';
import { settle, tap } from './support/dom.js';

afterEach(cleanup);

describe('large-text mode', () => {
  it('is one class on every page and survives a restart (Taro storage)', async () => {
    vi.resetModules();
    const { store } = await import('../../client/lib/store.js');
    const { Page } = await import('../../client/components/Page.js');
    render(<Page>内容</Page>);
    const page = () => document.querySelector('.page')!;
    expect(page().className).not.toContain('page--big');
    act(() => store.setLargeText(true));
    expect(page().className).toContain('page--big');
    expect(localStorage.length).toBeGreaterThan(0);
    cleanup();

    // a fresh start of the app reads the stored choice
    vi.resetModules();
    const again = await import('../../client/lib/store.js');
    expect(again.store.get().largeText).toBe(true);
    act(() => again.store.setLargeText(false));
    vi.resetModules();
    expect((await import('../../client/lib/store.js')).store.get().largeText).toBe(false);
  });
});

describe('the tab bar', () => {
  it('shows the role’s own tabs and goes to the one tapped', async () => {
    const go = vi.fn();
    render(<TabBar workspace="worker" current="queue" go={go} />);
    expect(Array.from(document.querySelectorAll('.tabbar__text')).map((e) => e.textContent)).toEqual(['我的任务', '走访', '网格住户', '我的']);
    expect(document.querySelector('.tabbar__item--on')!.textContent).toContain('我的任务');
    await tap('我的任务');
    expect(go).not.toHaveBeenCalled();
    await tap('网格住户');
    expect(go).toHaveBeenCalledWith('/packages/worker/households/index');
  });

  it('gives a resident home, my requests and me', () => {
    render(<TabBar workspace="resident" current="home" go={() => {}} />);
    expect(Array.from(document.querySelectorAll('.tabbar__text')).map((e) => e.textContent)).toEqual(['首页', '我的报事', '我的']);
  });
});

describe('list states', () => {
  const props = { emptyText: '还没有报过事。', onRetry: () => {} };

  it('spins while the first page loads, then says when there is nothing', () => {
    const { rerender } = render(
      <ListState {...props} loading error={null} empty>
        <span>列表</span>
      </ListState>,
    );
    expect(screen.getByText('正在加载…')).toBeTruthy();
    rerender(
      <ListState {...props} loading={false} error={null} empty>
        <span>列表</span>
      </ListState>,
    );
    expect(screen.getByText('还没有报过事。')).toBeTruthy();
    expect(screen.queryByText('列表')).toBeNull();
  });

  it('keeps showing the list while it refreshes', () => {
    render(
      <ListState {...props} loading error={null} empty={false}>
        <span>列表</span>
      </ListState>,
    );
    expect(screen.getByText('列表')).toBeTruthy();
    expect(screen.queryByText('正在加载…')).toBeNull();
  });

  it('offers 再试一次 after an error', async () => {
    const onRetry = vi.fn();
    render(
      <ListState {...props} onRetry={onRetry} loading={false} error="网络不好，没有连上。请稍后再试。" empty>
        <span>列表</span>
      </ListState>,
    );
    expect(screen.getByText('网络不好，没有连上。请稍后再试。')).toBeTruthy();
    await tap('再试一次');
    expect(onRetry).toHaveBeenCalledTimes(1);
  });
});

describe('a button that calls the server', () => {
  it('spins and ignores more taps until the call ends', async () => {
    let finish = () => {};
    const onPress = vi.fn(() => new Promise<void>((r) => (finish = r)));
    render(<ActionButton onPress={onPress}>接单</ActionButton>);
    await tap('接单');
    await tap('接单');
    expect(onPress).toHaveBeenCalledTimes(1);
    const button = document.querySelector('taro-button-core') as HTMLElement & { loading?: boolean; disabled?: boolean };
    expect([button.loading, button.disabled]).toEqual([true, true]);
    finish();
    await settle();
    expect([button.loading, button.disabled]).toEqual([false, false]);
    await tap('接单');
    expect(onPress).toHaveBeenCalledTimes(2);
  });
});
