import type { ToolChoice, ToolSpec } from '@strands-agents/sdk';

/**
 * Tool calls over plain sampling. Many clients answer `sampling/createMessage` with text only,
 * so tools are described in the system prompt and a JSON answer is read back as a call. This
 * is what lets structured output (Strands' `strands_structured_output` tool) work through any
 * client that samples.
 */
export interface SampledToolCall {
  name: string;
  input: Record<string, unknown>;
}

function forcedTool(toolSpecs: readonly ToolSpec[], toolChoice: ToolChoice | undefined): string | undefined {
  if (toolChoice !== undefined && 'tool' in toolChoice) return toolChoice.tool.name;
  if (toolChoice !== undefined && 'any' in toolChoice && toolSpecs.length === 1) return toolSpecs[0]?.name;
  return undefined;
}

export function toolInstructions(toolSpecs: readonly ToolSpec[], toolChoice: ToolChoice | undefined): string {
  const forced = forcedTool(toolSpecs, toolChoice);
  const catalogue = toolSpecs
    .map(
      (spec) =>
        `- ${spec.name}: ${spec.description}\n  input JSON schema: ${JSON.stringify(spec.inputSchema ?? {})}`,
    )
    .join('\n');
  return [
    'You can call tools. To call one, answer with ONLY a JSON object and nothing else (no prose, no code fences):',
    '{"tool": "<tool name>", "input": { ...arguments matching the tool\'s input schema... }}',
    'Tools:',
    catalogue,
    forced === undefined
      ? 'Answer in plain text when no tool is needed.'
      : `You must call the tool ${forced} now.`,
  ].join('\n');
}

function parseJsonObject(text: string): Record<string, unknown> | undefined {
  const trimmed = text.trim();
  const fenced = /^```(?:json)?\s*([\s\S]*?)\s*```$/i.exec(trimmed);
  const body = fenced?.[1] ?? trimmed.slice(trimmed.indexOf('{'), trimmed.lastIndexOf('}') + 1);
  if (body === '') return undefined;
  try {
    const value: unknown = JSON.parse(body);
    return value !== null && typeof value === 'object' && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

/** The tool call an answer makes, if any: `{tool, input}`, or the bare input of a forced tool. */
export function parseToolCall(
  text: string,
  toolSpecs: readonly ToolSpec[],
  toolChoice: ToolChoice | undefined,
): SampledToolCall | undefined {
  if (toolSpecs.length === 0) return undefined;
  const value = parseJsonObject(text);
  if (value === undefined) return undefined;
  const names = new Set(toolSpecs.map((spec) => spec.name));
  const { tool, input } = value;
  if (
    typeof tool === 'string' &&
    names.has(tool) &&
    input !== null &&
    typeof input === 'object' &&
    !Array.isArray(input)
  ) {
    return { name: tool, input: input as Record<string, unknown> };
  }
  const forced = forcedTool(toolSpecs, toolChoice);
  return forced === undefined ? undefined : { name: forced, input: value };
}
