import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { countTokens, delay, type FakeFault, readBody, sendJson, splitText } from './gemini-fake-http.js';
import { type ChatMessage, checkChatBody, contentText } from './openai-compatible-fake-validation.js';

export interface OpenAiFakeOptions {
  apiKey?: string;
  models?: string[];
  /** The fake's answer to the last user message; deterministic echo by default. */
  reply?: (prompt: string) => string;
  /** When the request offers tools: the call the model makes (by name, with JSON arguments), or none. */
  toolReply?: (request: {
    tools: string[];
    prompt: string;
  }) => { name: string; arguments: unknown } | undefined;
}

export interface RecordedOpenAiRequest {
  method: string;
  path: string;
  authorization: string | undefined;
  body: unknown;
}

function openAiError(
  response: ServerResponse,
  status: number,
  type: string,
  message: string,
  code: string | null,
): void {
  sendJson(response, status, { error: { message, type, param: null, code } });
}

/**
 * Stand-in for an OpenAI-compatible chat completions server (vLLM, Ollama, LiteLLM…): SSE chunks
 * ending in `data: [DONE]`, a usage chunk when asked, plain JSON when `stream` is false.
 */
export class OpenAiCompatibleFake {
  readonly requests: RecordedOpenAiRequest[] = [];
  readonly apiKey: string;
  reply: (prompt: string) => string;
  toolReply: OpenAiFakeOptions['toolReply'];
  private readonly models: Set<string>;
  private readonly faults: FakeFault[] = [];
  private readonly server: Server;

  private constructor(options: OpenAiFakeOptions) {
    this.apiKey = options.apiKey ?? 'fake-openai-key';
    this.models = new Set(options.models ?? ['qwen3-8b', 'llama-3.1-8b-instruct']);
    this.reply = options.reply ?? ((prompt) => `echo: ${prompt}`);
    this.toolReply = options.toolReply;
    this.server = createServer((request, response) => {
      this.handle(request, response).catch((error: unknown) => {
        if (!response.headersSent) openAiError(response, 500, 'server_error', String(error), null);
        else response.destroy();
      });
    });
  }

  static async start(options: OpenAiFakeOptions = {}): Promise<OpenAiCompatibleFake> {
    const fake = new OpenAiCompatibleFake(options);
    await new Promise<void>((resolve) => fake.server.listen(0, '127.0.0.1', resolve));
    return fake;
  }

  /** What OPENAI_BASE_URL should be: the client appends `/chat/completions`. */
  get baseUrl(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/v1`;
  }

  injectFaults(...faults: FakeFault[]): void {
    this.faults.push(...faults);
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const text = await readBody(request);
    const authorization = request.headers.authorization;
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      body = undefined;
    }
    this.requests.push({ method: request.method ?? '', path: request.url ?? '', authorization, body });
    if (request.method !== 'POST' || request.url !== '/v1/chat/completions') {
      return openAiError(
        response,
        404,
        'invalid_request_error',
        `Unknown request URL: ${request.method} ${request.url}`,
        'unknown_url',
      );
    }
    if (authorization !== `Bearer ${this.apiKey}`) {
      return openAiError(
        response,
        401,
        'invalid_request_error',
        'Incorrect API key provided.',
        'invalid_api_key',
      );
    }
    if (body === undefined)
      return openAiError(
        response,
        400,
        'invalid_request_error',
        'We could not parse the JSON body of your request.',
        null,
      );
    const fault = this.faults.shift();
    if (fault?.kind === 'slow') await delay(fault.delayMs, request);
    if (fault?.kind === 'throttle') {
      response.setHeader('retry-after', '1');
      return openAiError(response, 429, 'requests', 'Rate limit reached for requests', 'rate_limit_exceeded');
    }
    if (fault?.kind === 'server-error')
      return openAiError(
        response,
        fault.status ?? 500,
        'server_error',
        'The server had an error while processing your request.',
        null,
      );
    const problem = checkChatBody(body, this.models);
    if (problem)
      return openAiError(
        response,
        problem.status,
        'invalid_request_error',
        problem.message,
        problem.status === 404 ? 'model_not_found' : null,
      );
    this.answer(body as Record<string, unknown>, fault?.kind === 'malformed', response);
  }

  private answer(request: Record<string, unknown>, malformed: boolean, response: ServerResponse): void {
    const messages = request.messages as ChatMessage[];
    const lastUser = [...messages].reverse().find((message) => message.role === 'user');
    const prompt = contentText(lastUser?.content) ?? '';
    const tools = ((request.tools as Array<{ function?: { name?: string } }> | undefined) ?? []).map(
      (tool) => tool.function?.name ?? '',
    );
    const call = tools.length > 0 ? this.toolReply?.({ tools, prompt }) : undefined;
    if (call !== undefined && !tools.includes(call.name))
      throw new Error(`fake script calls ${call.name}, which was not offered`);
    const reply = call === undefined ? this.reply(prompt) : JSON.stringify(call.arguments);
    const usage = {
      prompt_tokens: messages.reduce(
        (sum, message) => sum + countTokens(contentText(message.content) ?? ''),
        0,
      ),
      completion_tokens: countTokens(reply),
    };
    const fullUsage = { ...usage, total_tokens: usage.prompt_tokens + usage.completion_tokens };
    const base = {
      id: 'chatcmpl-fake',
      created: 1_700_000_000,
      model: String(request.model),
      system_fingerprint: null,
    };
    if (request.stream !== true) {
      if (malformed)
        return void response
          .writeHead(200, { 'content-type': 'application/json' })
          .end('{"id": "chatcmpl-fake", "choices": [');
      const message =
        call === undefined
          ? { role: 'assistant', content: reply, refusal: null }
          : {
              role: 'assistant',
              content: null,
              refusal: null,
              tool_calls: [
                { id: 'call_fake_1', type: 'function', function: { name: call.name, arguments: reply } },
              ],
            };
      sendJson(response, 200, {
        ...base,
        object: 'chat.completion',
        choices: [
          { index: 0, message, logprobs: null, finish_reason: call === undefined ? 'stop' : 'tool_calls' },
        ],
        usage: fullUsage,
      });
      return;
    }
    const withUsage =
      (request.stream_options as { include_usage?: boolean } | undefined)?.include_usage === true;
    const chunk = (delta: Record<string, unknown>, finish: string | null) => ({
      ...base,
      object: 'chat.completion.chunk',
      choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }],
      ...(withUsage ? { usage: null } : {}),
    });
    response.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache',
    });
    const send = (data: unknown) => response.write(`data: ${JSON.stringify(data)}\n\n`);
    if (call !== undefined) {
      // Tool calls stream as OpenAI sends them: name first, then the arguments in pieces.
      send(
        chunk(
          {
            role: 'assistant',
            content: null,
            tool_calls: [
              { index: 0, id: 'call_fake_1', type: 'function', function: { name: call.name, arguments: '' } },
            ],
          },
          null,
        ),
      );
      for (const piece of splitText(reply, 3))
        send(chunk({ tool_calls: [{ index: 0, function: { arguments: piece } }] }, null));
      send(chunk({}, 'tool_calls'));
      if (withUsage) send({ ...base, object: 'chat.completion.chunk', choices: [], usage: fullUsage });
      response.end('data: [DONE]\n\n');
      return;
    }
    send(chunk({ role: 'assistant', content: '' }, null));
    for (const piece of splitText(reply, 3)) {
      send(chunk({ content: piece }, null));
      if (malformed) return void response.end('data: {"id": "chatcmpl-fake", "choices": [{\n\n');
    }
    send(chunk({}, 'stop'));
    if (withUsage) send({ ...base, object: 'chat.completion.chunk', choices: [], usage: fullUsage });
    response.end('data: [DONE]\n\n');
  }
}
