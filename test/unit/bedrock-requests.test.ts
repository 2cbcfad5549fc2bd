import { describe, expect, it } from 'vitest';
import { AppError } from '../../src/errors/app-error.js';
import {
  buildNovaCanvasRequest,
  novaCanvasSizes,
  parseNovaCanvasResponse,
} from '../../src/providers/bedrock/nova-canvas-request.js';
import {
  buildNovaReelInput,
  novaReelDuration,
  readNovaReelJob,
} from '../../src/providers/bedrock/nova-reel-request.js';
import {
  buildStabilityRequest,
  parseStabilityResponse,
  stabilityAspectRatioFor,
} from '../../src/providers/bedrock/stability-request.js';
import { aspectRatios } from '../../src/providers/image-model.js';
import { encodePng } from '../fakes/png.js';

const png = (width: number, height: number) => encodePng(width, height).toString('base64');
const body = (value: unknown) => new TextEncoder().encode(JSON.stringify(value));

function thrown(run: () => unknown): AppError {
  try {
    run();
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected a throw');
}

describe('Nova Canvas request', () => {
  it('uses sizes that Nova Canvas accepts and that keep the asked ratio', () => {
    for (const ratio of aspectRatios) {
      const { width, height } = novaCanvasSizes[ratio];
      expect(width % 16, ratio).toBe(0);
      expect(height % 16, ratio).toBe(0);
      expect(Math.min(width, height)).toBeGreaterThanOrEqual(320);
      expect(width * height).toBeLessThanOrEqual(4_194_304);
      const [w = 1, h = 1] = ratio.split(':').map(Number);
      expect(Math.abs(width / height - w / h) / (w / h), ratio).toBeLessThan(0.01);
    }
  });

  it('builds a TEXT_IMAGE body with the count, size, seed and negative text', () => {
    expect(
      buildNovaCanvasRequest({
        prompt: 'Shoes',
        negativePrompt: 'text',
        aspectRatio: '16:9',
        count: 3,
        seed: 858_993_460,
      }),
    ).toEqual({
      taskType: 'TEXT_IMAGE',
      textToImageParams: { text: 'Shoes', negativeText: 'text' },
      imageGenerationConfig: { numberOfImages: 3, width: 1280, height: 720, cfgScale: 6.5, seed: 0 },
    });
  });

  it('leaves out an empty negative text and an absent seed', () => {
    const request = buildNovaCanvasRequest({
      prompt: 'Shoes',
      negativePrompt: '',
      aspectRatio: '1:1',
      count: 1,
    });
    expect(request.textToImageParams).toEqual({ text: 'Shoes' });
    expect(request.imageGenerationConfig).not.toHaveProperty('seed');
  });

  it('refuses what the model would refuse, as INVALID_INPUT', () => {
    expect(thrown(() => buildNovaCanvasRequest({ prompt: '', aspectRatio: '1:1', count: 1 })).code).toBe(
      'INVALID_INPUT',
    );
    expect(
      thrown(() => buildNovaCanvasRequest({ prompt: 'x'.repeat(1025), aspectRatio: '1:1', count: 1 })).code,
    ).toBe('INVALID_INPUT');
    expect(thrown(() => buildNovaCanvasRequest({ prompt: 'x', aspectRatio: '1:1', count: 6 })).code).toBe(
      'INVALID_INPUT',
    );
    expect(thrown(() => buildNovaCanvasRequest({ prompt: 'x', aspectRatio: '1:1', count: 0 })).code).toBe(
      'INVALID_INPUT',
    );
  });

  it('reads decodable images, exactly as many as asked', () => {
    const images = parseNovaCanvasResponse(body({ images: [png(64, 32), png(64, 32)] }), 2);
    expect(images.map((image) => [image.mimeType, image.width, image.height])).toEqual([
      ['image/png', 64, 32],
      ['image/png', 64, 32],
    ]);
  });

  it('turns every bad answer into a PROVIDER_ERROR', () => {
    const bad = [
      new TextEncoder().encode('{"images": ['),
      body({ nothing: true }),
      body({ images: [png(8, 8)] }),
      body({ images: ['not base64!'] }),
      body({ images: [Buffer.from('plain text, not an image').toString('base64')] }),
      body({ images: [], error: 'content filtered' }),
    ];
    for (const answer of bad) {
      expect(thrown(() => parseNovaCanvasResponse(answer, 2)).code).toBe('PROVIDER_ERROR');
    }
  });
});

describe('Stability request', () => {
  it('maps each ratio to the enum, 1.91:1 to the nearest (16:9)', () => {
    expect(stabilityAspectRatioFor['1.91:1']).toBe('16:9');
    expect(
      buildStabilityRequest({ prompt: 'A', negativePrompt: 'B', aspectRatio: '4:5', count: 2, seed: 10 }, 1),
    ).toEqual({
      prompt: 'A',
      negative_prompt: 'B',
      aspect_ratio: '4:5',
      seed: 12,
      output_format: 'png',
    });
  });

  it('never sends seed 0 (random) for a given seed, and stays in range', () => {
    expect(
      buildStabilityRequest({ prompt: 'A', aspectRatio: '1:1', count: 1, seed: 4_294_967_294 }, 0).seed,
    ).toBe(1);
    expect(buildStabilityRequest({ prompt: 'A', aspectRatio: '1:1', count: 1 }, 0)).not.toHaveProperty(
      'seed',
    );
  });

  it('reads one image, and a finish reason as a PROVIDER_ERROR', () => {
    expect(
      parseStabilityResponse(body({ seeds: [1], finish_reasons: [null], images: [png(16, 9)] })).width,
    ).toBe(16);
    const filtered = thrown(() =>
      parseStabilityResponse(body({ finish_reasons: ['Filter reason: prompt'] })),
    );
    expect(filtered.code).toBe('PROVIDER_ERROR');
    expect(filtered.message).toContain('Filter reason: prompt');
    expect(thrown(() => parseStabilityResponse(body({ images: [png(8, 8), png(8, 8)] }))).code).toBe(
      'PROVIDER_ERROR',
    );
  });
});

describe('Nova Reel request', () => {
  it('rounds durations to whole 6 s shots and refuses more than 120 s', () => {
    expect([1, 6, 8, 9, 13, 120].map(novaReelDuration)).toEqual([6, 6, 6, 12, 12, 120]);
    expect(thrown(() => novaReelDuration(124)).code).toBe('INVALID_INPUT');
    expect(thrown(() => novaReelDuration(0)).code).toBe('INVALID_INPUT');
  });

  it('builds TEXT_VIDEO with a first frame for 6 s, MULTI_SHOT_AUTOMATED beyond', () => {
    const frame = { bytes: new Uint8Array(encodePng(1280, 720)), mimeType: 'image/png' };
    expect(
      buildNovaReelInput({
        prompt: 'P',
        durationSeconds: 6,
        aspectRatio: '16:9',
        seed: 2_147_483_647,
        image: frame,
      }),
    ).toEqual({
      taskType: 'TEXT_VIDEO',
      textToVideoParams: {
        text: 'P',
        images: [{ format: 'png', source: { bytes: Buffer.from(frame.bytes).toString('base64') } }],
      },
      videoGenerationConfig: { durationSeconds: 6, fps: 24, dimension: '1280x720', seed: 0 },
    });
    expect(buildNovaReelInput({ prompt: 'P', durationSeconds: 30, aspectRatio: '16:9' })).toEqual({
      taskType: 'MULTI_SHOT_AUTOMATED',
      multiShotAutomatedParams: { text: 'P' },
      videoGenerationConfig: { durationSeconds: 30, fps: 24, dimension: '1280x720' },
    });
  });

  it('refuses other ratios, wrong first frames and long single-shot prompts', () => {
    expect(
      thrown(() => buildNovaReelInput({ prompt: 'P', durationSeconds: 6, aspectRatio: '9:16' })).code,
    ).toBe('INVALID_INPUT');
    const small = { bytes: new Uint8Array(encodePng(64, 36)), mimeType: 'image/png' };
    expect(
      thrown(() => buildNovaReelInput({ prompt: 'P', durationSeconds: 6, aspectRatio: '16:9', image: small }))
        .code,
    ).toBe('INVALID_INPUT');
    expect(
      thrown(() => buildNovaReelInput({ prompt: 'x'.repeat(513), durationSeconds: 6, aspectRatio: '16:9' }))
        .code,
    ).toBe('INVALID_INPUT');
  });

  it('reads GetAsyncInvoke answers into running, failed or the output.mp4 inside the job folder', () => {
    expect(readNovaReelJob({ status: 'InProgress' })).toEqual({ kind: 'running' });
    expect(readNovaReelJob({ status: 'Failed', failureMessage: 'blocked' })).toEqual({
      kind: 'failed',
      message: 'blocked',
    });
    expect(
      readNovaReelJob({
        status: 'Completed',
        outputDataConfig: { s3OutputDataConfig: { s3Uri: 's3://b/p/abc/' } },
      }),
    ).toEqual({ kind: 'completed', videoUri: 's3://b/p/abc/output.mp4' });
    expect(readNovaReelJob({ status: 'Completed' })).toBeUndefined();
    expect(readNovaReelJob({ status: 'Sideways' })).toBeUndefined();
  });
});
