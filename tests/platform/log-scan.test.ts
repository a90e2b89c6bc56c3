// The scan that ends every run (tests/support/global-setup.ts) must find what it looks for:
// it is the check behind "no phone number, ID number or token in the server log".
import { describe, expect, it } from 'vitest';
import { scanLogText } from '../support/logScan.js';

const token = 'q7Xr2m9Kd0LpVb3nZsT8wYc1FhJ4uE6gA5iOeRkN_-s';

describe('the server-log scan', () => {
  it('finds a phone number, an ID number and a handed-out token, and says where', () => {
    const text = [
      '{"level":30,"time":1764931200000,"method":"GET","path":"/api/orders","status":200,"ms":3.1,"user":"cmf3k2x0a0001"}',
      '{"level":30,"msg":"resident 13812345678 called"}',
      '{"level":50,"path":"/api/org/residents/by-id/52052419900101123X"}',
      `{"level":30,"authorization":"Bearer ${token}"}`,
    ].join('\n');
    const found = scanLogText(text, new Set([token]));
    expect(found.map((f) => [f.kind, f.line])).toEqual([
      ['phone', 2],
      ['idNumber', 3],
      ['token', 4],
    ]);
    // the report masks the value it found
    for (const f of found) expect(f.excerpt).not.toMatch(/13812345678|52052419900101123X/);
    expect(found[2]!.excerpt).not.toContain(token);
  });

  it('passes ordinary request lines: millisecond timestamps, ids, durations, redacted fields', () => {
    const text = [
      '{"level":30,"time":1764931200123,"method":"POST","path":"/api/orders/cmf3k2x0a0001abcd/claim","status":200,"ms":12.5,"user":"cmf3k2x0a0002"}',
      '{"level":30,"phone":"[redacted]","idNumber":"[redacted]","msg":"x"}',
      '{"level":30,"deliveryId":"cm123","count":13812345678901}',
      // another 43-character string that is not a token handed out
      '{"level":30,"hash":"AAAAr2m9Kd0LpVb3nZsT8wYc1FhJ4uE6gA5iOeRkN_-s"}',
    ].join('\n');
    expect(scanLogText(text, new Set([token]))).toEqual([]);
  });
});
