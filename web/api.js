// The page's only way to the server: /api/v1 with the bearer key from sessionStorage.
// The key never goes into a URL, a log or localStorage; closing the tab forgets it.

const keyName = 'adengine.apiKey';

export const apiKey = {
  get: () => sessionStorage.getItem(keyName) ?? '',
  set: (key) => sessionStorage.setItem(keyName, key),
  clear: () => sessionStorage.removeItem(keyName),
};

export class ApiError extends Error {
  constructor(status, code, message) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

function request(path, { method = 'GET', body, signal, accept = 'application/json' } = {}) {
  const headers = { authorization: `Bearer ${apiKey.get()}`, accept };
  if (body !== undefined) headers['content-type'] = 'application/json';
  return fetch(`/api/v1${path}`, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
    signal,
    cache: 'no-store',
    credentials: 'omit',
  });
}

async function failure(response) {
  let code = `HTTP_${response.status}`;
  let message = response.statusText || 'request failed';
  try {
    const { error } = await response.json();
    code = error.code ?? code;
    message = error.message ?? message;
  } catch {
    // Not the server's JSON error (a proxy's page): keep the status line.
  }
  return new ApiError(response.status, code, message);
}

/** One JSON call; a non-2xx answer throws an ApiError with the server's code and message. */
export async function api(path, options = {}) {
  const response = await request(path, options);
  if (!response.ok) throw await failure(response);
  return response.json();
}

/** Parses a Server-Sent Events body as it arrives, calling onEvent(name, data) per event. */
export async function readEvents(body, onEvent) {
  const reader = body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    buffer += value.replaceAll('\r\n', '\n');
    let end = buffer.indexOf('\n\n');
    while (end >= 0) {
      const chunk = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      let name = 'message';
      const data = [];
      for (const line of chunk.split('\n')) {
        if (line.startsWith('event:')) name = line.slice(6).trim();
        else if (line.startsWith('data:')) data.push(line.slice(5).replace(/^ /, ''));
      }
      if (data.length > 0) onEvent(name, JSON.parse(data.join('\n')));
      end = buffer.indexOf('\n\n');
    }
  }
}

/**
 * One orchestrator turn over POST /api/v1/chat. EventSource cannot send a bearer header, so this
 * reads the stream with fetch; a turn refused before it starts throws an ApiError.
 */
export async function streamChat(body, onEvent, signal) {
  const response = await request('/chat', { method: 'POST', body, signal, accept: 'text/event-stream' });
  if (!response.ok) throw await failure(response);
  await readEvents(response.body, onEvent);
}
