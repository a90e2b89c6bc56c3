// 就业台账: the community's households with each member's situation, filtered by grid,
// building, situation and room and paged on the server, 零就业家庭 highlighted; the
// figures on top; Excel in (checked first: what would change and which rows are wrong,
// then imported on a second click) and out.
import { DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Checkbox, Input, Modal, Select, Space, Statistic, Table, Tag, Upload } from 'antd';
import type { TableColumnsType } from 'antd';
import { useEffect, useState } from 'react';
import { api, ApiError, messageOf, type EmploymentHousehold, type EmploymentStats, type EmploymentStatus, type LedgerImportResult } from '../../api.js';
import { useAct } from '../../formHooks.js';
import { useServerTable } from '../../serverTable.js';
import { download, importLedger } from '../../staffCalls.js';
import { Toolbar } from '../../TableParts.js';
import { percentWords } from '../../words.js';
import { buildingOptions, roomProblem, useGrids } from '../places.js';
import { fileRefusalWords, reasonWords } from './importWords.js';
import { statusOptions, statusWords } from './words.js';
import './employment.css';

interface Filters {
  gridId?: string;
  buildingId?: string;
  status?: EmploymentStatus;
  zeroEmployment?: boolean;
  room?: string;
}

const STATUS_COLOR: Record<EmploymentStatus, string> = {
  employed_local: 'green',
  employed_outbound: 'cyan',
  public_welfare: 'blue',
  self_employed: 'geekblue',
  seeking: 'orange',
  unable: 'default',
};

export function Ledger() {
  const { message } = App.useApp();
  const grids = useGrids();
  const [stats, setStats] = useState<EmploymentStats | null>(null);
  const { act: exportBy, busy: exporting } = useAct();
  const [file, setFile] = useState<File | null>(null);
  const [preview, setPreview] = useState<LedgerImportResult | null>(null);
  const [done, setDone] = useState<LedgerImportResult | null>(null);
  const [importing, setImporting] = useState(false);
  const t = useServerTable<Filters, EmploymentHousehold>(({ filters, offset, limit }) => api.employment.households({ ...filters, offset, limit }), {});

  const loadStats = () => api.employment.stats().then(setStats, () => undefined);
  useEffect(() => {
    void loadStats();
  }, []);

  const exportLedger = () => exportBy(() => download('/employment/export', '就业台账.xlsx').then(() => '已导出全社区的就业台账'));

  const refused = (e: unknown) => {
    const words = e instanceof ApiError ? fileRefusalWords(e.status, [e.serverMessage, ...e.details.map((d) => d.message)].join(' ')) : null;
    message.error(words ?? messageOf(e));
  };

  // first a dry run: staff see what would change and which rows are wrong before anything is written
  const check = async (picked: File) => {
    setFile(picked);
    setImporting(true);
    try {
      setPreview(await importLedger(picked, true));
    } catch (e) {
      refused(e);
      closeImport();
    } finally {
      setImporting(false);
    }
  };

  const closeImport = () => {
    setFile(null);
    setPreview(null);
    setDone(null);
  };

  const confirmImport = async () => {
    if (!file) return;
    setImporting(true);
    try {
      const r = await importLedger(file, false);
      setPreview(null);
      setDone(r);
      void t.reload();
      void loadStats();
    } catch (e) {
      refused(e);
    } finally {
      setImporting(false);
    }
  };

  const columns: TableColumnsType<EmploymentHousehold> = [
    { title: '楼栋', dataIndex: 'building', width: 110 },
    { title: '房号', dataIndex: 'room', width: 120 },
    {
      title: '家庭成员和就业情况',
      key: 'members',
      render: (_, h) => (
        <Space size={[12, 4]} wrap>
          {h.members.map((m) => (
            <span key={m.id} style={{ whiteSpace: 'nowrap' }}>
              {m.name}
              {m.birthYear ? <span style={{ color: '#999' }}>（{m.birthYear}）</span> : null}{' '}
              <Tag color={m.status ? STATUS_COLOR[m.status] : 'default'} style={{ marginInlineEnd: 0 }}>
                {statusWords(m.status)}
              </Tag>
              {m.employer ? <span style={{ color: '#888', fontSize: 12 }}> {m.employer}</span> : null}
            </span>
          ))}
        </Space>
      ),
    },
    { title: '劳动力', dataIndex: 'labour', width: 80, align: 'center' },
    { title: '就业', dataIndex: 'employed', width: 70, align: 'center' },
    { title: '', key: 'zero', width: 110, render: (_, h) => (h.zeroEmployment ? <Tag color="orange">零就业家庭</Tag> : null) },
  ];

  const c = stats?.community;
  return (
    <>
      {c && (
        <Space size={48} style={{ marginBottom: 16 }} data-testid="ledger-figures">
          <Statistic title="就业率" value={percentWords(c.employmentRate)} />
          <Statistic title="劳动力" value={c.labour} suffix="人" />
          <Statistic title="已就业" value={c.employed} suffix="人" />
          <Statistic title="户均就业" value={c.employedPerLabourHousehold === null ? '暂无' : c.employedPerLabourHousehold.toFixed(2)} suffix={c.employedPerLabourHousehold === null ? '' : '人'} />
          <Statistic title="零就业家庭" value={c.zeroEmploymentHouseholds} suffix="户" styles={{ content: { color: c.zeroEmploymentHouseholds ? '#d46b08' : undefined } }} />
        </Space>
      )}
      <Toolbar
        filters={
          <>
            <Select
              allowClear
              placeholder="网格"
              style={{ width: 130 }}
              value={t.filters.gridId}
              onChange={(gridId) => t.setFilters({ ...t.filters, gridId, buildingId: undefined })}
              options={grids.map((g) => ({ value: g.id, label: g.name }))}
            />
            <Select
              allowClear
              showSearch={{ optionFilterProp: 'label' }}
              placeholder="楼栋"
              style={{ width: 130 }}
              {...t.filterProps('buildingId')}
              options={buildingOptions(grids, t.filters.gridId)}
              data-testid="ledger-building"
            />
            <Select allowClear placeholder="有人是…" style={{ width: 150 }} {...t.filterProps('status')} options={statusOptions} />
            <Input.Search placeholder="房号，如 302" style={{ width: 160 }} {...t.searchProps('room', roomProblem)} />
            <span data-testid="only-zero">
              <Checkbox checked={!!t.filters.zeroEmployment} onChange={(e) => t.setFilters({ ...t.filters, zeroEmployment: e.target.checked || undefined })}>
                只看零就业家庭
              </Checkbox>
            </span>
          </>
        }
        actions={
          <>
            <Upload
              accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
              showUploadList={false}
              beforeUpload={(f) => {
                void check(f);
                return false;
              }}
            >
              <Button icon={<UploadOutlined />} loading={importing && !preview} data-testid="import">导入 Excel</Button>
            </Upload>
            <Button icon={<DownloadOutlined />} loading={exporting} onClick={() => void exportLedger()} data-testid="export-ledger">导出 Excel</Button>
          </>
        }
      />
      <Table<EmploymentHousehold>
        rowKey="id"
        size="middle"
        columns={columns}
        rowClassName={(h) => (h.zeroEmployment ? 'row-zero-employment' : '')}
        {...t.tableProps}
        data-testid="ledger-table"
      />
      <Modal
        open={!!preview || !!done}
        title={done ? '导入完成' : `导入前核对：${file?.name ?? ''}`}
        width={760}
        onCancel={() => closeImport()}
        footer={
          done ? (
            <Button type="primary" onClick={() => closeImport()}>知道了</Button>
          ) : (
            <Space>
              <Button onClick={() => closeImport()}>不导入</Button>
              <Button type="primary" loading={importing} disabled={!preview?.imported} onClick={() => void confirmImport()} data-testid="confirm-import">
                导入 {preview?.imported ?? 0} 人的变化
              </Button>
            </Space>
          )
        }
        destroyOnHidden
      >
        <ImportSummary result={(done ?? preview)!} done={!!done} />
      </Modal>
    </>
  );
}

function ImportSummary({ result, done }: { result: LedgerImportResult | null; done: boolean }) {
  if (!result) return null;
  return (
    <div data-testid="import-summary">
      <Space size={40} style={{ marginBottom: 16 }}>
        <Statistic title="表格行数" value={result.rows} />
        <Statistic title={done ? '已更新' : '会更新'} value={result.imported} suffix="人" styles={{ content: { color: '#389e0d' } }} />
        <Statistic title="和台账一样" value={result.unchanged} suffix="人" />
        <Statistic title="没填就业状态" value={result.withoutStatus} suffix="人" />
        <Statistic title="有问题的行" value={result.errors.length} styles={{ content: { color: result.errors.length ? '#cf1322' : undefined } }} />
      </Space>
      {result.errors.length > 0 ? (
        <>
          <Alert type="warning" showIcon style={{ marginBottom: 12 }} title={done ? '这些行没有导入，改好后可以再导入一次：' : '这些行不会导入，其余的照常导入：'} />
          <Table
            rowKey="row"
            size="small"
            pagination={{ pageSize: 8, hideOnSinglePage: true }}
            dataSource={result.errors}
            columns={[
              { title: '行号', dataIndex: 'row', width: 70 },
              { title: '问题', key: 'reason', render: (_, e: { reason: string }) => reasonWords(e.reason) },
            ]}
            data-testid="import-errors"
          />
        </>
      ) : (
        !done && <Alert type="success" showIcon title="表格没有问题。" />
      )}
    </div>
  );
}
