// 户籍台账: a community's buildings, households and people in and out of Excel.
// Pick the community, download the template (or the current registry), upload
// the filled workbook: the server checks every row and nothing is written until
// 确认导入. The check (核对结果) is stored, and its id is in the address
// (/console/registry/<id>), so it survives a reload. People the workbook no
// longer lists are shown for 迁出/去世, one by one; nobody is deleted.
import { CheckCircleOutlined, DownloadOutlined, ExportOutlined, ReloadOutlined, UploadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Empty, Form, Input, Modal, Popconfirm, Select, Space, Statistic, Table, Tabs, Tag, Typography, Upload } from 'antd';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { api, messageOf, type RegistryCommunity, type RegistryImport } from '../api.js';
import { authHeaders, failure } from '../../../api/core.js';
import type { PageProps } from '../Console.js';
import { navigate } from '../router.js';
import { download } from '../staffCalls.js';

type Change = RegistryImport['changes'][number];
type BadRow = RegistryImport['badRows'][number];
type Missing = RegistryImport['missing'][number];

const KIND_WORDS: Record<Change['kind'], string> = { building: '楼栋', household: '户', person: '人' };
const COUNT_SHOWN = { changes: 1000, badRows: 2000, missing: 2000 };

/** POST the picked file (the shared client's upload drops its name). */
async function uploadWorkbook(communityId: string, file: File): Promise<RegistryImport> {
  const form = new FormData();
  form.append('file', file, file.name);
  const res = await fetch(`/api/registry/communities/${encodeURIComponent(communityId)}/imports`, { method: 'POST', headers: authHeaders(false), body: form });
  const text = await res.text();
  const data: unknown = text ? JSON.parse(text) : null;
  if (!res.ok) {
    throw failure(res.status, data, {
      '413': '文件太大了（最多 40 MB）。',
      '415': '这不是 Excel 表格（.xlsx）。请用下载的模板填写后再上传。',
      '404': '没有找到这个社区。',
      '403': '只有管理员可以导入户籍台账。',
      invalid_request: '表格的格式不对：请用下载的模板，第一行的表头不要改动。',
    });
  }
  return data as RegistryImport;
}

export default function RegistryPage({ route }: PageProps) {
  const { message } = App.useApp();
  const importId = 'sub' in route ? route.sub : undefined;
  const [communities, setCommunities] = useState<RegistryCommunity[]>([]);
  const [communityId, setCommunityId] = useState<string | undefined>();
  const [preview, setPreview] = useState<RegistryImport | null>(null);
  const [busy, setBusy] = useState<'upload' | 'confirm' | 'template' | 'export' | null>(null);
  const [exportOpen, setExportOpen] = useState(false);
  const [left, setLeft] = useState<Record<string, 'moved_out' | 'deceased'>>({});

  const loadCommunities = useCallback(async () => {
    try {
      const list = await api.registry.communities();
      setCommunities(list);
      setCommunityId((c) => c ?? list[0]?.id);
    } catch (e) {
      message.error(messageOf(e));
    }
  }, [message]);

  useEffect(() => {
    void loadCommunities();
  }, [loadCommunities]);

  useEffect(() => {
    if (!importId) {
      setPreview(null);
      return;
    }
    api.registry.preview(importId).then(
      (p) => {
        setPreview(p);
        setCommunityId(p.communityId);
      },
      (e) => message.error(messageOf(e)),
    );
  }, [importId, message]);

  const community = communities.find((c) => c.id === communityId);

  const check = async (file: File) => {
    if (!communityId) return;
    setBusy('upload');
    try {
      const p = await uploadWorkbook(communityId, file);
      setPreview(p);
      setLeft({});
      navigate({ page: 'registry', sub: p.id });
    } catch (e) {
      message.error(messageOf(e));
    } finally {
      setBusy(null);
    }
  };

  const confirm = async () => {
    if (!preview) return;
    setBusy('confirm');
    try {
      const done = await api.registry.confirm(preview.id);
      setPreview(done);
      message.success('已导入');
      void loadCommunities();
    } catch (e) {
      message.error(messageOf(e));
    } finally {
      setBusy(null);
    }
  };

  const getTemplate = async () => {
    if (!communityId) return;
    setBusy('template');
    try {
      await download(`/registry/communities/${encodeURIComponent(communityId)}/template`, '户籍台账模板.xlsx');
    } catch (e) {
      message.error(messageOf(e));
    } finally {
      setBusy(null);
    }
  };

  const exportRegistry = async (reason: string) => {
    if (!communityId) return;
    setBusy('export');
    try {
      await download(`/registry/communities/${encodeURIComponent(communityId)}/export?reason=${encodeURIComponent(reason)}`, '户籍台账.xlsx');
      setExportOpen(false);
      message.success('已导出。这份表格有完整的身份证号，请妥善保管，用完删除。');
    } catch (e) {
      message.error(messageOf(e));
    } finally {
      setBusy(null);
    }
  };

  const markLeft = async (m: Missing, reason: 'moved_out' | 'deceased') => {
    try {
      await api.registry.markLeft(m.residentId, reason);
      setLeft((x) => ({ ...x, [m.residentId]: reason }));
      message.success(`${m.name}：已登记${reason === 'moved_out' ? '迁出' : '去世'}`);
    } catch (e) {
      message.error(messageOf(e));
    }
  };

  return (
    <Card
      title="户籍台账"
      extra={
        <Space wrap>
          <Select
            style={{ width: 260 }}
            placeholder="选择社区"
            value={communityId}
            onChange={(id) => {
              setCommunityId(id);
              if (preview && preview.communityId !== id) navigate({ page: 'registry' });
            }}
            options={communities.map((c) => ({ value: c.id, label: `${c.name}（${c.households} 户，${c.people} 人）` }))}
            data-testid="registry-community"
          />
          <Button icon={<DownloadOutlined />} disabled={!communityId} loading={busy === 'template'} onClick={() => void getTemplate()} data-testid="registry-template">
            下载模板
          </Button>
          <Button icon={<ExportOutlined />} disabled={!communityId} onClick={() => setExportOpen(true)} data-testid="registry-export">
            导出台账
          </Button>
          <Upload
            accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            showUploadList={false}
            disabled={!communityId}
            beforeUpload={(f) => {
              void check(f as File);
              return false;
            }}
          >
            <Button type="primary" icon={<UploadOutlined />} disabled={!communityId} loading={busy === 'upload'} data-testid="registry-upload">
              上传表格核对
            </Button>
          </Upload>
        </Space>
      }
    >
      {!preview ? (
        <Steps community={community} />
      ) : (
        <Preview preview={preview} busy={busy === 'confirm'} onConfirm={() => void confirm()} left={left} onLeave={(m, r) => void markLeft(m, r)} />
      )}
      <ExportDialog open={exportOpen} loading={busy === 'export'} community={community?.name} onCancel={() => setExportOpen(false)} onExport={(r) => void exportRegistry(r)} />
    </Card>
  );
}

function Steps({ community }: { community?: RegistryCommunity }) {
  return (
    <div style={{ maxWidth: 760 }}>
      <Typography.Paragraph>
        {community ? (
          <>
            当前社区：<b>{community.name}</b>，台账里有 {community.households} 户、{community.people} 人。
          </>
        ) : (
          '先在右上角选择社区。'
        )}
      </Typography.Paragraph>
      <ol style={{ paddingLeft: 20, lineHeight: 2 }}>
        <li>点「下载模板」，在 Excel 里填写「楼栋单元」和「户籍人口」两张表（表头上有填写说明，鼠标移上去就能看到）。已有台账的，点「导出台账」，改好再传回来。</li>
        <li>点「上传表格核对」。系统会逐行检查，告诉您哪些是新增、哪些改了、哪些有问题，这一步不会改动台账。</li>
        <li>核对无误后点「确认导入」。有问题的行不会导入，改好后再上传一次即可；同一份表格再传一次，不会重复导入。</li>
      </ol>
      <Alert type="info" showIcon title="表格里没有、台账里有的人，不会被删除：核对结果会列出来，请逐个登记迁出或去世。" />
    </div>
  );
}

function Preview({
  preview,
  busy,
  onConfirm,
  left,
  onLeave,
}: {
  preview: RegistryImport;
  busy: boolean;
  onConfirm: () => void;
  left: Record<string, 'moved_out' | 'deceased'>;
  onLeave: (m: Missing, reason: 'moved_out' | 'deceased') => void;
}) {
  const c = preview.counts;
  const toWrite = c.people.new + c.people.changed + c.households.new + c.households.changed + c.buildings.new + c.buildings.changed + c.units.new;
  const done = preview.status === 'confirmed';
  const [tab, setTab] = useState<string>(c.badRows ? 'bad' : c.people.missing ? 'missing' : 'changes');
  useEffect(() => setTab(c.badRows ? 'bad' : c.people.missing ? 'missing' : 'changes'), [preview.id, c.badRows, c.people.missing]);

  const changeColumns = useMemo(
    () => [
      { title: '表', dataIndex: 'sheet', width: 100 },
      { title: '行号', dataIndex: 'row', width: 80, sorter: (a: Change, b: Change) => a.row - b.row },
      { title: '类别', dataIndex: 'kind', width: 80, render: (k: Change['kind']) => KIND_WORDS[k], filters: (['building', 'household', 'person'] as const).map((k) => ({ text: KIND_WORDS[k], value: k })), onFilter: (v: unknown, r: Change) => r.kind === v },
      { title: '变化', dataIndex: 'change', width: 90, render: (x: Change['change']) => (x === 'new' ? <Tag color="green">新增</Tag> : <Tag color="blue">有改动</Tag>) },
      { title: '名称', dataIndex: 'label' },
      { title: '改了什么', dataIndex: 'fields', render: (f: string[]) => (f.length ? f.join('、') : '—') },
    ],
    [],
  );

  return (
    <div data-testid="registry-preview">
      <Space style={{ width: '100%', justifyContent: 'space-between', marginBottom: 12 }} wrap>
        <Typography.Text type="secondary">
          文件：{preview.fileName}　核对时间：{new Date(preview.createdAt).toLocaleString('zh-CN', { hour12: false })}
        </Typography.Text>
        <Space>
          <Button icon={<ReloadOutlined />} onClick={() => navigate({ page: 'registry' })}>
            换一份表格
          </Button>
          {!done && preview.status === 'previewed' && (
            <Button type="primary" icon={<CheckCircleOutlined />} loading={busy} disabled={!toWrite} onClick={onConfirm} data-testid="registry-confirm">
              {toWrite ? `确认导入（新增 ${c.people.new} 人，改动 ${c.people.changed} 人）` : '和台账一样，不用导入'}
            </Button>
          )}
        </Space>
      </Space>
      {done && preview.result && (
        <Alert
          type="success"
          showIcon
          style={{ marginBottom: 16 }}
          data-testid="registry-done"
          title={`已导入：${preview.result.people} 人、${preview.result.households} 户、${preview.result.buildings} 栋楼、${preview.result.units} 个单元，就业状态 ${preview.result.employment} 条（用时 ${preview.result.seconds} 秒）`}
        />
      )}
      {preview.status === 'superseded' && <Alert type="warning" showIcon style={{ marginBottom: 16 }} title="之后又上传了别的表格，这份核对结果已作废。" />}
      <Space size={36} wrap style={{ marginBottom: 8 }}>
        <Statistic title="表格行数" value={preview.rows.people} suffix="人" />
        <Statistic title="新增" value={c.people.new} suffix="人" styles={{ content: { color: '#389e0d' } }} />
        <Statistic title="有改动" value={c.people.changed} suffix="人" styles={{ content: { color: '#1677ff' } }} />
        <Statistic title="和台账一样" value={c.people.unchanged} suffix="人" />
        <Statistic title="表里没有的人" value={c.people.missing} suffix="人" styles={{ content: { color: c.people.missing ? '#d46b08' : undefined } }} />
        <Statistic title="有问题的行" value={c.badRows} styles={{ content: { color: c.badRows ? '#cf1322' : undefined } }} />
      </Space>
      <Typography.Paragraph type="secondary" data-testid="registry-places">
        户：新增 {c.households.new}，有改动 {c.households.changed}，不变 {c.households.unchanged}。楼栋：新增 {c.buildings.new}，有改动 {c.buildings.changed}，不变 {c.buildings.unchanged}。新单元 {c.units.new} 个，新网格 {c.grids.new} 个。
      </Typography.Paragraph>
      <Tabs
        activeKey={tab}
        onChange={setTab}
        items={[
          {
            key: 'bad',
            label: `有问题的行（${c.badRows}）`,
            children: (
              <>
                {c.badRows > 0 && (
                  <Alert
                    type="warning"
                    showIcon
                    style={{ marginBottom: 12 }}
                    title={done ? '这些行没有导入。在表格里改好后，再上传一次即可。' : '这些行不会导入，其余的照常导入。也可以先在表格里改好，再上传核对。'}
                  />
                )}
                <Table<BadRow>
                  rowKey={(b) => `${b.sheet}:${b.row}`}
                  size="small"
                  dataSource={preview.badRows}
                  pagination={{ pageSize: 10, showSizeChanger: false, hideOnSinglePage: true }}
                  locale={{ emptyText: <Empty description="没有问题" /> }}
                  columns={[
                    { title: '表', dataIndex: 'sheet', width: 110 },
                    { title: '行号', dataIndex: 'row', width: 80 },
                    { title: '问题', dataIndex: 'reason' },
                  ]}
                  data-testid="registry-bad-rows"
                />
                {c.badRows > COUNT_SHOWN.badRows && <Typography.Text type="secondary">只列出前 {COUNT_SHOWN.badRows} 行。</Typography.Text>}
              </>
            ),
          },
          {
            key: 'changes',
            label: `新增和改动（${c.people.new + c.people.changed + c.households.new + c.households.changed + c.buildings.new + c.buildings.changed}）`,
            children: (
              <>
                <Table<Change>
                  rowKey={(x) => `${x.kind}:${x.sheet}:${x.row}:${x.label}`}
                  size="small"
                  dataSource={preview.changes}
                  pagination={{ pageSize: 10, showSizeChanger: false, hideOnSinglePage: true }}
                  locale={{ emptyText: <Empty description="和台账一样，没有新增或改动" /> }}
                  columns={changeColumns}
                  data-testid="registry-changes"
                />
                {preview.changes.length >= COUNT_SHOWN.changes && <Typography.Text type="secondary">只列出前 {COUNT_SHOWN.changes} 条，上面的数字是全部。</Typography.Text>}
              </>
            ),
          },
          {
            key: 'missing',
            label: `表里没有的人（${c.people.missing}）`,
            children: (
              <>
                {c.people.missing > 0 && (
                  <Alert
                    type="info"
                    showIcon
                    style={{ marginBottom: 12 }}
                    title="这些人在台账里，但表格里没有。系统不会删除他们：搬走的登记「迁出」，过世的登记「去世」，他们的工单、积分和就业记录都会保留；漏填的，补进表格再上传即可。"
                  />
                )}
                <Table<Missing>
                  rowKey="residentId"
                  size="small"
                  dataSource={preview.missing}
                  pagination={{ pageSize: 10, showSizeChanger: false, hideOnSinglePage: true }}
                  locale={{ emptyText: <Empty description="台账里的人，表格里都有" /> }}
                  columns={[
                    { title: '姓名', dataIndex: 'name', width: 120 },
                    { title: '与户主关系', dataIndex: 'relation', width: 110 },
                    { title: '住址', key: 'place', render: (_, m) => `${m.building} ${m.unit} ${m.room}` },
                    {
                      title: '登记',
                      key: 'action',
                      width: 200,
                      render: (_, m) =>
                        left[m.residentId] ? (
                          <Tag>{left[m.residentId] === 'moved_out' ? '已登记迁出' : '已登记去世'}</Tag>
                        ) : (
                          <Space>
                            <Popconfirm title={`登记 ${m.name} 已迁出？`} description="姓名、电话、身份证号会被清除，历史记录保留。" okText="登记迁出" cancelText="取消" onConfirm={() => onLeave(m, 'moved_out')}>
                              <Button size="small" data-testid="registry-moved-out">迁出</Button>
                            </Popconfirm>
                            <Popconfirm title={`登记 ${m.name} 已去世？`} description="姓名、电话、身份证号会被清除，历史记录保留。" okText="登记去世" cancelText="取消" onConfirm={() => onLeave(m, 'deceased')}>
                              <Button size="small">去世</Button>
                            </Popconfirm>
                          </Space>
                        ),
                    },
                  ]}
                  data-testid="registry-missing"
                />
                {c.people.missing > COUNT_SHOWN.missing && <Typography.Text type="secondary">只列出前 {COUNT_SHOWN.missing} 人。</Typography.Text>}
              </>
            ),
          },
        ]}
      />
    </div>
  );
}

function ExportDialog({ open, loading, community, onCancel, onExport }: { open: boolean; loading: boolean; community?: string; onCancel: () => void; onExport: (reason: string) => void }) {
  const [form] = Form.useForm<{ reason: string }>();
  return (
    <Modal
      open={open}
      title={`导出户籍台账${community ? `：${community}` : ''}`}
      okText="导出"
      cancelText="取消"
      confirmLoading={loading}
      onCancel={onCancel}
      // a refusal of the form shows under the field; it is not an error of the page
      onOk={() => void form.validateFields().then((v) => onExport(v.reason.trim()), () => undefined)}
      destroyOnHidden
    >
      <Alert type="warning" showIcon style={{ marginBottom: 16 }} title="导出的表格有每个人完整的身份证号和电话。导出会记入查看记录，请写明原因。" />
      <Form form={form} layout="vertical" preserve={false}>
        <Form.Item name="reason" label="导出原因" rules={[{ required: true, whitespace: true, min: 2, message: '请写明原因（至少 2 个字）' }]}>
          <Input maxLength={200} placeholder="如：年度户籍核对" data-testid="registry-export-reason" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
