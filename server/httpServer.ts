// How long the HTTP server keeps an idle connection. nginx in front of several instances
// (docs/deploy.md) keeps idle connections to each open for 60 s (its upstream `keepalive_timeout`)
// and sends the next request on one of them. Node closes an idle connection after 5 s by default,
// so a request nginx sent just as Node closed the connection met a closed socket, and nginx answered
// 502 without retrying it when it was a POST (a resident's order, a redemption). The server keeps
// idle connections longer than nginx does, so that nginx is always the one to close them.
import type { Server } from 'node:http';

/** Longer than nginx's 60 s. */
export const IDLE_CONNECTION_MS = 65_000;

export function keepConnectionsLongerThanProxy(server: Server): Server {
  server.keepAliveTimeout = IDLE_CONNECTION_MS;
  // Node requires the time allowed for a request's headers to exceed the keep-alive time
  server.headersTimeout = IDLE_CONNECTION_MS + 1_000;
  return server;
}
