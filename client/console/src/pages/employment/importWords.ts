// The import's row reasons, in staff's words. The server writes them for the API
// (server/employment/importLedger.ts, English around the sheet's own column names);
// each known shape is said again here, and an unknown one is shown as it came.
const SAID: Array<[RegExp, (m: RegExpExecArray) => string]> = [
  [/^姓名 is empty$/, () => '姓名没有填'],
  [/^no resident of this community has this 身份证号$/, () => '本社区没有这个身份证号的居民'],
  [/^身份证号 belongs to (.+), not (.+)$/, (m) => `这个身份证号是 ${m[1]} 的，不是 ${m[2]}`],
  [/^more than one resident with this name at this/, () => '这一户有同名的人，请填身份证号'],
  [/^no resident with this name at this/, () => '这个楼栋、单元、房号没有叫这个名字的居民'],
  [/^the same person as row (\d+)$/, (m) => `和第 ${m[1]} 行是同一个人`],
  [/^就业状态 "(.*)" is not one of (.+)$/, (m) => `就业状态「${m[1]}」认不出来，请填：${m[2]}`],
  [/^开始时间 is not a date/, () => '开始时间不是日期，请写成 2025-03 或 2025-03-01'],
  [/^意向工种 not known: ([^(]+)/, (m) => `意向工种「${m[1]!.trim()}」认不出来`],
];

export function reasonWords(reason: string): string {
  for (const [re, say] of SAID) {
    const m = re.exec(reason);
    if (m) return say(m);
  }
  return reason;
}

/** Why the whole file was refused (400 on body.file, 415 for a file that is no workbook). */
export function fileRefusalWords(status: number, message: string): string | null {
  if (status === 415) return '这个文件不是 Excel 表格（.xlsx），请另存为 .xlsx 再导入。';
  const missing = /missing column\(s\): (.+)$/.exec(message);
  if (missing) return `表格缺少这些列：${missing[1]}。可以先导出一份台账，照着它的列填写。`;
  if (/no sheet/.test(message)) return '表格里没有工作表。';
  return null;
}
