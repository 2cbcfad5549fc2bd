import { z } from 'zod';
import type { ToolContext } from './tool-context.js';

export interface ToolAnnotations {
  readOnlyHint: boolean;
  idempotentHint: boolean;
  openWorldHint: boolean;
  destructiveHint?: boolean;
}

/** What a handler answers: the structured result and the assets to link. */
export interface ToolAnswer<Output> {
  structured: Output;
  /** `asset://` links added as `resource_link` content. */
  links?: Array<{ uri: string; name: string; mimeType: string; description?: string }>;
}

export interface ToolDefinition<
  Input extends z.ZodObject = z.ZodObject,
  Output extends z.ZodObject = z.ZodObject,
> {
  name: string;
  title: string;
  /** Written for a model choosing a tool: what it does, when to use it, what it costs. */
  description: string;
  input: Input;
  output: Output;
  annotations: ToolAnnotations;
  handler(input: z.output<Input>, context: ToolContext): Promise<ToolAnswer<z.output<Output>>>;
}

/** A definition with its JSON Schemas computed once, at module load, never per request. */
export interface RegisteredTool extends ToolDefinition {
  inputJsonSchema: Record<string, unknown>;
  outputJsonSchema: Record<string, unknown>;
}

export function defineTool<Input extends z.ZodObject, Output extends z.ZodObject>(
  definition: ToolDefinition<Input, Output>,
): RegisteredTool {
  const inputJsonSchema = z.toJSONSchema(definition.input, { io: 'input', unrepresentable: 'any' });
  const outputJsonSchema = z.toJSONSchema(definition.output, { io: 'output', unrepresentable: 'any' });
  delete inputJsonSchema.$schema;
  delete outputJsonSchema.$schema;
  return {
    ...(definition as unknown as ToolDefinition),
    inputJsonSchema: inputJsonSchema as Record<string, unknown>,
    outputJsonSchema: outputJsonSchema as Record<string, unknown>,
  };
}
