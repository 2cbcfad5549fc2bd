import { createServer, request as forward, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request as the proxy passed it on: which upstream, for which MCP method, with what status. */
export interface Forwarded {
  /** The upstream's base URL. */
  upstream: string;
  method: string;
  mcpMethod: string | undefined;
  status: number;
  /** Why the upstream could not be reached, when it could not. */
  error?: string;
}

export interface RoundRobinProxy {
  url: string;
  /** Every request in arrival order. */
  log: Forwarded[];
  /** Upstream base URLs; replace to take one out (a load balancer's health check). */
  upstreams: string[];
  close(): Promise<void>;
}

/**
 * A load balancer at its plainest: each request goes to the next upstream in turn, no affinity
 * of any kind (no session, cookie or `Mcp-Name` hashing). The answer carries `x-upstream`.
 */
export async function startRoundRobinProxy(upstreams: string[] = []): Promise<RoundRobinProxy> {
  const log: Forwarded[] = [];
  const state = { upstreams, next: 0 };
  const server: Server = createServer((incoming: IncomingMessage, outgoing) => {
    const base = state.upstreams[state.next++ % state.upstreams.length] as string;
    const target = new URL(incoming.url ?? '/', base);
    const entry: Forwarded = {
      upstream: base,
      method: incoming.method ?? 'GET',
      mcpMethod: incoming.headers['mcp-method'] as string | undefined,
      status: 0,
    };
    log.push(entry);
    const upstream = forward(target, { method: incoming.method, headers: incoming.headers }, (answer) => {
      entry.status = answer.statusCode ?? 0;
      outgoing.writeHead(answer.statusCode ?? 502, { ...answer.headers, 'x-upstream': base });
      answer.pipe(outgoing);
    });
    upstream.on('error', (error) => {
      entry.status = 502;
      entry.error = error.message;
      if (!outgoing.headersSent) outgoing.writeHead(502);
      outgoing.end();
    });
    incoming.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    log,
    get upstreams() {
      return state.upstreams;
    },
    set upstreams(list: string[]) {
      state.upstreams = list;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
