import { describe, expect, it } from 'vitest';
import { findModel } from '../../src/providers/catalogue.js';
import { createModelRegistry } from '../../src/providers/model-registry.js';
import { configFrom } from '../fakes/scripted-config.js';
import { scriptedModules } from '../fakes/scripted-modules.js';

const now = new Date('2026-11-30T10:00:00Z');
const registryWith = (environment: Record<string, string>) =>
  createModelRegistry({
    config: configFrom(environment),
    now: () => now,
    modules: scriptedModules().modules,
  });

describe('Gemini Omni Flash in video routing', () => {
  it('is an active Gemini video row: 3–10 s, 16:9 and 9:16, takes a first frame', () => {
    const omni = findModel('gemini-omni-flash');
    expect(omni).toMatchObject({
      provider: 'gemini',
      kind: 'video',
      providerModelId: 'gemini-omni-1.2-flash',
    });
    expect(omni?.lifecycle.status).toBe('active');
    expect(omni?.capabilities).toMatchObject({ maxVideoSeconds: 10, imageInput: true });
  });

  // Routing compares the longest clip a row makes; Veo comes first in the catalogue and makes up to 8 s.
  it('serves, without a model, the clips longer than Veo makes (9, 10 s); Veo keeps up to 8 s', () => {
    const gemini = registryWith({ GEMINI_API_KEY: 'k' });
    const pick = (durationSeconds: number) =>
      gemini.resolve('video', undefined, { request: { durationSeconds, aspectRatio: '9:16' } }).entry.id;
    expect(pick(9)).toBe('gemini-omni-flash');
    expect(pick(10)).toBe('gemini-omni-flash');
    expect(pick(6)).toBe('veo');
    expect(pick(8)).toBe('veo');
  });

  it('is the default for every request it can do when DEFAULT_VIDEO_MODEL names it', () => {
    const gemini = registryWith({ GEMINI_API_KEY: 'k', DEFAULT_VIDEO_MODEL: 'gemini-omni-flash' });
    const request = { durationSeconds: 6, aspectRatio: '16:9' as const };
    expect(gemini.resolve('video', undefined, { request }).entry.id).toBe('gemini-omni-flash');
    // 11 s is beyond it: the default is passed over for nothing (no Gemini row makes 11 s), so refused.
    expect(() =>
      gemini.resolve('video', undefined, { request: { ...request, durationSeconds: 11 } }),
    ).toThrow(/durationSeconds/);
  });
});
