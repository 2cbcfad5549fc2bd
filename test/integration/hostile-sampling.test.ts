import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import { CreateMessageRequestSchema } from '@modelcontextprotocol/sdk/types.js';
import { Message, TextBlock } from '@strands-agents/sdk';
import { afterAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { Core } from '../../src/core/create-core.js';
import { createLogger } from '../../src/logger.js';
import { createModelRegistry } from '../../src/providers/model-registry.js';
import { samplingModule } from '../../src/providers/sampling/sampling-module.js';
import { createEraMcpServer } from '../../src/server/mcp/era-mcp-server.js';
import { defineTool } from '../../src/tools/tool-definition.js';
import { configFrom } from '../fakes/scripted-config.js';

/**
 * A client that never answers `sampling/createMessage` (issue 11: it held a call 6 minutes,
 * 3 tries of 120 s). Through a real MCP session: one try, cut after the configured timeout.
 */
describe('a client that never answers sampling', () => {
  const closers: Array<() => Promise<void>> = [];
  afterAll(async () => {
    for (const close of closers) await close();
  });

  it('ends the call after MCP_SAMPLING_TIMEOUT_SECONDS with TIMEOUT, asking once', async () => {
    const registry = createModelRegistry({
      config: configFrom({ PROVIDER_MAX_ATTEMPTS: '3' }),
      modules: [samplingModule],
      sleep: async () => undefined,
    });
    // A tool that asks the client's model, as the agents do.
    const askClient = defineTool({
      name: 'ask_client',
      title: 'Ask the client model',
      description: 'test only',
      input: z.object({}),
      output: z.object({ text: z.string() }),
      annotations: { readOnlyHint: true, idempotentHint: false, openWorldHint: true },
      async handler(_input, { caller }) {
        const model = await registry.chat('client-sampling', {
          sampling: caller.sampling,
          signal: caller.signal,
        });
        let text = '';
        for await (const event of model.stream([
          new Message({ role: 'user', content: [new TextBlock('hi')] }),
        ])) {
          if (event.type === 'modelContentBlockDeltaEvent' && event.delta.type === 'textDelta')
            text += event.delta.text;
        }
        return { structured: { text } };
      },
    });
    const server = createEraMcpServer(
      {
        core: async () => ({}) as Core,
        userId: async () => 'user-1',
        logger: () => createLogger('silent'),
        tools: [askClient],
        version: 'test',
        samplingTimeoutMs: 300,
      },
      'legacy',
    );
    const client = new Client({ name: 'silent', version: '1' }, { capabilities: { sampling: {} } });
    let asked = 0;
    client.setRequestHandler(CreateMessageRequestSchema, () => {
      asked += 1;
      return new Promise(() => undefined);
    });
    const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
    await Promise.all([server.connect(serverSide), client.connect(clientSide)]);
    closers.push(() => client.close());

    const started = Date.now();
    const result = (await client.callTool({ name: 'ask_client', arguments: {} })) as {
      isError?: boolean;
      content: Array<{ text: string }>;
    };
    expect(result.isError).toBe(true);
    expect(result.content[0]?.text).toMatch(
      /^TIMEOUT: client-sampling: the MCP client did not answer .* within 0\.3 s/,
    );
    expect(asked).toBe(1);
    expect(Date.now() - started).toBeLessThan(5_000);
  }, 20_000);
});
