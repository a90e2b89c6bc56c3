// 公民身份号码 (GB 11643-1999): 6 digits of region, 8 of birth date, 3 of
// sequence (odd for men, even for women) and a check character by ISO 7064
// MOD 11-2 (0–9 or X). The reasons are plain Chinese for staff, and never
// repeat the number itself (previews are stored, and logs must not hold it).

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = '10X98765432';

export const checkCharacter = (first17: string) => CHECK[[...first17].reduce((s, c, i) => s + Number(c) * WEIGHTS[i]!, 0) % 11]!;

export type IdNumberCheck =
  | { ok: true; birth: string; birthYear: number; gender: '男' | '女' }
  | { ok: false; reason: string };

/** `n` normalised (no spaces, X upper case); `today` bounds the birth date. */
export function checkIdNumber(n: string, today: Date): IdNumberCheck {
  if (n.length !== 18) return { ok: false, reason: `身份证号应为18位，这里是${n.length}位` };
  if (!/^\d{17}[\dX]$/.test(n)) return { ok: false, reason: '身份证号只能是数字，最后一位可以是 X' };
  const y = Number(n.slice(6, 10));
  const m = Number(n.slice(10, 12));
  const d = Number(n.slice(12, 14));
  const date = new Date(Date.UTC(y, m - 1, d));
  if (y < 1900 || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d || date.getTime() > today.getTime()) {
    return { ok: false, reason: '身份证号里的出生日期不对（第7到14位）' };
  }
  if (checkCharacter(n.slice(0, 17)) !== n[17]) return { ok: false, reason: '身份证号最后一位（校验位）对不上，可能有数字抄错了' };
  return { ok: true, birth: `${n.slice(6, 10)}-${n.slice(10, 12)}-${n.slice(12, 14)}`, birthYear: y, gender: Number(n[16]) % 2 === 1 ? '男' : '女' };
}
