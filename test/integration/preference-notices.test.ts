import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { plainCaller } from '../../src/core/caller.js';
import { getModelPreferences, setModelPreferences } from '../../src/db/repositories/model-preferences.js';
import { getModelPreferencesTool } from '../../src/tools/model-preferences-tools.js';
import { type CoreHarness, createCoreHarness } from '../support/core-harness.js';

let h: CoreHarness;

beforeAll(async () => {
  // The real Gemini rows (2.5 Flash Image retired 2026-10-02 → 3.1 Flash Image), served by the test adapters.
  h = await createCoreHarness({ alsoServe: ['gemini'] });
});

afterAll(async () => {
  await h.close();
});

describe('reading preferences moves one on a retired model (GET /api/v1/me/model-preferences, get_model_preferences)', () => {
  it('answers the successor with a notice, stores it, and says nothing the second time', async () => {
    // Stored while the model was still served.
    await setModelPreferences(
      h.test.db,
      h.userId,
      { chatModel: 'test-chat', imageModel: 'gemini-2.5-flash-image' },
      h.clock.now(),
    );
    const caller = plainCaller(h.userId);

    const first = await h.core.getPreferences(caller);
    expect(first).toEqual({
      chatModel: 'test-chat',
      imageModel: 'gemini-3.1-flash-image',
      videoModel: null,
      notices: [
        {
          kind: 'image',
          from: 'gemini-2.5-flash-image',
          to: 'gemini-3.1-flash-image',
          message: expect.stringMatching(
            /gemini-2\.5-flash-image was retired on 2026-10-02; your preference now names its successor gemini-3\.1-flash-image/,
          ),
        },
      ],
    });
    // The MCP tool's output schema accepts the answer (REST sends the same object).
    expect(getModelPreferencesTool.output.safeParse(first).success).toBe(true);
    expect((await getModelPreferences(h.test.db, h.userId)).imageModel).toBe('gemini-3.1-flash-image');

    const second = await h.core.getPreferences(caller);
    expect(second).toEqual({
      chatModel: 'test-chat',
      imageModel: 'gemini-3.1-flash-image',
      videoModel: null,
    });
  });

  it('leaves active preferences and another user alone', async () => {
    await setModelPreferences(h.test.db, h.otherUserId, { videoModel: 'test-video' }, h.clock.now());
    expect(await h.core.getPreferences(plainCaller(h.otherUserId))).toEqual({
      chatModel: null,
      imageModel: null,
      videoModel: 'test-video',
    });
  });
});
