import { GenerateVideosOperation } from '@google/genai';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../src/errors/app-error.js';
import {
  buildVeoRequest,
  mayCarryApiKey,
  parseVeoOperation,
  veoAspectRatio,
  veoDurationSeconds,
} from '../../src/providers/gemini/veo-request.js';

function operation(fields: Partial<GenerateVideosOperation>): GenerateVideosOperation {
  return Object.assign(new GenerateVideosOperation(), { name: 'models/veo/operations/1', ...fields });
}

describe('veoAspectRatio', () => {
  it('keeps 16:9 and 9:16, maps 1.91:1 and 4:5 to the nearest, refuses 1:1', () => {
    expect(['16:9', '1.91:1', '9:16', '4:5'].map((ratio) => veoAspectRatio(ratio as never))).toEqual([
      '16:9',
      '16:9',
      '9:16',
      '9:16',
    ]);
    expect(() => veoAspectRatio('1:1')).toThrow(AppError);
  });
});

describe('veoDurationSeconds', () => {
  it('rounds up to a length the model renders, capped at 8', () => {
    expect([3, 4, 5, 6, 7, 8, 12].map((s) => veoDurationSeconds('veo-3.1-generate-001', s))).toEqual([
      4, 4, 6, 6, 8, 8, 8,
    ]);
    expect([3, 5, 7.2, 9].map((s) => veoDurationSeconds('veo-2.0-generate-001', s))).toEqual([5, 5, 7, 8]);
  });
});

describe('buildVeoRequest', () => {
  it('uses `source` with the prompt and base64 first frame, one video, whole seconds and no seed', () => {
    const request = buildVeoRequest('veo-3.1-generate-001', {
      prompt: 'Surf',
      durationSeconds: 5.6,
      aspectRatio: '16:9',
      image: { bytes: new Uint8Array([255, 0]), mimeType: 'image/jpeg' },
      seed: 3,
    });
    expect(request).toEqual({
      model: 'veo-3.1-generate-001',
      source: { prompt: 'Surf', image: { imageBytes: '/wA=', mimeType: 'image/jpeg' } },
      config: { aspectRatio: '16:9', durationSeconds: 6, numberOfVideos: 1 },
    });
  });
});

describe('parseVeoOperation', () => {
  it('is running until done', () => {
    expect(parseVeoOperation(operation({}))).toEqual({ state: 'running' });
  });

  it('reports the operation error', () => {
    expect(parseVeoOperation(operation({ done: true, error: { code: 13, message: 'boom' } }))).toEqual({
      state: 'failed',
      message: 'boom',
    });
  });

  it('reports safety filtering with its reasons', () => {
    const outcome = parseVeoOperation(
      operation({ done: true, response: { raiMediaFilteredCount: 1, raiMediaFilteredReasons: ['nope'] } }),
    );
    expect(outcome).toEqual({ state: 'failed', message: 'filtered by safety rules: nope' });
  });

  it('gives the video URI, or inline bytes', () => {
    expect(
      parseVeoOperation(
        operation({ done: true, response: { generatedVideos: [{ video: { uri: 'https://x/v' } }] } }),
      ),
    ).toEqual({
      state: 'ready',
      uri: 'https://x/v',
      bytes: undefined,
      mimeType: 'video/mp4',
    });
    const inline = parseVeoOperation(
      operation({
        done: true,
        response: { generatedVideos: [{ video: { videoBytes: 'AAEC', mimeType: 'video/webm' } }] },
      }),
    );
    expect(inline).toEqual({
      state: 'ready',
      uri: undefined,
      bytes: new Uint8Array([0, 1, 2]),
      mimeType: 'video/webm',
    });
  });
});

describe('mayCarryApiKey', () => {
  it('allows TLS anywhere and cleartext only to this machine', () => {
    expect(
      mayCarryApiKey('https://generativelanguage.googleapis.com/v1beta/files/a:download?alt=media'),
    ).toBe(true);
    expect(mayCarryApiKey('http://127.0.0.1:9000/v1beta/files/a:download')).toBe(true);
    expect(mayCarryApiKey('http://example.com/v1beta/files/a:download')).toBe(false);
    expect(mayCarryApiKey('file:///etc/passwd')).toBe(false);
    expect(mayCarryApiKey('not a url')).toBe(false);
  });
});
