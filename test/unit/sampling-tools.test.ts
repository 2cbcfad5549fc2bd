import type { CreateMessageRequestParamsBase, CreateMessageResult } from '@modelcontextprotocol/sdk/types.js';
import type { ToolSpec } from '@strands-agents/sdk';
import { Agent } from '@strands-agents/sdk';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { SamplingChatModel } from '../../src/providers/sampling/sampling-chat-model.js';
import { parseToolCall, toolInstructions } from '../../src/providers/sampling/sampling-tools.js';

const spec: ToolSpec = {
  name: 'strands_structured_output',
  description: 'return the answer',
  inputSchema: { type: 'object', properties: { headline: { type: 'string' } } },
};

describe('tool calls over sampling', () => {
  it('describes the tools and says when one is forced', () => {
    const text = toolInstructions([spec], { tool: { name: spec.name } });
    expect(text).toContain('strands_structured_output');
    expect(text).toContain('"headline"');
    expect(text).toContain('You must call the tool strands_structured_output now.');
  });

  it('reads {tool, input}, fenced JSON, and bare input of a forced tool; ignores prose', () => {
    expect(
      parseToolCall('{"tool":"strands_structured_output","input":{"headline":"Hi"}}', [spec], undefined),
    ).toEqual({
      name: spec.name,
      input: { headline: 'Hi' },
    });
    expect(parseToolCall('```json\n{"headline":"Hi"}\n```', [spec], { tool: { name: spec.name } })).toEqual({
      name: spec.name,
      input: { headline: 'Hi' },
    });
    expect(parseToolCall('{"headline":"Hi"}', [spec], undefined)).toBeUndefined();
    expect(parseToolCall('Sure! Here it is.', [spec], { tool: { name: spec.name } })).toBeUndefined();
    expect(parseToolCall('{"tool":"unknown","input":{}}', [spec], undefined)).toBeUndefined();
  });

  it('lets a Strands agent return structured output through a client that only answers text', async () => {
    const seen: CreateMessageRequestParamsBase[] = [];
    const model = new SamplingChatModel({
      clientSupportsSampling: true,
      requestSampling: async (params): Promise<CreateMessageResult> => {
        seen.push(params);
        return {
          role: 'assistant',
          model: 'client-model',
          content: {
            type: 'text',
            text: '{"tool":"strands_structured_output","input":{"headline":"Fresh bread daily"}}',
          },
        };
      },
    });
    const agent = new Agent({
      model,
      printer: false,
      structuredOutputSchema: z.object({ headline: z.string() }),
    });
    const result = await agent.invoke('Write a headline for a bakery');
    expect(result.structuredOutput).toEqual({ headline: 'Fresh bread daily' });
    expect(seen[0]?.systemPrompt).toContain('strands_structured_output');
  });
});
