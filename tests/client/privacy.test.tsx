// The privacy pop-up (WeChat's privacy rules, PIPL Art. 14): it comes before the album or
// camera is opened, 同意 records each text at its current version on the server (through the
// real API client, checked against the server's own schema) and lets the photo be chosen;
// 不同意 chooses nothing and says why; it opens by itself while the current version is not
// agreed; a refused camera/album permission says how to allow it instead of failing silently.
import { cleanup, render, screen } from '@testing-library/react';
import { act } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ConsentState, Me } from '../../client/api/types.js';
import { Page } from '../../client/components/Page.js';
import { PHOTO_REFUSED_WORDS, PhotoPicker, usePhotos, whyNoPhoto } from '../../client/components/Photos.js';
import { privacy } from '../../client/lib/privacy.js';
import { store } from '../../client/lib/store.js';
import { PolicyText } from '../../client/packages/policy/PolicyText.js';
import { CorrectionForm, SENSITIVE_TICK } from '../../client/packages/rights/CorrectionForm.js';
import { PRIVACY_POLICY, USER_AGREEMENT } from '../../client/packages/policy/texts.js';
import { CONSENT_KINDS, CONSENT_VERSIONS } from '../../shared/consent.js';
import { ACCESS_LOG_RETENTION_DAYS, ORDER_PHOTO_RETENTION_DAYS } from '../../shared/retention.js';
import { settleAll, tap, type } from './support/dom.js';
import { fakeServer, refusal } from './support/network.js';

const at = '2026-12-05T08:00:00.000Z';

function consent(agreed: boolean): ConsentState {
  return { agreed, items: CONSENT_KINDS.map((kind) => ({ kind, version: CONSENT_VERSIONS[kind], agreedAt: agreed ? at : null })) };
}

function me(agreed: boolean): Me {
  return {
    user: { id: 'u-1', name: '杨德芬' },
    roles: [{ role: 'RESIDENT', communityId: 'c-1', gridId: null, buildingId: null }],
    linked: true,
    community: { id: 'c-1', name: '惠泽社区', estate: '平远新城' },
    resident: { id: 'r-1', name: '杨德芬', householdId: 'h-1' },
    building: { id: 'b-1', name: '惠泽1栋' },
    grid: { id: 'g-1', name: '第1网格' },
    room: '1单元 302',
    consent: consent(agreed),
  };
}

/** A form with photos, inside the app's page frame (which carries the pop-up). */
function PhotoForm({ choose }: { choose: (count: number) => Promise<string[]> }) {
  const photos = usePhotos(3, choose, async () => ({ id: 'up-1' }));
  return (
    <Page>
      <PhotoPicker photos={photos} max={3} />
    </Page>
  );
}

const popup = () => document.querySelector('[aria-label="用户隐私保护提示"]');

beforeEach(() => privacy.reset());
afterEach(() => {
  cleanup();
  act(() => store.signedOut());
  privacy.reset();
  vi.unstubAllGlobals();
});

describe('the privacy pop-up before the first photo', () => {
  it('opens when 拍照 is tapped, before the album or camera; 同意 records both texts at their current version and then the picker opens', async () => {
    act(() => store.signedIn(me(false)));
    privacy.refuse(); // closed once on opening the app: only the photo tap brings it back
    const server = fakeServer({
      'POST /api/me/consents': (call) => {
        const { kind } = call.body as { kind: string };
        const items = consent(false).items.map((i) => (i.kind === kind || kind === 'user_agreement' ? { ...i, agreedAt: at } : i));
        return { status: 201, body: { agreed: kind === 'user_agreement', items } };
      },
    });
    const choose = vi.fn(async () => ['blob:kitchen']);
    render(<PhotoForm choose={choose} />);
    expect(popup()).toBeNull();

    await tap('拍照 0/3');
    await settleAll();
    expect(popup()).not.toBeNull();
    expect(screen.getByText(/「拍照或选照片」要用到手机的相册、相机或剪贴板/)).toBeTruthy();
    expect(choose).not.toHaveBeenCalled(); // nothing opened before the answer

    await tap('同意并继续');
    await settleAll();
    expect(server.to('POST /api/me/consents').map((c) => c.body)).toEqual(CONSENT_KINDS.map((kind) => ({ kind, version: CONSENT_VERSIONS[kind] })));
    expect(choose).toHaveBeenCalledTimes(1);
    expect(popup()).toBeNull();
    expect(store.get().me!.consent.agreed).toBe(true);
    expect(document.querySelectorAll('.photo__img')).toHaveLength(1);

    // agreed: the next photo goes straight to the picker
    await tap('拍照 1/3');
    await settleAll();
    expect(popup()).toBeNull();
    expect(choose).toHaveBeenCalledTimes(2);
  });

  it('不同意 opens nothing and says what refusing means, instead of failing silently', async () => {
    act(() => store.signedIn(me(false)));
    privacy.refuse();
    const server = fakeServer({});
    const choose = vi.fn(async () => ['blob:x']);
    render(<PhotoForm choose={choose} />);
    await tap('拍照 0/3');
    await settleAll();
    await tap('不同意');
    await settleAll();
    expect(choose).not.toHaveBeenCalled();
    expect(server.calls).toHaveLength(0);
    expect(popup()).toBeNull();
    expect(screen.getByText(PHOTO_REFUSED_WORDS.privacy)).toBeTruthy();
  });

  it('opens by itself while the current version is not agreed (a first sign-in, or a new version), and not once agreed', async () => {
    act(() => store.signedIn(me(true)));
    render(<Page>首页</Page>);
    expect(popup()).toBeNull();
    // a new version of the 隐私政策: the server says it is not agreed
    act(() => store.signedIn(me(false)));
    expect(popup()).not.toBeNull();
    expect(screen.getByText('《隐私政策》')).toBeTruthy();
    expect(screen.getByText('《用户协议》')).toBeTruthy();
  });

  it('a failed save keeps it open and says so; the photo waits', async () => {
    act(() => store.signedIn(me(false)));
    privacy.refuse();
    fakeServer({ 'POST /api/me/consents': refusal(503, 'unavailable', 'database unavailable') });
    const choose = vi.fn(async () => ['blob:x']);
    render(<PhotoForm choose={choose} />);
    await tap('拍照 0/3');
    await settleAll();
    await tap('同意并继续');
    await settleAll();
    expect(popup()).not.toBeNull();
    expect(screen.getByText(/没有保存成功/)).toBeTruthy();
    expect(choose).not.toHaveBeenCalled();
  });
});

describe('a refused camera or album permission', () => {
  it('tells the user how to allow it', async () => {
    act(() => store.signedIn(me(true)));
    render(<PhotoForm choose={async () => Promise.reject({ errMsg: 'chooseMedia:fail auth deny' })} />);
    await tap('拍照 0/3');
    await settleAll();
    expect(screen.getByText(PHOTO_REFUSED_WORDS.denied)).toBeTruthy();
    expect(PHOTO_REFUSED_WORDS.denied).toMatch(/设置/);
  });

  it('closing the picker is a choice: nothing is said', async () => {
    act(() => store.signedIn(me(true)));
    render(<PhotoForm choose={async () => Promise.reject({ errMsg: 'chooseMedia:fail cancel' })} />);
    await tap('拍照 0/3');
    await settleAll();
    expect(document.querySelector('.photo-refused')).toBeNull();
  });

  it('reads WeChat’s failures', () => {
    expect(whyNoPhoto({ errMsg: 'chooseMedia:fail cancel' })).toBe('cancelled');
    expect(whyNoPhoto({ errMsg: 'chooseMedia:fail auth deny' })).toBe('denied');
    expect(whyNoPhoto({ errMsg: 'authorize:fail auth denied' })).toBe('denied');
    expect(whyNoPhoto({ errMsg: 'chooseMedia:fail privacy permission is not authorized' })).toBe('privacy');
    expect(whyNoPhoto(new Error('file system full'))).toBe('failed');
  });
});

describe('sensitive information a resident writes themselves (申请更正)', () => {
  it('asks for a separate tick, recorded on the server before the request goes; plain corrections need none', async () => {
    const server = fakeServer({ 'POST /api/me/consents': { status: 201, body: consent(true) } });
    const send = vi.fn(async () => undefined);
    render(<CorrectionForm item="田婷的信息" send={send} onBack={() => {}} />);
    await settleAll(); // Taro's textarea finishes loading before it is typed into
    await type('比如：我的电话换了，新号码是 138…', '电话换了，是 13900002222');
    expect(screen.queryByText(new RegExp(SENSITIVE_TICK.slice(0, 10)))).toBeNull();

    await type('比如：我的电话换了，新号码是 138…', '田婷去年评上了残疾，残疾证号是 52052420000101002X');
    await tap('交给社区');
    await settleAll();
    expect(screen.getByText(/请先勾选上面的“我同意”/)).toBeTruthy();
    expect(send).not.toHaveBeenCalled();
    expect(server.calls).toHaveLength(0);

    await tap(`☐ ${SENSITIVE_TICK}`);
    await tap('交给社区');
    await settleAll();
    expect(server.to('POST /api/me/consents').map((c) => c.body)).toEqual([{ kind: 'sensitive_info', version: CONSENT_VERSIONS.sensitive_info }]);
    expect(send).toHaveBeenCalledWith({ item: '田婷的信息', correction: '田婷去年评上了残疾，残疾证号是 52052420000101002X' });
  });
});

describe('the 隐私政策 and 用户协议', () => {
  it('say who sees what, how long it is kept (from shared/retention.ts), and how to see, correct and delete it', () => {
    render(<PolicyText text={PRIVACY_POLICY} />);
    const text = document.body.textContent!;
    expect(text).toContain(`版本 ${CONSENT_VERSIONS.privacy_policy}`);
    for (const who of ['楼栋长', '网格员', '社区干部', '党组织', '邻居']) expect(text).toContain(who);
    // the periods come from shared/retention.ts: changing one changes the text (and must change its version)
    expect([ORDER_PHOTO_RETENTION_DAYS, ACCESS_LOG_RETENTION_DAYS]).toEqual([365, 3 * 365]);
    expect(text).toContain('再存一年');
    expect(text).toContain('存三年');
    expect(text).toContain('我的 → 我的信息');
    expect(text).toContain('这条不对');
    cleanup();
    render(<PolicyText text={USER_AGREEMENT} />);
    expect(document.body.textContent).toContain(`版本 ${CONSENT_VERSIONS.user_agreement}`);
  });
});
