import { isJsonContentType } from '@modelcontextprotocol/server';

/**
 * What `/mcp` checks in a request before either era runs: the body's size and JSON, and the
 * routing headers of the tasks extension. Each refusal is a JSON-RPC error response.
 */

type JsonRpcId = string | number | null;

export function jsonRpcError(status: number, code: number, message: string, id: JsonRpcId = null): Response {
  return new Response(JSON.stringify({ jsonrpc: '2.0', error: { code, message }, id }), {
    status,
    headers: { 'content-type': 'application/json' },
  });
}

/** MCP POST bodies: the SDK transports' own bound. */
const maxBodyBytes = 4 * 1024 * 1024;

const tooLarge = () => jsonRpcError(413, -32600, 'request body larger than 4 MiB');

/**
 * The body as text, or undefined past `maxBodyBytes`. With a Content-Length the size is known
 * before reading, and `text()` reads the socket directly (on Node, no web stream is made);
 * a chunked body is read through its stream and cut off at the bound.
 */
async function boundedText(request: Request): Promise<string | undefined> {
  const length = request.headers.get('content-length');
  if (length !== null && !request.headers.has('transfer-encoding'))
    return Number(length) > maxBodyBytes ? undefined : request.text();
  if (request.body === null) return '';
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBodyBytes) {
      await reader.cancel().catch(() => undefined);
      return undefined;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * The parsed body of a JSON POST (undefined otherwise: the legs read or refuse it themselves);
 * a POST over 4 MiB is refused with 413, a JSON POST that does not parse as JSON-RPC's parse error.
 */
export async function readJsonBody(
  request: Request,
): Promise<{ parsedBody: unknown } | { refusal: Response }> {
  if (request.method !== 'POST') return { parsedBody: undefined };
  if (!isJsonContentType(request.headers.get('content-type'))) {
    const length = Number(request.headers.get('content-length') ?? 0);
    return length > maxBodyBytes ? { refusal: tooLarge() } : { parsedBody: undefined };
  }
  const text = await boundedText(request);
  if (text === undefined) return { refusal: tooLarge() };
  try {
    return { parsedBody: JSON.parse(text) };
  } catch {
    return { refusal: jsonRpcError(400, -32700, 'Parse error: Invalid JSON') };
  }
}

/**
 * SEP-2663 routing headers: a `tasks/*` request's `Mcp-Name` names its task. The SDK checks
 * `Mcp-Method` and the names it knows (tools, resources); the extension's methods are ours.
 */
export function taskNameMismatch(request: Request, parsedBody: unknown): Response | undefined {
  const name = request.headers.get('mcp-name');
  const body = parsedBody as { id?: unknown; method?: unknown; params?: { taskId?: unknown } } | undefined;
  if (name === null || typeof body?.method !== 'string' || !body.method.startsWith('tasks/'))
    return undefined;
  if (body.params?.taskId === name) return undefined;
  const id = typeof body.id === 'string' || typeof body.id === 'number' ? body.id : null;
  return jsonRpcError(400, -32020, 'Mcp-Name header does not match params.taskId', id);
}
