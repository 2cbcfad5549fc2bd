import type { IncomingMessage, ServerResponse } from 'node:http';

/** Faults a fake injects, one per API call, in the order given. */
export type FakeFault =
  | { kind: 'throttle' }
  | { kind: 'server-error'; status?: number }
  | { kind: 'malformed' }
  | { kind: 'slow'; delayMs: number }
  /** Gemini only: the answer carries no image (a safety block). */
  | { kind: 'blocked'; reason?: string };

export async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

export function sendJson(response: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  response.writeHead(status, { 'content-type': 'application/json; charset=UTF-8' });
  response.end(text);
}

/** Google's error JSON: `{ error: { code, message, status, details? } }`. */
export function sendGoogleError(
  response: ServerResponse,
  code: number,
  status: string,
  message: string,
  details?: unknown[],
): void {
  sendJson(response, code, { error: { code, message, status, ...(details ? { details } : {}) } });
}

/** Waits, but gives up as soon as the client goes away, so aborted calls free the server. */
export function delay(ms: number, request: IncomingMessage): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    request.once('close', () => {
      clearTimeout(timer);
      resolve();
    });
  });
}

/** Splits text into at most `pieces` parts on code-point boundaries, so no chunk holds half a surrogate pair. */
export function splitText(text: string, pieces: number): string[] {
  const points = Array.from(text);
  if (points.length === 0) return [''];
  const size = Math.ceil(points.length / pieces);
  const parts: string[] = [];
  for (let start = 0; start < points.length; start += size)
    parts.push(points.slice(start, start + size).join(''));
  return parts;
}

/** A rough token count (whitespace-separated words), deterministic so tests can assert usage. */
export function countTokens(text: string): number {
  return text.split(/\s+/).filter(Boolean).length;
}
