import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BedrockFake, bedrockEnv, startBedrockFake } from '../fakes/bedrock-fake.js';
import { GeminiFake } from '../fakes/gemini-fake.js';
import { baseEnv, runCli, tempHome } from './support/cli-process.js';

interface ListedRow {
  id: string;
  lifecycle: { status: string; endOfLife?: string; successor?: string };
}

describe('adengine models (built CLI, one home shared by every run)', () => {
  let env: Record<string, string>;
  let gemini: GeminiFake;
  let bedrock: BedrockFake;

  beforeAll(async () => {
    [gemini, bedrock] = await Promise.all([GeminiFake.start(), startBedrockFake()]);
    env = baseEnv({
      ADENGINE_HOME: await tempHome(),
      GEMINI_API_KEY: gemini.apiKey,
      GEMINI_BASE_URL: gemini.baseUrl,
      ...bedrockEnv(bedrock),
    });
  });

  afterAll(async () => {
    await Promise.all([gemini?.close(), bedrock?.close()]);
  });

  it('lists lifecycle with every row, as it stands today', async () => {
    const listed = await runCli(['--json', 'models', 'list', '--kind', 'chat'], env);
    expect(listed.code, listed.stderr).toBe(0);
    const rows = JSON.parse(listed.stdout) as ListedRow[];
    expect(rows.find((row) => row.id === 'gemini-2.5-flash')?.lifecycle).toEqual({
      status: 'retired',
      endOfLife: '2026-06-17',
      successor: 'gemini-3.5-flash',
    });
    expect(rows.find((row) => row.id === 'claude-sonnet-4.6')?.lifecycle).toEqual({ status: 'active' });
    const human = await runCli(['models', 'list', '--kind', 'video'], env);
    expect(human.stdout).toMatch(/nova-reel .* retired 2026-09-30 → veo/);
  });

  it('syncs from both providers, stores what changed, and every later process sees it', async () => {
    const first = await runCli(['--json', 'models', 'sync'], env);
    expect(first.code, first.stderr).toBe(0);
    const firstResult = JSON.parse(first.stdout) as { providers: Array<{ provider: string; ok: boolean }> };
    expect(firstResult.providers).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ provider: 'bedrock', ok: true }),
        expect.objectContaining({ provider: 'gemini', ok: true }),
      ]),
    );

    gemini.shutDown('gemini-3.5-flash');
    const second = await runCli(['models', 'sync'], env);
    expect(second.code, second.stderr).toBe(0);
    expect(second.stdout).toContain('gemini-3.5-flash: active → retired');

    const listed = await runCli(['--json', 'models', 'list', '--kind', 'chat'], env);
    const rows = JSON.parse(listed.stdout) as ListedRow[];
    expect(rows.find((row) => row.id === 'gemini-3.5-flash')?.lifecycle.status).toBe('retired');
  });

  it('doctor warns about a deprecated model in use, naming its successor', async () => {
    const doctor = await runCli(['--json', 'doctor'], { ...env, DEFAULT_CHAT_MODEL: 'claude-sonnet-4.5' });
    expect(doctor.code, doctor.stderr).toBe(0);
    const report = JSON.parse(doctor.stdout) as {
      checks: Array<{ name: string; ok: boolean; warning?: boolean; detail: string }>;
    };
    expect(report.checks.find((check) => check.name === 'model claude-sonnet-4.5')).toMatchObject({
      ok: true,
      warning: true,
      detail: expect.stringMatching(
        /claude-sonnet-4\.5 is deprecated.*move to claude-sonnet-4\.6.*server settings/,
      ),
    });
  });
});
