import { describe, expect, it } from 'vitest';
import { AppError } from '../../src/errors/app-error.js';
import { aspectRatios } from '../../src/providers/image-model.js';
import {
  buildQwenImageRequest,
  parseQwenImageResponse,
  qwenImageSizes,
} from '../../src/providers/sagemaker/qwen-image-request.js';
import {
  buildWanVideoInput,
  readWanFailure,
  readWanOutput,
  wanFrameCount,
} from '../../src/providers/sagemaker/wan-video-request.js';
import { fakeMp4 } from '../fakes/bedrock-fake-async.js';
import { encodePng } from '../fakes/png.js';

const png = (width: number, height: number) => encodePng(width, height);
const json = (value: unknown) => new TextEncoder().encode(JSON.stringify(value));

function thrown(run: () => unknown): AppError {
  try {
    run();
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected a throw');
}

describe('Qwen-Image request', () => {
  it('uses multiples of 16 within 3% of each ratio', () => {
    for (const ratio of aspectRatios) {
      const { width, height } = qwenImageSizes[ratio];
      expect([width % 16, height % 16], ratio).toEqual([0, 0]);
      const [w = 1, h = 1] = ratio.split(':').map(Number);
      expect(Math.abs(width / height - w / h) / (w / h), ratio).toBeLessThan(0.03);
    }
  });

  it('builds the container JSON', () => {
    expect(
      buildQwenImageRequest({ prompt: 'P', negativePrompt: 'N', aspectRatio: '9:16', count: 4, seed: -5 }),
    ).toEqual({
      prompt: 'P',
      negative_prompt: 'N',
      width: 928,
      height: 1664,
      num_images: 4,
      seed: 5,
    });
    expect(thrown(() => buildQwenImageRequest({ prompt: 'P', aspectRatio: '1:1', count: 5 })).code).toBe(
      'INVALID_INPUT',
    );
  });

  it('accepts raw image bytes for one image, and either JSON list', () => {
    expect(parseQwenImageResponse(png(32, 16), 'image/png', 1)[0]).toMatchObject({ width: 32, height: 16 });
    const b64 = png(8, 8).toString('base64');
    expect(parseQwenImageResponse(json({ images: [b64, b64] }), 'application/json', 2)).toHaveLength(2);
    expect(
      parseQwenImageResponse(json({ generated_images: [b64] }), 'application/json; charset=utf-8', 1),
    ).toHaveLength(1);
  });

  it('turns every other answer into a PROVIDER_ERROR', () => {
    const b64 = png(8, 8).toString('base64');
    const bad: [Uint8Array, string | undefined, number][] = [
      [png(8, 8), 'image/png', 2],
      [new TextEncoder().encode('not an image'), 'image/png', 1],
      [json({ images: [b64] }), 'text/plain', 1],
      [json({ images: [b64] }), undefined, 1],
      [json({ output: [b64] }), 'application/json', 1],
      [json({ images: [b64] }), 'application/json', 2],
      [new TextEncoder().encode('{"images": '), 'application/json', 1],
    ];
    for (const [body, type, count] of bad) {
      expect(thrown(() => parseQwenImageResponse(body, type, count)).code).toBe('PROVIDER_ERROR');
    }
  });
});

describe('Wan2.2 input and output', () => {
  it('counts 4n+1 frames at 16 fps, within 1–10 s', () => {
    expect([1, 5, 6, 10].map(wanFrameCount)).toEqual([17, 81, 97, 161]);
    expect(thrown(() => wanFrameCount(11)).code).toBe('INVALID_INPUT');
    expect(thrown(() => wanFrameCount(0)).code).toBe('INVALID_INPUT');
  });

  it('builds the input JSON, and refuses ratios Wan2.2 does not render', () => {
    expect(buildWanVideoInput({ prompt: 'P', durationSeconds: 5, aspectRatio: '16:9', seed: 1 })).toEqual({
      prompt: 'P',
      width: 1280,
      height: 720,
      num_frames: 81,
      fps: 16,
      seed: 1,
    });
    expect(
      thrown(() => buildWanVideoInput({ prompt: 'P', durationSeconds: 5, aspectRatio: '1:1' })).code,
    ).toBe('INVALID_INPUT');
  });

  it('reads raw MP4 or JSON {video}, and nothing else', () => {
    const mp4 = fakeMp4('x');
    expect(readWanOutput(mp4)).toEqual(mp4);
    expect(readWanOutput(json({ video: Buffer.from(mp4).toString('base64') }))).toEqual(mp4);
    expect(
      readWanOutput(json({ video: Buffer.from('not mp4 at all, no').toString('base64') })),
    ).toBeUndefined();
    expect(readWanOutput(json({ url: 'x' }))).toBeUndefined();
    expect(readWanOutput(new TextEncoder().encode('garbage'))).toBeUndefined();
  });

  it('reads a failure object as text, or its message field', () => {
    expect(readWanFailure(new TextEncoder().encode('  OOM  '))).toBe('OOM');
    expect(readWanFailure(json({ message: 'bad prompt' }))).toBe('bad prompt');
    expect(readWanFailure(new Uint8Array())).toBe('the inference failed');
  });
});
