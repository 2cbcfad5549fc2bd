import { Writable } from 'node:stream';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { APIError } from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/logger.js';
import { mapGeminiError } from '../../src/providers/gemini/gemini-errors.js';
import { mapOpenAiError } from '../../src/providers/openai-compatible/openai-errors.js';
import { type CoreHarness, createCoreHarness } from '../support/core-harness.js';
import { inMemoryMcpClient } from '../support/in-memory-mcp-client.js';

const leakedKey = 'sk-live-4f9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c';
const internalAddress = 'http://10.20.30.40:8080/v1/images';
const databaseUrl = 'postgres://admin:hunter2-db-pass@db.internal:5432/prod';

/** Provider error text never reaches the client word for word (issue 11); it is logged, redacted. */
describe('provider errors that quote secrets', () => {
  let h: CoreHarness;
  let client: Client;
  const logLines: string[] = [];

  beforeAll(async () => {
    h = await createCoreHarness({ credits: 100 });
    const destination = new Writable({
      write(chunk, _encoding, done) {
        logLines.push(String(chunk));
        done();
      },
    });
    client = await inMemoryMcpClient(h, {
      name: 'victim',
      logger: createLogger('info', destination as never),
    });
  }, 120_000);
  afterAll(async () => {
    await client?.close();
    await h?.close();
  });

  async function generateFailingWith(failure: Error) {
    h.imageHooks.failures.splice(0, Infinity, failure, failure, failure);
    const result = (await client.callTool({
      name: 'generate_image',
      arguments: { prompt: 'a lighthouse', aspectRatio: '1:1' },
    })) as { isError?: boolean; content: Array<{ text: string }> };
    await new Promise((resolve) => setTimeout(resolve, 50)); // pino writes asynchronously
    return { text: result.content[0]?.text ?? '', isError: result.isError };
  }

  it('an upstream 401 echoing a key and an internal address: a stable code and a generic message', async () => {
    const upstream = APIError.generate(
      401,
      {
        error: {
          message: `Incorrect API key provided: ${leakedKey}. Request to ${internalAddress} denied.`,
          type: 'invalid_request_error',
          code: 'invalid_api_key',
        },
      },
      undefined,
      new Headers(),
    );
    const { text, isError } = await generateFailingWith(mapOpenAiError(upstream));
    expect(isError).toBe(true);
    expect(text).toMatch(/^PROVIDER_ERROR: /);
    expect(text).not.toContain(leakedKey);
    expect(text).not.toContain('10.20.30.40');
    expect(text).not.toContain('Incorrect API key');
    const logged = logLines.join('\n');
    expect(logged).toContain('Incorrect API key provided');
    expect(logged).not.toContain(leakedKey);
  });

  it('an upstream 500 with a traceback and a database URL: nothing of it reaches the client', async () => {
    const body = JSON.stringify({
      error: {
        code: 500,
        status: 'INTERNAL',
        message: `Traceback (most recent call last):\n  File "/srv/app/main.py", line 42\nOperationalError: could not connect to ${databaseUrl}`,
      },
    });
    const upstream = Object.assign(new Error(body), { name: 'ApiError', status: 500 });
    const { text } = await generateFailingWith(mapGeminiError(upstream));
    expect(text).toMatch(/^PROVIDER_ERROR: /);
    for (const secret of ['Traceback', 'main.py', 'hunter2-db-pass', 'db.internal', 'postgres://'])
      expect(text).not.toContain(secret);
    const logged = logLines.join('\n');
    expect(logged).toContain('Traceback');
    expect(logged).not.toContain('hunter2-db-pass');
  });
});
