// The server as deployed (server/main.ts) behind nginx, which keeps idle connections to it for 60 s
// and sends later requests on them (docs/deploy.md): an idle connection must stay open past Node's
// default 5 s, or a request sent as the server closed it meets a closed socket (nginx answers 502 and
// does not retry a POST). The walks met it too: a walk's first fetch after starting Chromium, on the
// connection its backend's health check had left idle, once failed with "fetch failed".
import net from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startAppServer, type ChildServer } from '../bench/support.js';
import { freshDatabase, testDbKind, type FreshDatabase } from '../support/database.js';

let fresh: FreshDatabase;
let server: ChildServer | undefined;
beforeAll(async () => {
  fresh = await freshDatabase();
  server = await startAppServer(fresh.url, { DEMO_DATA: 'false' });
}, 60_000);
afterAll(async () => {
  await server?.stop();
  await fresh?.drop();
});

/** One request on the socket, and its response's head (the health answer is small and comes whole). */
function ask(socket: net.Socket): Promise<string> {
  return new Promise((resolve, reject) => {
    let got = '';
    const onData = (d: Buffer) => {
      got += d.toString('utf8');
      const head = got.indexOf('\r\n\r\n');
      const length = Number(/content-length: (\d+)/i.exec(got)?.[1] ?? NaN);
      if (head >= 0 && got.length >= head + 4 + length) done(null, got);
    };
    const onClose = () => done(new Error(`the connection was closed (after: ${JSON.stringify(got.slice(0, 80))})`));
    const done = (e: Error | null, value?: string) => {
      socket.off('data', onData);
      socket.off('close', onClose);
      if (e) reject(e);
      else resolve(value!);
    };
    socket.on('data', onData);
    socket.on('close', onClose);
    socket.write('GET /api/health HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: keep-alive\r\n\r\n');
  });
}

// the HTTP layer does not depend on the database: once, on SQLite (it waits 6 s)
it.skipIf(testDbKind() === 'postgres')('keeps an idle connection open longer than nginx keeps it (65 s, not Node’s 5 s)', async () => {
  const { port } = new URL(server!.url);
  const socket = net.connect(Number(port), '127.0.0.1');
  await new Promise<void>((resolve, reject) => socket.once('connect', resolve).once('error', reject));
  try {
    const first = await ask(socket);
    expect(first).toMatch(/^HTTP\/1\.1 200/);
    expect(first).toMatch(/\r\nKeep-Alive: timeout=65\r\n/i);
    // idle past Node's default (5 s): the same connection still answers
    await new Promise((r) => setTimeout(r, 6_000));
    expect(socket.destroyed).toBe(false);
    expect(await ask(socket)).toMatch(/^HTTP\/1\.1 200/);
  } finally {
    socket.destroy();
  }
}, 30_000);
