// 发放: points by a rule to some households, or to every household of a building, with
// the reason written down (it shows in each household's ledger). One tap is one award:
// a retried request carries the same key, so nothing is booked twice.
import { App, Alert, Button, Form, Input, InputNumber, Radio, Select, Space, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { AWARD_LIMITS } from '../../../../../shared/limits.js';
import { api, messageOf, type AwardResult, type PointsHousehold, type PointsRule } from '../../api.js';
import { buildingOptions, useGrids } from '../places.js';

interface AwardValues {
  ruleId: string;
  target: 'households' | 'building';
  buildingId: string;
  householdIds: string[];
  times: number;
  note: string;
}

/** An Idempotency-Key (crypto.randomUUID exists only on https and localhost; a console on a LAN address is neither). */
const newKey = () => Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');

const SKIP_WORDS = { monthly_cap: '本月已到上限', already_awarded: '已经发过' } as const;

/** Every household of a building (a building has a few dozen; pages of 500 are read until the last). */
async function householdsOf(buildingId: string): Promise<PointsHousehold[]> {
  const out: PointsHousehold[] = [];
  for (;;) {
    const page = await api.points.households({ buildingId, offset: out.length, limit: 500 });
    out.push(...page.items);
    if (!page.items.length || out.length >= page.total) return out;
  }
}

export function Awards() {
  const { message } = App.useApp();
  const [form] = Form.useForm<AwardValues>();
  const grids = useGrids();
  const [rules, setRules] = useState<PointsRule[]>([]);
  const [households, setHouseholds] = useState<PointsHousehold[]>([]);
  const [sending, setSending] = useState(false);
  const [result, setResult] = useState<{ r: AwardResult; names: Map<string, string> } | null>(null);
  // one key per award the form holds: kept when the same award is retried, new after a success
  const [key, setKey] = useState(newKey);
  const target = Form.useWatch('target', form);
  const buildingId = Form.useWatch('buildingId', form);
  const ruleId = Form.useWatch('ruleId', form);
  const times = Form.useWatch('times', form) ?? 1;
  const picked: string[] = Form.useWatch('householdIds', form) ?? [];

  useEffect(() => {
    api.points.rules().then((r) => setRules(r.filter((x) => x.active)), (e) => message.error(messageOf(e)));
  }, []);

  useEffect(() => {
    setHouseholds([]);
    form.setFieldValue('householdIds', []);
    if (buildingId) householdsOf(buildingId).then(setHouseholds, (e) => message.error(messageOf(e)));
  }, [buildingId]);

  const rule = rules.find((r) => r.id === ruleId);
  const chosen = target === 'building' ? households.length : picked.length;
  const names = useMemo(() => new Map(households.map((h) => [h.id, `${h.building.name} ${h.room}${h.head ? `（${h.head}）` : ''}`])), [households]);

  const send = async () => {
    const v = await form.validateFields();
    const ids = v.target === 'building' ? households.map((h) => h.id) : v.householdIds;
    setSending(true);
    try {
      const r = await api.points.award({ ruleId: v.ruleId, householdIds: ids, times: v.times, note: v.note.trim() }, key);
      setResult({ r, names });
      setKey(newKey());
      form.setFieldsValue({ householdIds: [], note: '' });
      message.success(`已给 ${r.awarded.length} 户发积分`);
    } catch (e) {
      message.error(messageOf(e));
    } finally {
      setSending(false);
    }
  };

  return (
    <div style={{ display: 'flex', gap: 32, alignItems: 'flex-start' }}>
      <Form<AwardValues>
        form={form}
        layout="vertical"
        style={{ width: 560 }}
        initialValues={{ target: 'households', householdIds: [], times: 1, note: '' }}
        onValuesChange={() => setResult(null)}
        data-testid="award-form"
      >
        <Form.Item name="ruleId" label="按哪条规则" rules={[{ required: true, message: '请选一条规则' }]}>
          <Select
            showSearch={{ optionFilterProp: 'label' }}
            placeholder="选规则"
            options={rules.map((r) => ({ value: r.id, label: `${r.name}（${r.points} 分${r.monthlyCap ? `，每月最多 ${r.monthlyCap}` : ''}）` }))}
            data-testid="award-rule"
          />
        </Form.Item>
        <Space size={16} align="start">
          <Form.Item name="target" label="发给">
            <Radio.Group optionType="button" options={[{ value: 'households', label: '选几户' }, { value: 'building', label: '整栋楼' }]} />
          </Form.Item>
          <Form.Item name="buildingId" label="楼栋" rules={[{ required: true, message: '请选楼栋' }]}>
            <Select showSearch={{ optionFilterProp: 'label' }} style={{ width: 180 }} placeholder="选楼栋" options={buildingOptions(grids)} data-testid="award-building" />
          </Form.Item>
          <Form.Item name="times" label="几次" tooltip="如志愿服务 3 小时，按“每小时”的规则填 3">
            <InputNumber min={1} max={AWARD_LIMITS.times} precision={0} style={{ width: 90 }} />
          </Form.Item>
        </Space>
        {target !== 'building' && (
          <Form.Item name="householdIds" label="哪几户" rules={[{ required: true, type: 'array', min: 1, message: '请至少选一户' }]}>
            <Select
              mode="multiple"
              allowClear
              disabled={!buildingId}
              placeholder={buildingId ? '输入房号找，如 302' : '先选楼栋'}
              showSearch={{ optionFilterProp: 'label' }}
              options={households.map((h) => ({ value: h.id, label: names.get(h.id)! }))}
              data-testid="award-households"
            />
          </Form.Item>
        )}
        <Form.Item name="note" label="发放原因" rules={[{ required: true, whitespace: true, message: '请写为什么发，如：11月20日清扫楼道' }]}>
          <Input.TextArea rows={2} maxLength={AWARD_LIMITS.note} showCount placeholder="如：11月20日参加楼道清扫" data-testid="award-note" />
        </Form.Item>
        <Button type="primary" loading={sending} disabled={!chosen} onClick={() => void send()} data-testid="award-send">
          {rule && chosen ? `给 ${chosen} 户各加 ${rule.points * times} 分` : '发积分'}
        </Button>
      </Form>
      <div style={{ flex: 1, minWidth: 320 }}>
        {result ? (
          <div data-testid="award-result">
            <Alert
              type="success"
              showIcon
              title={`已给 ${result.r.awarded.length} 户发积分，共 ${result.r.awarded.reduce((s, a) => s + a.amount, 0)} 分`}
              style={{ marginBottom: 12 }}
            />
            {result.r.skipped.length > 0 && (
              <Alert
                type="warning"
                showIcon
                title={`${result.r.skipped.length} 户没有发`}
                description={result.r.skipped.map((s) => `${result.names.get(s.householdId) ?? s.householdId}：${SKIP_WORDS[s.reason]}`).join('；')}
              />
            )}
          </div>
        ) : (
          <Typography.Paragraph type="secondary" style={{ marginTop: 30 }}>
            发出的积分记在每一户的积分明细里，发放原因一起记下，居民在小程序里能看到。规则设了每月上限的，到了上限的户这次不发，会列出来。
          </Typography.Paragraph>
        )}
      </div>
    </div>
  );
}
