// Parts of the console's tables: the bar above (the filters on the left, the actions on the
// right), the cursor pager below a table paged by cursor (serverTable.ts, useCursorTable), and
// a row's title that opens it, with a grey line under it.
import { ReloadOutlined } from '@ant-design/icons';
import { Button, Select, Space, Typography } from 'antd';
import type { ReactNode } from 'react';
import { CURSOR_PAGE_SIZES, type CursorPagerState } from './serverTable.js';

/** `onReload`: a 刷新 button first among the actions. */
export function Toolbar({ filters, actions, onReload }: { filters: ReactNode; actions: ReactNode; onReload?: () => unknown }) {
  return (
    <Space wrap style={{ marginBottom: 16, width: '100%', justifyContent: 'space-between' }}>
      <Space wrap>{filters}</Space>
      <Space>
        {onReload ? <Button icon={<ReloadOutlined />} onClick={() => void onReload()}>刷新</Button> : null}
        {actions}
      </Space>
    </Space>
  );
}

export function CursorPager({ pager, nextTestId }: { pager: CursorPagerState; nextTestId?: string }) {
  return (
    <Space style={{ marginTop: 16, width: '100%', justifyContent: 'flex-end' }}>
      <span style={{ color: '#888' }}>第 {pager.page} 页 · 本页 {pager.shown} 条</span>
      <Button disabled={pager.page === 1} onClick={pager.back}>上一页</Button>
      <Button disabled={!pager.hasNext} onClick={pager.next} data-testid={nextTestId}>下一页</Button>
      <Select value={pager.pageSize} style={{ width: 110 }} onChange={pager.setPageSize} options={CURSOR_PAGE_SIZES.map((n) => ({ value: n, label: `${n} 条/页` }))} />
    </Space>
  );
}

export function TitleCell({ title, under, onOpen }: { title: string; under: ReactNode; onOpen: () => void }) {
  return (
    <div style={{ minWidth: 200 }}>
      <Typography.Link onClick={onOpen}>{title}</Typography.Link>
      <div style={{ color: '#888', fontSize: 12 }}>{under}</div>
    </div>
  );
}
