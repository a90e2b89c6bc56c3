import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '../../client/api/errors.js';
import { api } from '../../client/api/index.js';
import type { SubmitOrderInput } from '../../client/api/types.js';
import { RaiseWizard, type RaiseWizardProps } from '../../client/pages/raise/RaiseWizard.js';
import { CATEGORIES, detail, RESIDENTS } from './support/fixtures.js';
import { settle, tap, toggle, type } from './support/dom.js';
import { fakeServer, refusal } from './support/network.js';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

function setup(over: Partial<RaiseWizardProps> = {}) {
  const submit = vi.fn(async (body: SubmitOrderInput) => detail({ id: 'o-1', description: body.description }));
  const onDone = vi.fn();
  const uploads: string[] = [];
  const props: RaiseWizardProps = {
    categories: CATEGORIES,
    forNeighbour: false,
    searchResidents: vi.fn(async () => RESIDENTS),
    submit,
    onDone,
    choosePhotos: async (count) => ['blob:leak-1', 'blob:leak-2'].slice(0, count),
    uploadPhoto: async (path) => {
      uploads.push(path);
      return { id: `up-${path.slice(-1)}` };
    },
    ...over,
  };
  render(<RaiseWizard {...props} />);
  return { submit, onDone, uploads, props };
}

describe('raising a request (群众点单)', () => {
  it('takes a resident two steps: what kind, then what happened with photos and the emergency switch', async () => {
    const { submit, onDone, uploads } = setup();
    expect(screen.getByText(/第 1 步，共 2 步/)).toBeTruthy();
    await tap('水电维修');
    expect(screen.getByText(/第 2 步，共 2 步/)).toBeTruthy();
    await type('比如：厨房水管漏水，地上都是水', '  厨房水管漏水，地上都是水 ');
    await tap('拍照 0/6');
    await settle();
    expect(uploads).toEqual(['blob:leak-1', 'blob:leak-2']);
    expect(screen.getByText('拍照 2/6')).toBeTruthy();
    await toggle('紧急情况', true);
    await tap('提交');
    await settle();
    expect(submit).toHaveBeenCalledWith({ category: 'repair', description: '厨房水管漏水，地上都是水', urgency: 'emergency', photos: ['up-1', 'up-2'] });
    expect(onDone).toHaveBeenCalledWith(expect.objectContaining({ id: 'o-1' }));
  });

  it('says in plain words what is missing and sends nothing', async () => {
    const { submit } = setup();
    await tap('房屋漏水');
    await type('比如：厨房水管漏水，地上都是水', '漏');
    await tap('提交');
    expect(screen.getByText('请点一个常见问题，或者写几个字说说是什么事。')).toBeTruthy();
    expect(submit).not.toHaveBeenCalled();
  });

  it('will not submit while a photo is still uploading, nor with one that failed', async () => {
    let finish: (v: { id: string }) => void = () => {};
    const { submit } = setup({
      choosePhotos: async () => ['blob:slow'],
      uploadPhoto: () => new Promise((resolve) => (finish = resolve)),
    });
    await tap('水电维修');
    await type('比如：厨房水管漏水，地上都是水', '楼道灯不亮');
    await tap('拍照 0/6');
    expect(screen.getByText('正在上传…')).toBeTruthy();
    await tap('提交');
    expect(screen.getByText('照片还在上传，请稍等一下再提交。')).toBeTruthy();
    finish({ id: 'up-slow' });
    await settle();
    await tap('提交');
    await settle();
    expect(submit).toHaveBeenCalledWith(expect.objectContaining({ photos: ['up-slow'], urgency: 'normal' }));
  });

  it('offers a retry for a photo that did not upload', async () => {
    let attempts = 0;
    const { submit } = setup({
      choosePhotos: async () => ['blob:flaky'],
      uploadPhoto: async () => {
        if (++attempts === 1) throw new ApiError(0, 'network', 'offline');
        return { id: 'up-flaky' };
      },
    });
    await tap('水电维修');
    await type('比如：厨房水管漏水，地上都是水', '水管爆了');
    await tap('拍照 0/6');
    await settle();
    await tap('提交');
    expect(screen.getByText('有照片没传上。请点照片重试，或者删掉它。')).toBeTruthy();
    await tap('没传上，点这里重试');
    await settle();
    await tap('提交');
    await settle();
    expect(submit).toHaveBeenCalledWith(expect.objectContaining({ photos: ['up-flaky'] }));
  });

  it('shows the server’s refusal in plain words (a 403 on 报事: the account is not linked)', async () => {
    const server = fakeServer({ 'POST /api/orders': refusal(403, 'forbidden', 'this account is not linked to a household yet; ask your building head or grid worker') });
    setup({ submit: (body) => api.orders.submit(body) });
    await tap('水电维修');
    await type('比如：厨房水管漏水，地上都是水', '水管漏水');
    await tap('提交');
    await settle();
    expect(screen.getByText('您的微信还没有和住户信息关联。请找楼栋长或网格员帮忙报事。')).toBeTruthy();
    expect(server.to('POST /api/orders')[0]!.body).toEqual({ category: 'repair', description: '水管漏水', urgency: 'normal', photos: [] });
  });

  it('takes a building head three steps for a neighbour and files it on their behalf', async () => {
    const search = vi.fn(async (q: string) => RESIDENTS.filter((r) => !q || r.room.includes(q) || r.name.includes(q)));
    const { submit } = setup({ forNeighbour: true, searchResidents: search });
    expect(screen.getByText(/第 1 步，共 3 步/)).toBeTruthy();
    await settle();
    expect(search).toHaveBeenCalledWith('');
    await tap('王秀英');
    expect(screen.getByText(/第 2 步，共 3 步/)).toBeTruthy();
    expect(screen.getByText('帮 王秀英（惠泽1栋 2单元 101）报事')).toBeTruthy();
    await tap('老人儿童关爱');
    await type('比如：厨房水管漏水，地上都是水', '王奶奶一个人在家，腿脚不便，想请人帮忙买药');
    await tap('提交');
    await settle();
    expect(submit).toHaveBeenCalledWith({ category: 'care', description: '王奶奶一个人在家，腿脚不便，想请人帮忙买药', urgency: 'normal', photos: [], onBehalfOf: 'r-2' });
  });

  it('can go back a step and change the kind of request', async () => {
    const { submit } = setup();
    await tap('水电维修');
    await tap('上一步');
    await tap('房屋漏水');
    await type('比如：厨房水管漏水，地上都是水', '天花板渗水');
    await tap('提交');
    await settle();
    expect(submit.mock.calls[0]![0].category).toBe('housing');
  });
});
