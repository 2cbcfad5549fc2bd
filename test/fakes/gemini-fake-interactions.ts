import { randomUUID } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { type FakeFault, sendGoogleError, sendJson } from './gemini-fake-http.js';
import { fakeVideoBytes } from './gemini-fake-veo.js';

interface FakeInteraction {
  id: string;
  model: string;
  input: unknown;
  state: 'in_progress' | 'completed' | 'failed';
  outcome: 'completed' | 'failed';
  created: string;
}

const topLevel = new Set([
  'model',
  'input',
  'response_format',
  'generation_config',
  'background',
  'store',
  'stream',
  'previous_interaction_id',
]);
const videoFormatKeys = new Set(['type', 'aspect_ratio', 'duration', 'resolution', 'delivery', 'gcs_uri']);
const imageTypes = new Set(['image/png', 'image/jpeg', 'image/webp', 'image/heic', 'image/heif']);

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function unknownKey(value: Record<string, unknown>, allowed: Set<string>): string | undefined {
  return Object.keys(value).find((key) => !allowed.has(key));
}

function checkInput(input: unknown): string | undefined {
  if (typeof input === 'string') return input.length > 0 ? undefined : 'input must not be empty';
  if (!Array.isArray(input) || input.length === 0) return 'input must be a string or a list of content';
  let images = 0;
  for (const [index, block] of input.entries()) {
    if (!isObject(block)) return `input[${index}] must be an object`;
    if (block.type === 'text') {
      if (unknownKey(block, new Set(['type', 'text'])) || typeof block.text !== 'string' || !block.text)
        return `input[${index}]: a text block holds only a non-empty text`;
    } else if (block.type === 'image') {
      images += 1;
      const extra = unknownKey(block, new Set(['type', 'data', 'uri', 'mime_type']));
      if (extra) return `Unknown name "${extra}" at 'input[${index}]'`;
      if (typeof block.data !== 'string' || !/^[A-Za-z0-9+/]+={0,2}$/.test(block.data))
        return `input[${index}].data must be base64`;
      if (typeof block.mime_type !== 'string' || !imageTypes.has(block.mime_type))
        return `input[${index}].mime_type ${String(block.mime_type)} is not supported`;
    } else {
      return `input[${index}].type ${String(block.type)} is not accepted by this fake`;
    }
  }
  return images > 10 ? 'at most 10 images per prompt' : undefined;
}

/** The one video response format; the duration as a protobuf Duration string ("6s"), 3–10 s. */
function checkResponseFormat(value: unknown): string | undefined {
  const formats = Array.isArray(value) ? value : [value];
  const videos = formats.filter((format) => isObject(format) && format.type === 'video');
  if (videos.length !== 1) return 'response_format must ask for one video';
  const video = videos[0] as Record<string, unknown>;
  const extra = unknownKey(video, videoFormatKeys);
  if (extra) return `Unknown name "${extra}" at 'response_format'`;
  if (video.gcs_uri !== undefined) return 'gcs_uri is not supported in the Gemini API';
  if (video.aspect_ratio !== undefined && video.aspect_ratio !== '16:9' && video.aspect_ratio !== '9:16')
    return `aspect_ratio ${String(video.aspect_ratio)} is not supported; use 16:9 or 9:16`;
  if (video.duration !== undefined) {
    const match = typeof video.duration === 'string' ? /^(\d+)s$/.exec(video.duration) : null;
    const seconds = Number(match?.[1]);
    if (!match || seconds < 3 || seconds > 10) return 'duration must be between "3s" and "10s"';
  }
  if (video.resolution !== undefined && !['360p', '720p', '1080p', '4k'].includes(String(video.resolution)))
    return `resolution ${String(video.resolution)} is not supported`;
  if (video.delivery !== undefined && video.delivery !== 'inline' && video.delivery !== 'uri')
    return 'delivery must be inline or uri';
  return undefined;
}

/** Checks an Interactions API create body for an Omni video; undefined when acceptable. */
export function checkOmniInteractionBody(body: unknown): string | undefined {
  if (!isObject(body)) return 'request body must be a JSON object';
  const extra = unknownKey(body, topLevel);
  if (extra) return `Invalid JSON payload received. Unknown name "${extra}"`;
  if (body.stream === true) return 'this fake does not stream interactions';
  const inputProblem = checkInput(body.input);
  if (inputProblem) return inputProblem;
  if (body.response_format === undefined) return 'response_format is required for video output';
  const formatProblem = checkResponseFormat(body.response_format);
  if (formatProblem) return formatProblem;
  if (body.generation_config !== undefined) {
    const config = body.generation_config;
    if (!isObject(config) || unknownKey(config, new Set(['seed'])))
      return 'generation_config: this fake accepts only seed';
    if (config.seed !== undefined && !Number.isInteger(config.seed)) return 'seed must be an integer';
  }
  return undefined;
}

/**
 * Gemini Omni through the Interactions API in the Gemini fake: POST /{v}/interactions (background
 * only: answers `in_progress` at once) and GET /{v}/interactions/{id}, which gives the steps with
 * an inline video once `completeAll` ran.
 */
export class OmniInteractions {
  private readonly interactions = new Map<string, FakeInteraction>();
  private nextOutcome: FakeInteraction['outcome'] | undefined;

  constructor(private readonly models: () => Set<string>) {}

  completeAll(): void {
    for (const interaction of this.interactions.values()) {
      if (interaction.state === 'in_progress') interaction.state = interaction.outcome;
    }
  }

  failNext(): void {
    this.nextOutcome = 'failed';
  }

  create(body: unknown, fault: FakeFault | undefined, response: ServerResponse): void {
    const model = isObject(body) && typeof body.model === 'string' ? body.model : '';
    if (!this.models().has(model)) {
      sendGoogleError(response, 404, 'NOT_FOUND', `models/${model} is not found for API version v1beta.`);
      return;
    }
    const problem = checkOmniInteractionBody(body);
    if (problem) {
      sendGoogleError(response, 400, 'INVALID_ARGUMENT', problem);
      return;
    }
    if ((body as { background?: unknown }).background !== true) {
      // Not a claim about the service: a clip takes minutes, and this fake only models the polled form.
      sendGoogleError(
        response,
        400,
        'INVALID_ARGUMENT',
        'this fake runs Omni interactions in the background only',
      );
      return;
    }
    const interaction: FakeInteraction = {
      id: `v1_${randomUUID().replaceAll('-', '')}`,
      model,
      input: (body as { input: unknown }).input,
      state: 'in_progress',
      outcome: this.nextOutcome ?? 'completed',
      created: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
    };
    this.nextOutcome = undefined;
    this.interactions.set(interaction.id, interaction);
    if (fault?.kind === 'malformed') {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end('{"id": "v1_');
      return;
    }
    sendJson(response, 200, this.view(interaction));
  }

  get(id: string, response: ServerResponse): void {
    const interaction = this.interactions.get(id);
    if (!interaction) {
      sendGoogleError(response, 404, 'NOT_FOUND', `Interaction ${id} not found`);
      return;
    }
    sendJson(response, 200, this.view(interaction));
  }

  private view(interaction: FakeInteraction): Record<string, unknown> {
    const base = {
      id: interaction.id,
      model: interaction.model,
      object: 'interaction',
      created: interaction.created,
      updated: interaction.created,
      status: interaction.state,
    };
    if (interaction.state === 'in_progress') return base;
    if (interaction.state === 'failed')
      return { ...base, errors: [{ code: 'INTERNAL', message: 'Video generation failed.' }] };
    const input =
      typeof interaction.input === 'string' ? [{ type: 'text', text: interaction.input }] : interaction.input;
    return {
      ...base,
      steps: [
        { type: 'user_input', content: input },
        {
          type: 'model_output',
          content: [{ type: 'video', data: fakeVideoBytes.toString('base64'), mime_type: 'video/mp4' }],
        },
      ],
    };
  }
}
