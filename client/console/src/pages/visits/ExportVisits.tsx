// 导出走访记录: a month's visits to Excel (a sheet per grid) for the monthly report — the
// whole community, or one grid. Server: GET /api/visits/export (server/visits/exportVisits.ts).
import { DownloadOutlined } from '@ant-design/icons';
import { App, Button, DatePicker, Select, Space } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { messageOf } from '../../api.js';
import { download } from '../../staffCalls.js';
import { useGrids } from '../places.js';

export function ExportVisits() {
  const { message } = App.useApp();
  const grids = useGrids();
  const [month, setMonth] = useState<Dayjs>(dayjs());
  const [gridId, setGridId] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const run = async () => {
    setBusy(true);
    try {
      const m = month.format('YYYY-MM');
      await download(`/visits/export?month=${m}${gridId ? `&gridId=${encodeURIComponent(gridId)}` : ''}`, `走访记录-${m}.xlsx`);
      message.success(`已导出 ${month.format('YYYY年M月')} 的走访记录`);
    } catch (e) {
      message.error(messageOf(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Space>
      <Select allowClear placeholder="全社区" style={{ width: 120 }} value={gridId} onChange={setGridId} options={grids.map((g) => ({ value: g.id, label: g.name }))} data-testid="export-visits-grid" />
      <DatePicker picker="month" allowClear={false} value={month} onChange={(m) => m && setMonth(m)} style={{ width: 120 }} />
      <Button icon={<DownloadOutlined />} loading={busy} onClick={() => void run()} data-testid="export-visits">
        导出走访记录
      </Button>
    </Space>
  );
}
