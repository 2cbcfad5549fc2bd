/**
 * Strict checks of Gemini REST request bodies, as the Developer API documents them
 * (https://ai.google.dev/api/generate-content, https://ai.google.dev/gemini-api/docs/video).
 * Each returns an error message, or undefined when the body is acceptable.
 */
export const geminiImageAspectRatios = [
  '1:1',
  '2:3',
  '3:2',
  '3:4',
  '4:3',
  '4:5',
  '5:4',
  '9:16',
  '16:9',
  '21:9',
];

/** Output sizes the Gemini 2.5 Flash Image documentation lists per aspect ratio (1K tier). */
export const geminiImageSizes: Record<string, [number, number]> = {
  '1:1': [1024, 1024],
  '2:3': [832, 1248],
  '3:2': [1248, 832],
  '3:4': [864, 1184],
  '4:3': [1184, 864],
  '4:5': [896, 1152],
  '5:4': [1152, 896],
  '9:16': [768, 1344],
  '16:9': [1344, 768],
  '21:9': [1536, 672],
};

const topLevelKeys = new Set([
  'contents',
  'generationConfig',
  'systemInstruction',
  'tools',
  'toolConfig',
  'safetySettings',
  'cachedContent',
]);
const partKeys = new Set([
  'text',
  'inlineData',
  'fileData',
  'functionCall',
  'functionResponse',
  'thought',
  'thoughtSignature',
]);
const generationConfigKeys = new Set([
  'temperature',
  'topP',
  'topK',
  'candidateCount',
  'maxOutputTokens',
  'stopSequences',
  'responseMimeType',
  'responseSchema',
  'responseJsonSchema',
  'seed',
  'responseModalities',
  'imageConfig',
  'thinkingConfig',
  'presencePenalty',
  'frequencyPenalty',
]);
const numericConfigKeys = ['temperature', 'topP', 'topK', 'candidateCount', 'maxOutputTokens', 'seed'];

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function unknownKey(value: Record<string, unknown>, allowed: Set<string>): string | undefined {
  return Object.keys(value).find((key) => !allowed.has(key));
}

function checkParts(parts: unknown, where: string): string | undefined {
  if (!Array.isArray(parts) || parts.length === 0) return `${where}.parts must be a non-empty array`;
  for (const [index, part] of parts.entries()) {
    if (!isObject(part)) return `${where}.parts[${index}] must be an object`;
    const extra = unknownKey(part, partKeys);
    if (extra) return `Invalid JSON payload received. Unknown name "${extra}" at '${where}.parts[${index}]'`;
    if ('text' in part && typeof part.text !== 'string')
      return `${where}.parts[${index}].text must be a string`;
    if ('inlineData' in part) {
      const data = part.inlineData;
      if (!isObject(data) || typeof data.mimeType !== 'string' || typeof data.data !== 'string') {
        return `${where}.parts[${index}].inlineData needs mimeType and base64 data`;
      }
    }
    const kinds = ['text', 'inlineData', 'fileData', 'functionCall', 'functionResponse'].filter(
      (key) => key in part,
    );
    if (kinds.length !== 1) return `${where}.parts[${index}] must hold exactly one kind of data`;
  }
  return undefined;
}

/** Validates a generateContent / streamGenerateContent body for `model` (its kind decides the modalities). */
export function checkGenerateContentBody(body: unknown, kind: 'chat' | 'image'): string | undefined {
  if (!isObject(body)) return 'request body must be a JSON object';
  const extra = unknownKey(body, topLevelKeys);
  if (extra) return `Invalid JSON payload received. Unknown name "${extra}": Cannot find field.`;
  const { contents, generationConfig, systemInstruction } = body;
  if (!Array.isArray(contents) || contents.length === 0)
    return '* GenerateContentRequest.contents: contents is not specified';
  for (const [index, content] of contents.entries()) {
    if (!isObject(content)) return `contents[${index}] must be an object`;
    if (content.role !== undefined && content.role !== 'user' && content.role !== 'model') {
      return `contents[${index}].role must be "user" or "model"`;
    }
    const problem = checkParts(content.parts, `contents[${index}]`);
    if (problem) return problem;
  }
  if (systemInstruction !== undefined) {
    if (!isObject(systemInstruction)) return 'systemInstruction must be a Content object';
    const problem = checkParts(systemInstruction.parts, 'systemInstruction');
    if (problem) return problem;
  }
  if (generationConfig === undefined) {
    return kind === 'image' ? 'image models need generationConfig.responseModalities with IMAGE' : undefined;
  }
  if (!isObject(generationConfig)) return 'generationConfig must be an object';
  const extraConfig = unknownKey(generationConfig, generationConfigKeys);
  if (extraConfig)
    return `Invalid JSON payload received. Unknown name "${extraConfig}" at 'generation_config'`;
  for (const key of numericConfigKeys) {
    if (key in generationConfig && typeof generationConfig[key] !== 'number')
      return `generationConfig.${key} must be a number`;
  }
  return checkModalities(generationConfig, kind);
}

function checkModalities(config: Record<string, unknown>, kind: 'chat' | 'image'): string | undefined {
  const modalities = config.responseModalities ?? ['TEXT'];
  if (
    !Array.isArray(modalities) ||
    !modalities.every((m) => m === 'TEXT' || m === 'IMAGE' || m === 'AUDIO')
  ) {
    return 'generationConfig.responseModalities must list TEXT, IMAGE or AUDIO';
  }
  const wantsImage = modalities.includes('IMAGE');
  if (kind === 'chat' && (wantsImage || config.imageConfig !== undefined)) {
    return 'Model does not support the requested response modalities: image';
  }
  if (kind === 'image') {
    if (!wantsImage) return 'image models need generationConfig.responseModalities with IMAGE';
    if ((config.candidateCount ?? 1) !== 1) return 'Multiple candidates is not enabled for this model';
    const imageConfig = config.imageConfig;
    if (imageConfig !== undefined) {
      if (!isObject(imageConfig) || unknownKey(imageConfig, new Set(['aspectRatio', 'imageSize']))) {
        return 'generationConfig.imageConfig has unknown fields';
      }
      if (
        imageConfig.aspectRatio !== undefined &&
        !geminiImageAspectRatios.includes(String(imageConfig.aspectRatio))
      ) {
        return `Unsupported aspect ratio: ${String(imageConfig.aspectRatio)}`;
      }
    }
  }
  return undefined;
}

/** Validates a `:predictLongRunning` body for Veo (Developer API shape, not Vertex). */
export function checkPredictLongRunningBody(body: unknown): string | undefined {
  if (!isObject(body)) return 'request body must be a JSON object';
  const extra = unknownKey(body, new Set(['instances', 'parameters']));
  if (extra) return `Invalid JSON payload received. Unknown name "${extra}"`;
  const { instances, parameters } = body;
  if (!Array.isArray(instances) || instances.length !== 1 || !isObject(instances[0])) {
    return 'instances must hold exactly one instance';
  }
  const instance = instances[0];
  const extraInstance = unknownKey(
    instance,
    new Set(['prompt', 'image', 'lastFrame', 'video', 'referenceImages']),
  );
  if (extraInstance) return `Unknown name "${extraInstance}" at 'instances[0]'`;
  if (typeof instance.prompt !== 'string' || instance.prompt.length === 0)
    return 'instances[0].prompt is required';
  if (instance.image !== undefined) {
    const image = instance.image;
    if (
      !isObject(image) ||
      typeof image.bytesBase64Encoded !== 'string' ||
      typeof image.mimeType !== 'string'
    ) {
      return 'instances[0].image needs bytesBase64Encoded and mimeType';
    }
  }
  if (parameters === undefined) return undefined;
  if (!isObject(parameters)) return 'parameters must be an object';
  const allowed = new Set([
    'aspectRatio',
    'durationSeconds',
    'negativePrompt',
    'sampleCount',
    'resolution',
    'personGeneration',
    'enhancePrompt',
  ]);
  const extraParameter = unknownKey(parameters, allowed);
  if (extraParameter) return `Unknown name "${extraParameter}" at 'parameters'`;
  if (
    parameters.aspectRatio !== undefined &&
    parameters.aspectRatio !== '16:9' &&
    parameters.aspectRatio !== '9:16'
  ) {
    return `aspectRatio must be 16:9 or 9:16, got ${String(parameters.aspectRatio)}`;
  }
  const duration = parameters.durationSeconds;
  if (
    duration !== undefined &&
    (!Number.isInteger(duration) || (duration as number) < 4 || (duration as number) > 8)
  ) {
    return 'durationSeconds must be an integer between 4 and 8';
  }
  if (parameters.sampleCount !== undefined && parameters.sampleCount !== 1) return 'sampleCount must be 1';
  if (parameters.negativePrompt !== undefined && typeof parameters.negativePrompt !== 'string') {
    return 'negativePrompt must be a string';
  }
  return undefined;
}
