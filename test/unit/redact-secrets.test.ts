import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/load-config.js';
import { redactSecrets } from '../../src/config/redact.js';
import { marker, plantedCases } from '../support/planted-secrets.js';

describe('redactSecrets (messages that may quote a secret)', () => {
  it.each(plantedCases())('hides $variable wherever a message quotes it', ({ env, variable }) => {
    const parsed = parseConfig(env, '/srv');
    if (!parsed.ok) throw new Error(variable);
    const quoted = Object.values(env).join(' | ');
    const message = `request to ${quoted} failed: 401 (token ${decodeURIComponent(quoted)})`;
    const redacted = redactSecrets(message, parsed.config);
    expect(redacted).not.toContain(marker);
    expect(redacted).toMatch(/^request to .* failed: 401/);
  });

  it('leaves a message without secrets as it is, and ignores values too short to be secrets', () => {
    const parsed = parseConfig(
      { OPENAI_API_KEY: 'sk-live-1234', DATABASE_URL: 'postgres://ads:pw@db:5432/ads' },
      '/srv',
    );
    if (!parsed.ok) throw new Error('config');
    expect(redactSecrets('the pw column of db ads', parsed.config)).toBe('the pw column of db ads');
    expect(redactSecrets('bad key sk-live-1234.', parsed.config)).toBe('bad key ***.');
  });
});
