// A User-Agent in a few words a person recognises (“Chrome 131 · Windows”), for the
// 扫码登录 confirm page: enough to tell one's own office PC from a stranger's browser.
// Order matters: Edge, 360, QQ and WeChat's browsers also call themselves Chrome/Safari.

const BROWSERS: Array<[RegExp, string]> = [
  [/\bEdg(?:e|A|iOS)?\/(\d+)/, 'Edge'],
  [/\bQIHU 360\w*|\b360SE\b|\b360EE\b/, '360 浏览器'],
  [/\bQQBrowser\/(\d+)/, 'QQ 浏览器'],
  [/\bMetaSr\b/, '搜狗浏览器'],
  [/\bMicroMessenger\/(\d+)/, '微信内置浏览器'],
  [/\bFirefox\/(\d+)/, 'Firefox'],
  [/(?:\bHeadless|\b)Chrome\/(\d+)/, 'Chrome'],
  [/\bVersion\/(\d+)[\d.]* (?:Mobile\/\S+ )?Safari\//, 'Safari'],
  [/\bMSIE (\d+)|\bTrident\/.*rv:(\d+)/, 'IE'],
];

const SYSTEMS: Array<[RegExp, string]> = [
  [/\bWindows NT 10\.0/, 'Windows'],
  [/\bWindows NT 6\.1/, 'Windows 7'],
  [/\bWindows/, 'Windows'],
  [/\bAndroid/, 'Android'],
  [/\b(?:iPhone|iPad|iPod)\b/, 'iOS'],
  [/\bMac OS X/, 'macOS'],
  [/\bCrOS\b/, 'ChromeOS'],
  [/\bLinux/, 'Linux'],
];

export function describeBrowser(ua: string | null | undefined): string {
  if (!ua) return '未知浏览器';
  const b = BROWSERS.find(([re]) => re.test(ua));
  let browser = '未知浏览器';
  if (b) {
    const m = b[0].exec(ua)!;
    const version = m.slice(1).find((x) => x);
    browser = version && !b[1].includes('浏览器') ? `${b[1]} ${version}` : b[1];
  }
  const system = SYSTEMS.find(([re]) => re.test(ua))?.[1];
  return system ? `${browser} · ${system}` : browser;
}
