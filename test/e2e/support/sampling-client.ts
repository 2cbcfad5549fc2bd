import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import {
  type CreateMessageRequest,
  CreateMessageRequestSchema,
  type CreateMessageResult,
} from '@modelcontextprotocol/sdk/types.js';

/** What the test client's own model answers, by the structured output the server asks for. */
export interface ClientModelScript {
  adCopy: Array<Record<string, string>>[];
  market: Record<string, unknown>;
  imagePrompt: { prompt: string };
}

export const exampleMarket = {
  summary: 'Urban cyclists want secure, light locks.',
  audiences: [{ name: 'Commuters', description: 'Ride daily to work', channels: ['instagram'] }],
  competitors: [
    { name: 'Kryptonite', positioning: 'Heavy-duty', strengths: ['trusted'], weaknesses: ['heavy'] },
  ],
  trends: [{ name: 'E-bikes', description: 'More expensive bikes need better locks' }],
  opportunities: [{ title: 'Light and strong', description: 'Lead with weight', priority: 'high' }],
};

/** Longer than Google's 30-character headline, so the copy is re-asked and then trimmed. */
export const longGoogleHeadline = 'The lightest bike lock you will ever carry to work every single day';

/** A client model's ad copy: one variant that fits Meta, one Google headline too long. */
export const exampleVariants: Array<Record<string, string>> = [
  {
    platform: 'meta',
    headline: 'Carry less',
    primaryText: 'A 400 g lock.',
    description: 'Light',
    callToAction: 'SHOP_NOW',
  },
  {
    platform: 'google',
    headline: longGoogleHeadline,
    primaryText: 'Light lock',
    description: 'Strong',
    callToAction: 'SHOP_NOW',
  },
];

function tool(input: unknown): CreateMessageResult {
  return {
    role: 'assistant',
    model: 'test-client-model',
    content: { type: 'text', text: JSON.stringify({ tool: 'strands_structured_output', input }) },
  };
}

/** Answers sampling requests like a client's model would, from a script; records what it was asked. */
export function samplingHandler(script: ClientModelScript, asked: CreateMessageRequest['params'][]) {
  const adTurns = [...script.adCopy];
  return async (request: CreateMessageRequest): Promise<CreateMessageResult> => {
    asked.push(request.params);
    const system = request.params.systemPrompt ?? '';
    if (system.includes('"opportunities"')) return tool(script.market);
    if (system.includes('"variants"')) {
      const variants = adTurns.length > 1 ? adTurns.shift() : adTurns[0];
      return tool({ variants });
    }
    if (system.includes('"negativePrompt"')) return tool(script.imagePrompt);
    return { role: 'assistant', model: 'test-client-model', content: { type: 'text', text: 'plain answer' } };
  };
}

export async function connectHttpClient(
  baseUrl: string,
  key: string,
  sampling?: (request: CreateMessageRequest) => Promise<CreateMessageResult>,
): Promise<Client> {
  const client = new Client(
    { name: 'e2e-client', version: '1.0.0' },
    { capabilities: sampling === undefined ? {} : { sampling: {} } },
  );
  if (sampling !== undefined) client.setRequestHandler(CreateMessageRequestSchema, sampling);
  await client.connect(
    new StreamableHTTPClientTransport(new URL(`${baseUrl}/mcp`), {
      requestInit: { headers: { authorization: `Bearer ${key}` } },
    }),
  );
  return client;
}
