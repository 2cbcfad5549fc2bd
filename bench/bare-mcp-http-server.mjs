// The floor for bench/mcp-per-call.ts: a bare MCP SDK server answering a no-op tool over
// Streamable HTTP. BARE_ERA=2025: SDK 1.x, one session per client (as adengine serves 2025);
// BARE_ERA=2026: SDK v2 createMcpHandler, one server per request (as adengine serves 2026).
// BARE_QUERY=1: the no-op also runs adengine's balance statement, plainly (bare-statement-query.mjs).
// Prints `listening on http://127.0.0.1:PORT` on stderr.
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import { McpServer as LegacyMcpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { createMcpHandler, Server } from '@modelcontextprotocol/server';

const era = process.env.BARE_ERA ?? '2025';
const answer = { content: [{ type: 'text', text: '{"ok":true}' }], structuredContent: { ok: true } };
const runQuery =
  process.env.BARE_QUERY === '1'
    ? await (await import('./bare-statement-query.mjs')).openStatementQuery(process.env.DATABASE_URL)
    : undefined;
const call = async () => {
  if (runQuery !== undefined) await runQuery();
  return answer;
};
const tool = {
  name: 'noop',
  description: 'does nothing',
  inputSchema: { type: 'object', properties: {} },
  outputSchema: { type: 'object', properties: { ok: { type: 'boolean' } } },
};

async function body(request) {
  const chunks = [];
  for await (const chunk of request) chunks.push(chunk);
  return chunks.length === 0 ? undefined : JSON.parse(Buffer.concat(chunks).toString('utf8'));
}

let handle;
if (era === '2025') {
  const sessions = new Map();
  handle = async (request, response) => {
    const id = request.headers['mcp-session-id'];
    const parsed = request.method === 'POST' ? await body(request) : undefined;
    let transport = id === undefined ? undefined : sessions.get(id);
    if (transport === undefined) {
      transport = new StreamableHTTPServerTransport({
        sessionIdGenerator: () => randomUUID(),
        onsessioninitialized: (sessionId) => sessions.set(sessionId, transport),
      });
      const server = new LegacyMcpServer({ name: 'bare', version: '1.0.0' });
      server.server.registerCapabilities({ tools: {} });
      server.server.setRequestHandler(
        (await import('@modelcontextprotocol/sdk/types.js')).ListToolsRequestSchema,
        async () => ({ tools: [tool] }),
      );
      server.server.setRequestHandler(
        (await import('@modelcontextprotocol/sdk/types.js')).CallToolRequestSchema,
        call,
      );
      await server.connect(transport);
    }
    await transport.handleRequest(request, response, parsed);
  };
} else {
  const handler = createMcpHandler(() => {
    const server = new Server({ name: 'bare', version: '1.0.0' }, { capabilities: { tools: {} } });
    server.setRequestHandler('tools/list', async () => ({ tools: [tool] }));
    server.setRequestHandler('tools/call', call);
    return server;
  });
  handle = async (request, response) => {
    const raw = request.method === 'POST' ? await body(request) : undefined;
    const headers = new Headers();
    for (const [name, value] of Object.entries(request.headers))
      if (typeof value === 'string') headers.set(name, value);
    const answered = await handler.fetch(
      new Request(`http://127.0.0.1${request.url}`, {
        method: request.method,
        headers,
        ...(raw === undefined ? {} : { body: JSON.stringify(raw) }),
      }),
      { parsedBody: raw },
    );
    response.writeHead(answered.status, Object.fromEntries(answered.headers));
    response.end(Buffer.from(await answered.arrayBuffer()));
  };
}

const server = createServer((request, response) => {
  handle(request, response).catch((error) => {
    response.writeHead(500).end(String(error));
  });
});
server.listen(0, '127.0.0.1', () => {
  process.stderr.write(`listening on http://127.0.0.1:${server.address().port} \n`);
});
