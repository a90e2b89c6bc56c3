// 是不是这件事？ The text similarity behind duplicates (server/orders/similarity.ts) on
// pairs written the way residents write: the threshold SIMILAR_AT was measured on these.
import { describe, expect, it } from 'vitest';
import { normalise, similarity, SIMILAR_AT } from '../../server/orders/similarity.js';

/** The same problem, said by two households in their own words. */
const SAME: Array<[string, string]> = [
  ['楼道的灯坏了，晚上黑乎乎的看不见', '三单元楼道灯不亮了，晚上走路看不见'],
  ['厨房水管漏水，地上都是水', '我家厨房的水管一直在漏水'],
  ['电梯坏了，停在三楼不动', '电梯又坏了，老人上不了楼'],
  ['楼下垃圾好几天没人收，很臭', '垃圾桶满了好几天没收，臭得很'],
  ['楼顶漏雨，下雨天屋里滴水', '下雨屋顶漏水，天花板在滴水'],
  ['单元门的门禁坏了，刷卡开不了门', '门禁坏了刷卡进不去'],
  ['小区路灯不亮，晚上太黑', '路灯坏了好几盏，晚上很黑'],
  ['楼上装修太吵，中午也在打墙', '楼上装修噪音太大，中午还在砸墙'],
];
/** Different problems, some of the same category and with shared words. */
const DIFFERENT: Array<[string, string]> = [
  ['楼道的灯坏了，晚上黑乎乎的看不见', '厨房水管漏水，地上都是水'],
  ['电梯坏了，停在三楼不动', '楼下垃圾好几天没人收，很臭'],
  ['楼顶漏雨，下雨天屋里滴水', '单元门的门禁坏了，刷卡开不了门'],
  ['厨房水管漏水，地上都是水', '卫生间马桶堵了，冲不下去'],
  ['小区路灯不亮，晚上太黑', '楼道的灯坏了，晚上黑乎乎的看不见'],
  ['楼上装修太吵，中午也在打墙', '邻居家的狗晚上一直叫'],
  ['电梯坏了，停在三楼不动', '电梯按钮不亮，要换'],
  ['想申请低保，不知道要什么材料', '孩子上学的事想问一下'],
];

describe('similarity of residents’ descriptions', () => {
  it.each(SAME)('offers the same problem in other words: %s / %s', (a, b) => {
    expect(similarity(a, b)).toBeGreaterThanOrEqual(SIMILAR_AT);
  });
  it.each(DIFFERENT)('does not offer a different problem: %s / %s', (a, b) => {
    expect(similarity(a, b)).toBeLessThan(SIMILAR_AT);
  });
  it('ignores punctuation, spaces, width and particles; is symmetric; 1 for the same text, 0 for nothing shared or empty', () => {
    expect(normalise('楼道 的灯，坏了！ＡＢ１')).toBe('楼道灯坏ab1');
    expect(similarity('水管漏水', '水管漏水')).toBe(1);
    expect(similarity('水管 漏水了！', '水管漏水')).toBe(1);
    expect(similarity('楼道灯坏了', '水管漏水')).toBe(0);
    expect(similarity('', '水管漏水')).toBe(0);
    for (const [a, b] of [...SAME, ...DIFFERENT]) expect(similarity(a, b)).toBe(similarity(b, a));
  });
});
