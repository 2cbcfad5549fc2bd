import { chatCapabilities } from './catalogue/row-helpers.js';
import { awsChatRows, awsImageRows, awsVideoRows } from './catalogue/rows-aws.js';
import { googleChatRows, googleImageRows, googleVideoRows } from './catalogue/rows-google.js';
import type { CatalogueEntry } from './catalogue-entry.js';

/**
 * The one list of models. Prices: 1 credit = US$0.001 of vendor list price, rounded up to a
 * whole credit (never 0 for a paid model); docs/providers.md gives the arithmetic and sources.
 * Within a kind, the order is the order of automatic choice: with no model asked for, the first
 * configured active row that can do the request serves it.
 */
const otherChatRows: readonly CatalogueEntry[] = [
  {
    id: 'openai-compatible',
    displayName: 'OpenAI-compatible server (OPENAI_MODEL)',
    provider: 'openai-compatible',
    kind: 'chat',
    // Replaced by OPENAI_MODEL when set (see openAiCompatibleModule).
    providerModelId: 'default',
    capabilities: chatCapabilities({ vision: false, maxOutputTokens: 8_192 }),
    price: { unit: 'tokens', inputPer1k: 1, outputPer1k: 2, reserve: 20 },
    lifecycle: { status: 'active', source: 'https://platform.openai.com/docs/api-reference/chat' },
  },
  {
    id: 'client-sampling',
    displayName: "The MCP client's own model (sampling/createMessage)",
    provider: 'client-sampling',
    kind: 'chat',
    providerModelId: 'client-sampling',
    capabilities: chatCapabilities({ tools: false, streaming: false, vision: false, maxOutputTokens: 4_096 }),
    // The client pays its own model; we charge nothing per token.
    price: { unit: 'tokens', inputPer1k: 0, outputPer1k: 0, reserve: 0 },
    lifecycle: {
      status: 'active',
      source: 'https://modelcontextprotocol.io/specification/2025-11-25/client/sampling',
    },
  },
];

export const catalogueData: readonly CatalogueEntry[] = [
  ...awsChatRows,
  ...googleChatRows,
  ...otherChatRows,
  ...awsImageRows,
  ...googleImageRows,
  ...awsVideoRows,
  ...googleVideoRows,
];
