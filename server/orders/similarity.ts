// 是不是这件事？ How alike two residents' descriptions are, with no outside service:
// the Dice coefficient of the sets of character unigrams and bigrams of the
// normalised texts. Chinese has no spaces to split words on, and two characters
// are the length of most words (漏水, 楼道, 路灯), so bigrams match the same words
// however the sentence around them is put; the single characters add the words
// said differently (屋顶/楼顶 share 顶, 漏雨/漏水 share 漏). Normalising: full-width to half-width and case
// folded (NFKC, lower case), everything but letters and digits dropped, and the
// particles that carry no meaning (的 了 吗 呢 吧 啊 呀 哦 嘛 啦) taken out.
//
// The threshold (SIMILAR_AT) was measured on 16 pairs written the way residents
// write (tests/orders/similarity.test.ts holds them): the same problem said in
// other words scored 0.35–0.59, different problems 0.00–0.29 (the highest: two
// different lights, 路灯 and 楼道灯, both "晚上黑"). Bigrams alone scored the same
// problems 0.13–0.47 and the different ones up to 0.13, with one same pair below
// every different one. 0.33 offers every same pair and no different one; a wrong
// offer costs the resident one tap ("不是，继续提交"), a missed one a duplicate order.
export const SIMILAR_AT = 0.33;

const PARTICLES = /[的了吗呢吧啊呀哦嘛啦]/gu;

export function normalise(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '').replace(PARTICLES, '');
}

/** The text's characters and pairs of neighbouring characters, after normalising. */
export function grams(text: string): Set<string> {
  const chars = [...normalise(text)];
  const out = new Set<string>(chars);
  for (let i = 0; i + 1 < chars.length; i++) out.add(chars[i]! + chars[i + 1]!);
  return out;
}

/** Dice's coefficient of the two texts' gram sets: 0 (nothing shared) … 1 (the same). */
export function similarity(a: string | Set<string>, b: string | Set<string>): number {
  const x = typeof a === 'string' ? grams(a) : a;
  const y = typeof b === 'string' ? grams(b) : b;
  if (!x.size || !y.size) return 0;
  let shared = 0;
  for (const g of x) if (y.has(g)) shared++;
  return (2 * shared) / (x.size + y.size);
}
