// The server's log must never hold a phone number, an ID number or a bearer token
// (PIPL; issue #16). Every in-process test server logs at info level to a file in the
// run's folder (tests/support/server.ts), the tokens it hands out are listed beside it,
// and global-setup.ts scans them all when the run ends: one finding fails the run.
import fs from 'node:fs';
import path from 'node:path';

export const LOG_FOLDER = 'server-logs';

/** 11-digit mainland mobile numbers, not part of a longer number or word (a timestamp in ms is 13 digits). */
const PHONE = /(?<![\dA-Za-z])1[3-9]\d{9}(?![\dA-Za-z])/;
/** 18-character resident ID numbers (GB 11643): 17 digits and a digit or X. */
const ID_NUMBER = /(?<![\dA-Za-z])\d{6}(?:19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3}[\dXx](?![\dA-Za-z])/;

export interface LogFinding {
  file: string;
  line: number;
  kind: 'phone' | 'idNumber' | 'token';
  /** the line with the value masked, so the report does not repeat the leak */
  excerpt: string;
}

const mask = (line: string, value: string) => line.replace(value, `${value.slice(0, 3)}…[${value.length} chars]`).slice(0, 300);

/** Every phone number, ID number and listed token found in these log lines. */
export function scanLogText(text: string, tokens: ReadonlySet<string>, file = '(text)'): LogFinding[] {
  const findings: LogFinding[] = [];
  text.split('\n').forEach((line, i) => {
    if (!line) return;
    const phone = PHONE.exec(line);
    if (phone) findings.push({ file, line: i + 1, kind: 'phone', excerpt: mask(line, phone[0]) });
    const id = ID_NUMBER.exec(line);
    if (id) findings.push({ file, line: i + 1, kind: 'idNumber', excerpt: mask(line, id[0]) });
    // tokens are 43 base64url characters: look each candidate up rather than the other way round
    for (const m of line.matchAll(/[A-Za-z0-9_-]{43}/g)) {
      if (tokens.has(m[0])) findings.push({ file, line: i + 1, kind: 'token', excerpt: mask(line, m[0]) });
    }
  });
  return findings;
}

/** Scans every log file of a run folder; the tokens are read from its tokens-*.txt files. */
export function scanLogFolder(runDir: string): { files: number; lines: number; findings: LogFinding[] } {
  const dir = path.join(runDir, LOG_FOLDER);
  if (!fs.existsSync(dir)) return { files: 0, lines: 0, findings: [] };
  const names = fs.readdirSync(dir);
  const tokens = new Set<string>();
  for (const n of names.filter((n) => n.startsWith('tokens-'))) {
    for (const t of fs.readFileSync(path.join(dir, n), 'utf8').split('\n')) if (t) tokens.add(t);
  }
  let lines = 0;
  const findings: LogFinding[] = [];
  const logs = names.filter((n) => n.endsWith('.log'));
  for (const n of logs) {
    const text = fs.readFileSync(path.join(dir, n), 'utf8');
    lines += text.split('\n').length - 1;
    findings.push(...scanLogText(text, tokens, n));
  }
  return { files: logs.length, lines, findings };
}

/** The logger destination and token list of one test worker. */
export function workerLogFiles(runDir: string): { log: string; tokens: string } {
  const dir = path.join(runDir, LOG_FOLDER);
  fs.mkdirSync(dir, { recursive: true });
  return { log: path.join(dir, `server-${process.pid}.log`), tokens: path.join(dir, `tokens-${process.pid}.txt`) };
}
