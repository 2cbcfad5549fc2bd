import type { Core } from '../../core/create-core.js';
import type { ReadPolicy } from '../../core/read-policy.js';
import type { Logger } from '../../logger.js';
import type { RegisteredTool } from '../../tools/tool-definition.js';

/** What an MCP server of either SDK and era needs: kept apart so stdio loads only the SDK it uses. */
export interface McpSessionOptions {
  /** Resolved lazily so `initialize` and `tools/list` never wait for the database. */
  core: () => Promise<Core>;
  /** The user this session acts for. */
  userId: () => Promise<string>;
  logger: () => Logger;
  tools: readonly RegisteredTool[];
  version: string;
  /** Called after the first `tools/list` answer is built (stdio warms its database then). */
  onToolsListed?: () => void;
  /** Takes one tool call or resource read from the user's bucket; throws RATE_LIMITED past it. */
  admit?: (userId: string) => void;
  /** How long a `sampling/createMessage` may wait for the client (one try). Default 60 s. */
  samplingTimeoutMs?: number;
  /** Inline limits and the bound on large reads; the documented defaults when absent. */
  reads?: ReadPolicy;
}

export const instructions = `AdEngine makes advertising material: ad copy for Meta, TikTok, Google, LinkedIn and X
(create_ad_creative), market analysis (analyze_market), images (generate_image) and videos
(generate_video, then get_job). Calls that generate cost credits (see list_models for prices,
get_credit_balance for the balance); pass an idempotencyKey when you may retry. Generated files come
back as asset:// links, readable with resources/read.`;
