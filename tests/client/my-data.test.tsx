// 我的信息 (PIPL Art. 45–46): the copy of GET /api/me/data in plain words, ID numbers
// hidden on screen until asked for, 「这条不对」 leading to a correction request that the
// real API client sends as the server's schema wants it, and keeping a copy.
import Taro from '@tarojs/taro';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { act } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { api } from '../../client/api/index.js';
import type { MyDataCopy } from '../../client/api/types.js';
import { maskIdNumber } from '../../client/packages/rights/MyDataView.js';
import { MyData } from '../../client/packages/rights/data/index.js';
import { copyFileName, saveCopy } from '../../client/packages/rights/saveCopy.js';
import { settle, tap, type } from './support/dom.js';
import { detail } from './support/fixtures.js';
import { fakeServer, refusal } from './support/network.js';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

const at = '2026-03-05T08:00:00.000Z';

function copy(over: Partial<MyDataCopy> = {}): MyDataCopy {
  return {
    madeAt: at,
    account: { id: 'u-1', name: '杨德芬', createdAt: '2025-06-01T08:00:00.000Z', identities: [{ kind: 'wechat', openid: 'o-1', unionid: null, linkedAt: at }], roles: [{ role: 'RESIDENT', communityId: 'c-1', gridId: null, buildingId: null }], consents: [] },
    resident: { id: 'r-1', name: '杨德芬' },
    household: {
      id: 'h-1',
      building: '惠泽1栋',
      unit: '1单元',
      room: '302',
      originPlace: '织金县八步镇',
      groundFloor: false,
      members: [
        { id: 'r-1', name: '杨德芬', relation: '户主', gender: '女', birthYear: 1956, phone: '13800001111', idNumber: '520524195603090217', employment: [] },
        {
          id: 'r-2',
          name: '田婷',
          relation: '子女',
          gender: '女',
          birthYear: 2000,
          phone: null,
          idNumber: null,
          employment: [{ id: 'e-1', status: 'employed_outbound', statusLabel: '外出务工', employer: '东莞电子厂', since: null, trades: [], note: null, current: true, source: 'manual', recordedAt: at }],
        },
      ],
      tags: [{ kind: 'EMPTY_NEST_ELDERLY', note: null, since: '2024-01-10T08:00:00.000Z' }],
    },
    points: { balance: 42, entries: [{ id: 'p-1', kind: 'earn', amount: 10, reason: '环境卫生评比', createdAt: at }] },
    redemptions: [],
    orders: [detail({ id: 'o-1', title: '水电维修：厨房水管漏水', status: 'closed', createdAt: at })],
    photos: [],
    noticesRead: [{ noticeId: 'n-1', title: '停水通知', readAt: at }],
    ...over,
  } as MyDataCopy;
}

function page(props: Partial<Parameters<typeof MyData>[0]> = {}) {
  const openOrder = vi.fn();
  const save = vi.fn(async () => 'downloaded' as const);
  render(
    <MyData
      copy={copy()}
      loading={false}
      error={null}
      reload={vi.fn()}
      linked
      ask={(body) => api.askCorrection(body)}
      openOrder={openOrder}
      save={save}
      {...props}
    />,
  );
  return { openOrder, save };
}

describe('我的信息', () => {
  it('shows the household in plain words: people, phones, employment, tags, points, orders', () => {
    page();
    expect(screen.getByText('杨德芬（户主）')).toBeTruthy();
    expect(screen.getByText('田婷（子女）')).toBeTruthy();
    expect(screen.getByText('13800001111')).toBeTruthy();
    expect(screen.getByText('外出务工，东莞电子厂')).toBeTruthy();
    expect(screen.getByText('空巢老人')).toBeTruthy();
    expect(screen.getByText('42 分')).toBeTruthy();
    expect(screen.getByText('水电维修：厨房水管漏水（已办结）')).toBeTruthy();
    expect(screen.getByText('看过 1 条')).toBeTruthy();
    // a member without a phone or ID number says so rather than showing a blank
    expect(screen.getAllByText('没有登记').length).toBeGreaterThanOrEqual(2);
  });

  it('hides ID numbers on screen until asked, and hides them again', async () => {
    page();
    expect(document.body.textContent).not.toContain('520524195603090217');
    expect(screen.getByText(maskIdNumber('520524195603090217'))).toBeTruthy();
    expect(maskIdNumber('520524195603090217')).toBe('5205**********0217');
    await tap('看完整身份证号');
    expect(screen.getByText('520524195603090217')).toBeTruthy();
    await tap('把号码藏起来');
    expect(document.body.textContent).not.toContain('520524195603090217');
  });

  it("「这条不对」 under a person files a correction naming them; the answer leads to the order's progress", async () => {
    const server = fakeServer({ 'POST /api/me/corrections': { status: 201, body: detail({ id: 'o-77', title: '信息更正：田婷的信息' }) } });
    const { openOrder } = page();
    const wrong = document.querySelectorAll('.mydata__wrong');
    expect(wrong.length).toBe(7); // 我家, two people, tags, points, orders, redemptions
    await click(wrong[2]!); // 我家, 杨德芬, 田婷
    await settle();
    expect(fieldValue('比如：电话')).toBe('田婷的信息');
    await type('比如：我的电话换了，新号码是 138…', '  田婷现在在县城务工了 ');
    await tap('交给社区');
    await waitFor(() => expect(screen.getByText('✅ 已经交给社区了')).toBeTruthy(), { timeout: 30_000 });
    expect(server.to('POST /api/me/corrections').map((c) => c.body)).toEqual([{ item: '田婷的信息', correction: '田婷现在在县城务工了' }]);
    expect(screen.getByText(/社区会核对以后帮您改正，最晚 .+日（周.）办好/)).toBeTruthy(); // the order's own deadline
    await tap('看办理进度');
    expect(openOrder).toHaveBeenCalledWith('o-77');
  });

  it('the general 申请更正 asks which item and what is right before sending anything', async () => {
    const server = fakeServer({});
    page();
    await tap('✏️ 信息有误，申请更正');
    await settle();
    expect(fieldValue('比如：电话')).toBe('');
    await tap('交给社区');
    expect(screen.getByText('请写是哪一项不对。')).toBeTruthy();
    await type('比如：电话', '老家');
    await tap('交给社区');
    expect(screen.getByText('请写正确的应该是什么。')).toBeTruthy();
    expect(server.calls).toEqual([]);
    await tap('不改了，返回');
    expect(screen.getByText('杨德芬（户主）')).toBeTruthy();
  });

  it("explains the server's refusals in plain words", async () => {
    const cases: Array<[ReturnType<typeof refusal>, string]> = [
      [refusal(400, 'invalid_request', 'body.correction: too long', { details: [{ path: 'body.correction', message: 'too long' }] }), '请写正确的应该是什么，2 到 500 个字。'],
      [refusal(403, 'forbidden', 'this account is not linked to a household yet'), '您的微信还没有和住户信息关联。请找楼栋长或网格员帮忙。'],
      [refusal(429, 'rate_limited', 'too many requests filed', { reason: 'rate_limited' }), '操作太频繁了，请过一分钟再试。'],
    ];
    for (const [answer, words] of cases) {
      fakeServer({ 'POST /api/me/corrections': answer });
      page();
      await tap('✏️ 信息有误，申请更正');
      await settle();
      await type('比如：电话', '电话');
      await type('比如：我的电话换了，新号码是 138…', '13900002222');
      await tap('交给社区');
      await waitFor(() => expect(screen.getByText(words)).toBeTruthy(), { timeout: 30_000 });
      cleanup();
      vi.unstubAllGlobals();
    }
  });

  it('an account of no household sees its account only, and no 更正 buttons', () => {
    page({ linked: false, copy: copy({ household: null, points: null, orders: [], resident: null }) });
    expect(screen.getByText('这个微信还没有和住户信息关联，社区没有存您家的信息。')).toBeTruthy();
    expect(screen.getByText('📱 我的微信账号')).toBeTruthy();
    expect(document.querySelectorAll('.mydata__wrong').length).toBe(0);
    expect(screen.queryByText('✏️ 信息有误，申请更正')).toBeNull();
  });

  it('says where the saved copy went', async () => {
    const { save } = page();
    await tap('📥 保存一份我的信息');
    await settle();
    expect(save).toHaveBeenCalledWith(copy());
    expect(screen.getByText(/已经保存到「下载」里了/)).toBeTruthy();
  });

  it('shows the failure to load with a retry, not an empty page', async () => {
    const reload = vi.fn();
    page({ copy: undefined, error: '网络不好，没有连上。请稍后再试。', reload });
    expect(screen.getByText('网络不好，没有连上。请稍后再试。')).toBeTruthy();
    await tap('再试一次');
    expect(reload).toHaveBeenCalled();
  });
});

describe('keeping the copy', () => {
  it('in the browser downloads the whole JSON under a dated name', async () => {
    let blob: Blob | undefined;
    const created = vi.fn((b: Blob) => ((blob = b), 'blob:copy'));
    vi.stubGlobal('URL', Object.assign(URL, { createObjectURL: created, revokeObjectURL: vi.fn() }));
    const clicked: HTMLAnchorElement[] = [];
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      clicked.push(this);
    });
    expect(await saveCopy(copy(), 'h5')).toBe('downloaded');
    expect(clicked.map((a) => [a.download, a.href])).toEqual([[copyFileName(copy()), 'blob:copy']]);
    expect(copyFileName(copy())).toMatch(/^我的信息-202603\d\d\.json$/);
    expect(JSON.parse(await blob!.text())).toEqual(copy());
  });

  it('in WeChat without 转发文件 copies it to the clipboard', async () => {
    vi.spyOn(Taro, 'canIUse').mockReturnValue(false);
    const clip = vi.spyOn(Taro, 'setClipboardData').mockResolvedValue({ errMsg: 'setClipboardData:ok', data: '' } as never);
    expect(await saveCopy(copy(), 'weapp')).toBe('copied');
    expect(JSON.parse(clip.mock.calls[0]![0].data)).toEqual(copy());
  });
});

async function click(el: Element) {
  await act(async () => {
    fireEvent.click(el);
  });
}

const fieldValue = (placeholder: string) => (document.querySelector(`[placeholder="${placeholder}"]`) as HTMLElement & { value?: string }).value ?? '';
