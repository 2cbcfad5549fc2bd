import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/load-config.js';
import { redactConfig } from '../../src/config/redact.js';
import { marker, plantedCases, plantedHost, urlVariables } from '../support/planted-secrets.js';

function configOf(env: Record<string, string>) {
  const parsed = parseConfig(env, '/srv');
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
  return parsed.config;
}

describe('redactConfig (doctor --json)', () => {
  it.each(plantedCases())('hides $variable and keeps the rest readable', ({ variable, config }) => {
    const printed = JSON.stringify(redactConfig(config));
    expect(printed).not.toContain(marker);
    expect(printed).toContain('"bucket":"ads"');
    if (urlVariables.includes(variable)) expect(printed).toContain(plantedHost(variable));
  });

  it('hides a database password in the userinfo and in the query string, keeping user, host and options', () => {
    const config = configOf({
      DATABASE_URL: `postgres://ads:${marker}@db.internal:5432/ads?sslmode=require&password=${marker}`,
    });
    expect(redactConfig(config)).toMatchObject({
      database: { url: 'postgres://ads:***@db.internal:5432/ads?sslmode=require&password=***' },
    });
  });

  it('hides credentials in every URL-valued setting, a lone user name (a token) included', () => {
    const config = configOf({
      OPENAI_BASE_URL: `https://${marker}@llm.internal/v1`,
      GEMINI_BASE_URL: `https://proxy.internal/gemini?key=${marker}`,
      AWS_ENDPOINT_URL_BEDROCK_RUNTIME: `https://user:${marker}@bedrock.internal`,
      AWS_ENDPOINT_URL_SAGEMAKER_RUNTIME: `https://sagemaker.internal/?X-Amz-Security-Token=${marker}`,
      ADENGINE_PUBLIC_URL: 'https://ads.example.com',
    });
    const redacted = redactConfig(config) as typeof config;
    expect(JSON.stringify(redacted)).not.toContain(marker);
    expect(redacted.openai.baseUrl).toBe('https://***@llm.internal/v1');
    expect(redacted.gemini.baseUrl).toBe('https://proxy.internal/gemini?key=***');
    expect(redacted.aws.endpoints.bedrockRuntime).toBe('https://user:***@bedrock.internal/');
    expect(redacted.aws.endpoints.sagemakerRuntime).toBe(
      'https://sagemaker.internal/?X-Amz-Security-Token=***',
    );
    // Nothing to hide: the value is shown exactly as given.
    expect(redacted.http.publicUrl).toBe('https://ads.example.com');
  });
});
