import { describe, expect, it } from 'vitest';
import { imagePromptLimitsFor, writeImagePrompt } from '../../src/agents/image-prompt-agent.js';
import { ScriptedStrandsModel, structuredTurn, textTurn } from '../fakes/scripted-strands-model.js';

describe('imagePromptLimitsFor', () => {
  it('knows the catalogue image models and defaults to 1000', () => {
    expect(imagePromptLimitsFor('nova-canvas')).toEqual({ maxPromptLength: 1024, negativePrompt: true });
    expect(imagePromptLimitsFor('stable-image-core').maxPromptLength).toBe(10_000);
    expect(imagePromptLimitsFor('gemini-2.5-flash-image')).toEqual({
      maxPromptLength: 4000,
      negativePrompt: false,
    });
    expect(imagePromptLimitsFor('qwen-image').maxPromptLength).toBe(1000);
    expect(imagePromptLimitsFor('some-new-model').maxPromptLength).toBe(1000);
  });
});

describe('writeImagePrompt', () => {
  it('returns the prompt, the negative prompt and usage, with the framing and limit in the system prompt', async () => {
    const model = new ScriptedStrandsModel([
      structuredTurn(
        {
          prompt: 'A steaming cup of coffee on a sunlit oak table, soft morning light',
          negativePrompt: 'text, logos',
        },
        { inputTokens: 300, outputTokens: 40 },
      ),
    ]);
    const result = await writeImagePrompt({
      model,
      brief: 'Coffee at dawn',
      aspectRatio: '9:16',
      imageModelId: 'nova-canvas',
    });
    expect(result).toEqual({
      prompt: 'A steaming cup of coffee on a sunlit oak table, soft morning light',
      negativePrompt: 'text, logos',
      usage: { inputTokens: 300, outputTokens: 40 },
    });
    const call = model.calls[0];
    expect(call?.systemPrompt).toContain('at most 1024 characters');
    expect(call?.systemPrompt).toContain('tall 9:16 frame');
    expect(call?.lastUserText).toContain('<brief>\nCoffee at dawn\n</brief>');
  });

  it("trims an overlong prompt at a word boundary to the model's limit and warns", async () => {
    const long = `${'golden light over a quiet harbour '.repeat(40)}end`;
    const model = new ScriptedStrandsModel([structuredTurn({ prompt: long })]);
    const warnings: string[] = [];
    const result = await writeImagePrompt({
      model,
      brief: 'Harbour',
      aspectRatio: '16:9',
      imageModelId: 'nova-canvas',
      onWarning: (message) => warnings.push(message),
    });
    expect(result.prompt.length).toBeLessThanOrEqual(1024);
    expect(long.startsWith(result.prompt)).toBe(true);
    expect(result.prompt).toMatch(/ (golden|light|over|a|quiet|harbour)$/);
    expect(warnings).toEqual(['image prompt trimmed to 1024 characters for nova-canvas']);
  });

  it('drops the negative prompt for models without one', async () => {
    const model = new ScriptedStrandsModel([structuredTurn({ prompt: 'A cup', negativePrompt: 'text' })]);
    const result = await writeImagePrompt({
      model,
      brief: 'Cup',
      aspectRatio: '1:1',
      imageModelId: 'gemini-2.5-flash-image',
    });
    expect(result).toEqual({ prompt: 'A cup', usage: { inputTokens: 0, outputTokens: 0 } });
    expect(model.calls[0]?.systemPrompt).toContain('takes no negative prompt');
  });

  it('fails with PROVIDER_ERROR when the model answers garbage, and INVALID_INPUT on an empty brief', async () => {
    const model = new ScriptedStrandsModel([textTurn('???'), textTurn('!!!')]);
    await expect(
      writeImagePrompt({ model, brief: 'Cup', aspectRatio: '1:1', imageModelId: 'qwen-image' }),
    ).rejects.toMatchObject({
      code: 'PROVIDER_ERROR',
      message: expect.stringContaining('write an image prompt'),
    });
    await expect(
      writeImagePrompt({ model, brief: '  ', aspectRatio: '1:1', imageModelId: 'qwen-image' }),
    ).rejects.toMatchObject({ code: 'INVALID_INPUT', details: { field: 'brief' } });
  });
});
