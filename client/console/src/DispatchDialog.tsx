// 批量派单: one grid worker (or each order's suggested one) for every selected order.
// The server checks each order on its own and answers per order; what it refused is
// listed here with why, and the rest is done.
import { Alert, App, Input, Modal, Select, Tag } from 'antd';
import { useEffect, useState } from 'react';
import { api, messageOf, type BulkDispatchResult, type GridWorker } from './api.js';

const SUGGESTED = '__suggested__';

/** Why one order was not dispatched, in the words of the desk. */
const REFUSAL_WORDS: Record<string, string> = {
  invalid_transition: '已被接单、办好或撤销，不能再派',
  conflict: '刚刚有了变化，请刷新后再派',
  not_found: '没有找到，可能不在您的社区',
  forbidden: '您不能派这张工单',
  invalid_request: '这个网格员不能接这张工单（不在本社区，或本网格没有网格员）',
};

export function DispatchDialog(props: {
  open: boolean;
  orderIds: string[];
  /** Titles of the orders on screen, to name the refused ones. */
  titles: Record<string, string>;
  onClose: () => void;
  onDone: () => void;
}) {
  const { message } = App.useApp();
  const [workers, setWorkers] = useState<GridWorker[]>([]);
  const [assignee, setAssignee] = useState<string>(SUGGESTED);
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<BulkDispatchResult | null>(null);

  useEffect(() => {
    if (!props.open) return;
    setResult(null);
    api.org.gridWorkers().then(setWorkers, (e: unknown) => message.error(messageOf(e)));
  }, [props.open, message]);

  const submit = async () => {
    setBusy(true);
    try {
      const r = await api.orders.bulkDispatch({
        orderIds: props.orderIds,
        ...(assignee !== SUGGESTED ? { assigneeId: assignee } : {}),
        ...(note.trim() ? { note: note.trim() } : {}),
      });
      props.onDone();
      if (r.failed === 0) {
        message.success(`已派出 ${r.dispatched} 张工单`);
        props.onClose();
      } else {
        setResult(r);
      }
    } catch (e) {
      message.error(messageOf(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open={props.open}
      title={`批量派单 · ${result ? result.results.length : props.orderIds.length} 张`}
      okText={result ? '知道了' : '派单'}
      confirmLoading={busy}
      onOk={() => (result ? props.onClose() : void submit())}
      onCancel={props.onClose}
      cancelButtonProps={{ style: result ? { display: 'none' } : {} }}
      destroyOnHidden
      width={560}
    >
      {result ? (
        <>
          <Alert
            type={result.dispatched ? 'warning' : 'error'}
            showIcon
            title={`派出 ${result.dispatched} 张，${result.failed} 张没有派出`}
            style={{ marginBottom: 12 }}
            data-testid="dispatch-result"
          />
          <div data-testid="dispatch-refused">
            {result.results.map((x) =>
              x.ok ? null : (
                <div key={x.orderId} style={{ padding: '8px 12px', border: '1px solid #f0f0f0', borderRadius: 4, marginBottom: 8 }}>
                  <Tag color="error">未派出</Tag>
                  <b>{props.titles[x.orderId] ?? x.orderId}</b>
                  <div style={{ color: '#666', marginTop: 4 }}>{REFUSAL_WORDS[x.error.code] ?? x.error.code}</div>
                </div>
              ),
            )}
          </div>
        </>
      ) : (
        <>
          <p>派给</p>
          <Select
            style={{ width: '100%' }}
            value={assignee}
            onChange={setAssignee}
            data-testid="dispatch-assignee"
            options={[
              { value: SUGGESTED, label: '各工单所在网格的网格员（建议）' },
              ...workers.map((w) => ({ value: w.id, label: `${w.name} · ${w.grid?.name ?? ''} · 在办 ${w.openOrders} 张` })),
            ]}
          />
          <p style={{ marginTop: 16 }}>派单说明（可不填）</p>
          <Input.TextArea rows={3} maxLength={200} showCount value={note} onChange={(e) => setNote(e.target.value)} placeholder="例如：请今天下午上门" />
        </>
      )}
    </Modal>
  );
}
