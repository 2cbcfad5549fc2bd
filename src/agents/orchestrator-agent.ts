import type { Agent, MessageData, Model, ToolList } from '@strands-agents/sdk';
import { AppError } from '../errors/app-error.js';

export interface OrchestratorConfig {
  /** The user's chat model, metered by the caller. */
  model: Model;
  systemPrompt: string;
  /** The product's own MCP tools (a Strands `McpClient`), or plain Strands tools in tests. */
  tools: ToolList;
  /** The conversation so far, already trimmed, ending before the new user message. */
  messages: MessageData[];
}

/** Model calls one turn may make: several tool rounds, then the answer. */
export const orchestratorMaxModelCalls = 6;

function isModel(value: unknown): value is Model {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { stream?: unknown }).stream === 'function' &&
    typeof (value as { getConfig?: unknown }).getConfig === 'function'
  );
}

/** A tool entry Strands can use: a tool (a name and a spec), an MCP client (it lists its own) or a nested list. */
function toolProblem(entry: unknown, index: string): string | undefined {
  if (Array.isArray(entry)) {
    for (const [inner, item] of entry.entries()) {
      const problem = toolProblem(item, `${index}[${inner}]`);
      if (problem !== undefined) return problem;
    }
    return undefined;
  }
  if (typeof entry !== 'object' || entry === null) return `tools${index}: not a tool`;
  const candidate = entry as { name?: unknown; toolSpec?: unknown; listTools?: unknown };
  if (typeof candidate.listTools === 'function') return undefined;
  if (typeof candidate.name === 'string' && /^[a-zA-Z0-9_-]{1,64}$/.test(candidate.name)) return undefined;
  return `tools${index}: a tool needs a name of letters, digits, _ or - (at most 64)`;
}

/** Checks a configuration before any model is called; a bad one fails with the field named. */
export function validateOrchestratorConfig(config: OrchestratorConfig): void {
  if (!isModel(config.model)) throw new AppError('INVALID_INPUT', 'model: not a chat model (Strands Model)');
  if (typeof config.systemPrompt !== 'string' || config.systemPrompt.trim() === '')
    throw new AppError('INVALID_INPUT', 'systemPrompt: the orchestrator needs a system prompt');
  if (!Array.isArray(config.tools)) throw new AppError('INVALID_INPUT', 'tools: must be a list of tools');
  const problem = toolProblem(config.tools, '');
  if (problem !== undefined) throw new AppError('INVALID_INPUT', problem);
  if (!Array.isArray(config.messages)) throw new AppError('INVALID_INPUT', 'messages: must be a list');
}

/**
 * The orchestrator: a Strands agent whose tools are AdEngine's own MCP tools, so it sees exactly
 * what an external agent sees. Printer off (it writes to stdout); no Strands retries (they live in
 * the provider layer); history trimming is done by the caller before the turn, whole turns at a
 * time, so a tool call never loses its result.
 */
export async function createOrchestratorAgent(config: OrchestratorConfig): Promise<Agent> {
  validateOrchestratorConfig(config);
  const { Agent, NullConversationManager } = await import('@strands-agents/sdk');
  return new Agent({
    model: config.model,
    systemPrompt: config.systemPrompt,
    tools: config.tools,
    messages: config.messages,
    printer: false,
    retryStrategy: null,
    conversationManager: new NullConversationManager(),
    name: 'adengine-orchestrator',
  });
}
