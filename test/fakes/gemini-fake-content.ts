import type { ServerResponse } from 'node:http';
import { countTokens, sendGoogleError, sendJson, splitText } from './gemini-fake-http.js';
import { checkGenerateContentBody } from './gemini-fake-validation.js';

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

  const text = call.reply(prompt);
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
