import type { ServerResponse } from 'node:http';
import { countTokens, sendGoogleError, sendJson, splitText } from './gemini-fake-http.js';
import { checkGenerateContentBody } from './gemini-fake-validation.js';
import { minimalInstance } from './schema-minimal-instance.js';

export interface ContentCall {
  model: string;
  kind: 'chat' | 'image';
  body: unknown;
  streaming: boolean;
  malformed: boolean;
  /** finishReason of a blocked image answer. */
  blocked: string | undefined;
  reply: (prompt: string) => string;
  image: (aspectRatio: string | undefined) => Buffer;
}

interface Part {
  text?: string;
  functionResponse?: { name?: string; response?: unknown };
}
interface Content {
  role?: string;
  parts?: Part[];
}

/** The text parts of the last user turn: what the fake echoes. */
export function promptText(body: unknown): string {
  const contents = (body as { contents?: Content[] } | undefined)?.contents ?? [];
  const lastUser = [...contents].reverse().find((content) => (content.role ?? 'user') === 'user');
  return (lastUser?.parts ?? []).map((part) => part.text ?? '').join('');
}

/** Answers generateContent or its SSE stream for a chat or image model, after strict validation. */
export function answerGenerateContent(response: ServerResponse, call: ContentCall): void {
  const problem = checkGenerateContentBody(call.body, call.kind);
  if (problem) {
    sendGoogleError(response, 400, 'INVALID_ARGUMENT', problem);
    return;
  }
  const prompt = promptText(call.body);
  const promptTokenCount = countTokens(prompt) + 1;
  if (call.kind === 'image') {
    answerImage(response, call, promptTokenCount);
    return;
  }

  const functionCall = functionToCall(call.body);
  if (functionCall !== undefined) {
    answerFunctionCall(response, call, functionCall, promptTokenCount);
    return;
  }
  const result = lastFunctionResponse(call.body);
  const text =
    result === undefined
      ? call.reply(prompt)
      : `${call.reply(prompt)} From the tool: ${result.slice(0, 300)}`;
  const candidatesTokenCount = countTokens(text);
  const usageMetadata = {
    promptTokenCount,
    candidatesTokenCount,
    totalTokenCount: promptTokenCount + candidatesTokenCount,
  };
  const candidate = (part: string, last: boolean) => ({
    content: { parts: [{ text: part }], role: 'model' },
    index: 0,
    ...(last ? { finishReason: 'STOP' } : {}),
  });
  if (!call.streaming) {
    if (call.malformed) {
      sendRaw(response, '{"candidates": [{"content": {"parts": [{"text": "');
      return;
    }
    sendJson(response, 200, {
      candidates: [candidate(text, true)],
      usageMetadata,
      modelVersion: call.model,
    });
    return;
  }
  response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
  const pieces = splitText(text, 3);
  for (const [index, piece] of pieces.entries()) {
    const last = index === pieces.length - 1;
    const chunk = {
      candidates: [candidate(piece, last)],
      usageMetadata: last ? usageMetadata : { promptTokenCount, totalTokenCount: promptTokenCount },
      modelVersion: call.model,
    };
    response.write(`data: ${JSON.stringify(chunk)}\r\n\r\n`);
    if (call.malformed) {
      response.end('data: {"candidates": [{"content": \r\n\r\n');
      return;
    }
  }
  response.end();
}

interface FunctionDeclaration {
  name?: string;
  parametersJsonSchema?: unknown;
  parameters?: unknown;
}

/** The function responses the conversation ends on, as text, if it does. */
function lastFunctionResponse(body: unknown): string | undefined {
  const contents = (body as { contents?: Content[] } | undefined)?.contents ?? [];
  const last = contents.at(-1);
  const responses = (last?.parts ?? []).flatMap((part) =>
    part.functionResponse === undefined ? [] : [JSON.stringify(part.functionResponse.response ?? {})],
  );
  return responses.length === 0 ? undefined : responses.join('\n');
}

/**
 * The function the stand-in calls, if any: one it is forced to call (mode ANY), or one the user
 * asks for by name (`please call the tool NAME`) until its response arrives. Its arguments are the
 * least the declaration's schema allows.
 */
function functionToCall(body: unknown): { name: string; args: unknown } | undefined {
  const request = body as {
    tools?: { functionDeclarations?: FunctionDeclaration[] }[];
    toolConfig?: { functionCallingConfig?: { mode?: string; allowedFunctionNames?: string[] } };
  };
  const declarations = (request.tools ?? []).flatMap((tool) => tool.functionDeclarations ?? []);
  if (declarations.length === 0) return undefined;
  const config = request.toolConfig?.functionCallingConfig;
  let chosen: FunctionDeclaration | undefined;
  if (config?.mode === 'ANY') {
    const allowed = config.allowedFunctionNames;
    chosen = declarations.find(
      (declaration) => allowed === undefined || allowed.includes(declaration.name ?? ''),
    );
  } else if (lastFunctionResponse(body) === undefined) {
    const prompt = promptText(body);
    chosen = declarations.find((declaration) => prompt.includes(`please call the tool ${declaration.name}`));
  }
  if (chosen?.name === undefined) return undefined;
  return { name: chosen.name, args: minimalInstance(chosen.parametersJsonSchema ?? chosen.parameters) };
}

function answerFunctionCall(
  response: ServerResponse,
  call: ContentCall,
  functionCall: { name: string; args: unknown },
  promptTokenCount: number,
): void {
  const candidatesTokenCount = countTokens(JSON.stringify(functionCall.args));
  const chunk = {
    candidates: [{ content: { parts: [{ functionCall }], role: 'model' }, index: 0, finishReason: 'STOP' }],
    usageMetadata: {
      promptTokenCount,
      candidatesTokenCount,
      totalTokenCount: promptTokenCount + candidatesTokenCount,
    },
    modelVersion: call.model,
  };
  if (!call.streaming) {
    sendJson(response, 200, chunk);
    return;
  }
  response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
  response.end(`data: ${JSON.stringify(chunk)}\r\n\r\n`);
}

function answerImage(response: ServerResponse, call: ContentCall, promptTokenCount: number): void {
  const generationConfig = (call.body as { generationConfig?: { imageConfig?: { aspectRatio?: string } } })
    .generationConfig;
  if (call.malformed) {
    sendRaw(response, '{"candidates": [{"content": {"parts": [{"inlineData": ');
    return;
  }
  if (call.blocked) {
    sendJson(response, 200, {
      candidates: [{ finishReason: call.blocked, index: 0 }],
      usageMetadata: { promptTokenCount, totalTokenCount: promptTokenCount },
      modelVersion: call.model,
    });
    return;
  }
  const png = call.image(generationConfig?.imageConfig?.aspectRatio);
  const candidate = {
    content: {
      parts: [{ inlineData: { mimeType: 'image/png', data: png.toString('base64') } }],
      role: 'model',
    },
    finishReason: 'STOP',
    index: 0,
  };
  const usageMetadata = {
    promptTokenCount,
    candidatesTokenCount: 1290,
    totalTokenCount: promptTokenCount + 1290,
  };
  if (!call.streaming) {
    sendJson(response, 200, { candidates: [candidate], usageMetadata, modelVersion: call.model });
    return;
  }
  response.writeHead(200, { 'content-type': 'text/event-stream' });
  response.end(
    `data: ${JSON.stringify({ candidates: [candidate], usageMetadata, modelVersion: call.model })}\r\n\r\n`,
  );
}

function sendRaw(response: ServerResponse, text: string): void {
  response.writeHead(200, { 'content-type': 'application/json; charset=UTF-8' });
  response.end(text);
}
