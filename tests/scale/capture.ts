// A TCP proxy between the server and PostgreSQL that records the SQL the server
// sends (the extended protocol's Parse and Bind messages, and simple queries),
// with the parameters bound to each execution. It reads the client's side of the
// wire only and changes nothing, so the server runs exactly as it does without it.
import net from 'node:net';

export interface Statement {
  sql: string;
  /** parameter values as sent (text format), null for SQL NULL */
  params: Array<string | null>;
  /** the parameter types the client declared (OIDs; 0 = let the server infer) */
  types: number[];
}

export interface Capture {
  port: number;
  /** statements are recorded under this label; null: not recorded */
  label: string | null;
  recorded: Map<string, Statement[]>;
  close(): Promise<void>;
}

export async function startCapture(target: { host: string; port: number }): Promise<Capture> {
  const sockets = new Set<net.Socket>();
  const capture: Capture = {
    port: 0,
    label: null,
    recorded: new Map(),
    close: () =>
      new Promise((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
  const record = (s: Statement) => {
    if (capture.label === null) return;
    const list = capture.recorded.get(capture.label) ?? [];
    list.push(s);
    capture.recorded.set(capture.label, list);
  };

  const server = net.createServer((client) => {
    const upstream = net.connect(target.port, target.host);
    sockets.add(client);
    sockets.add(upstream);
    const prepared = new Map<string, { sql: string; types: number[] }>();
    let buf = Buffer.alloc(0);
    let startup = true;
    client.on('data', (chunk) => {
      upstream.write(chunk);
      buf = Buffer.concat([buf, chunk]);
      for (;;) {
        if (startup) {
          if (buf.length < 8) break;
          const len = buf.readInt32BE(0);
          if (buf.length < len) break;
          const code = buf.readInt32BE(4);
          buf = buf.subarray(len);
          // SSLRequest / GSSENCRequest come before the real startup message
          if (code !== 80877103 && code !== 80877104) startup = false;
          continue;
        }
        if (buf.length < 5) break;
        const len = buf.readInt32BE(1);
        if (buf.length < 1 + len) break;
        const type = String.fromCharCode(buf[0]!);
        const body = buf.subarray(5, 1 + len);
        buf = buf.subarray(1 + len);
        try {
          if (type === 'P') parseMessage(body, prepared);
          else if (type === 'B') bindMessage(body, prepared, record);
          else if (type === 'Q') record({ sql: cstring(body, 0).value, params: [], types: [] });
        } catch {
          // an odd message is not ours to judge: the proxy only listens
        }
      }
    });
    upstream.on('data', (d) => client.write(d));
    const end = () => {
      client.destroy();
      upstream.destroy();
      sockets.delete(client);
      sockets.delete(upstream);
    };
    client.on('close', end);
    upstream.on('close', end);
    client.on('error', end);
    upstream.on('error', end);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  capture.port = (server.address() as net.AddressInfo).port;
  return capture;
}

function cstring(b: Buffer, at: number): { value: string; next: number } {
  const end = b.indexOf(0, at);
  return { value: b.toString('utf8', at, end), next: end + 1 };
}

function parseMessage(body: Buffer, prepared: Map<string, { sql: string; types: number[] }>) {
  const name = cstring(body, 0);
  const sql = cstring(body, name.next);
  let at = sql.next;
  const n = body.readInt16BE(at);
  at += 2;
  const types: number[] = [];
  for (let i = 0; i < n; i++, at += 4) types.push(body.readInt32BE(at));
  prepared.set(name.value, { sql: sql.value, types });
}

function bindMessage(body: Buffer, prepared: Map<string, { sql: string; types: number[] }>, record: (s: Statement) => void) {
  const portal = cstring(body, 0);
  const stmt = cstring(body, portal.next);
  let at = stmt.next;
  const nFormats = body.readInt16BE(at);
  at += 2;
  const formats: number[] = [];
  for (let i = 0; i < nFormats; i++, at += 2) formats.push(body.readInt16BE(at));
  const nParams = body.readInt16BE(at);
  at += 2;
  const params: Array<string | null> = [];
  for (let i = 0; i < nParams; i++) {
    const len = body.readInt32BE(at);
    at += 4;
    if (len < 0) {
      params.push(null);
      continue;
    }
    const bytes = body.subarray(at, at + len);
    at += len;
    const format = nFormats === 0 ? 0 : nFormats === 1 ? formats[0] : formats[i];
    params.push(format === 1 ? `\\x${bytes.toString('hex')}` : bytes.toString('utf8'));
  }
  const p = prepared.get(stmt.value);
  if (p) record({ sql: p.sql, params, types: p.types });
}
