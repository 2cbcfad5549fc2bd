import { expect } from 'vitest';
import type { Config } from '../../src/config/config.js';
import { envSchema } from '../../src/config/env-schema.js';
import { parseConfig } from '../../src/config/load-config.js';

/** Every planted secret contains it; it must never come out of a redaction. */
export const marker = 'PLANTED';

// Read off the schema by name, not from the code under test: a new secret variable is covered at once.
const variables = Object.keys(envSchema.shape);
export const secretVariables = variables.filter((name) =>
  /SECRET|TOKEN|PASSWORD|PRIVATE_KEY$|API_KEY$/.test(name),
);
export const urlVariables = variables.filter(
  (name) => !secretVariables.includes(name) && /_URL$|_URL_|_URI$|_HOST$/.test(name),
);

/** The host planted in a URL variable: it must survive redaction, the credentials must not. */
export function plantedHost(name: string): string {
  return `${name.toLowerCase().replaceAll('_', '-')}.example`;
}

function planted(name: string): string {
  if (!urlVariables.includes(name)) return `${marker}-${name}-0123456789abcdef0123456789abcdef`;
  const scheme = name === 'DATABASE_URL' ? 'postgres' : name.endsWith('S3_URI') ? 's3' : 'https';
  return (
    `${scheme}://user:${marker}-pw@${plantedHost(name)}:1234/path` +
    `?password=${marker}-query&api_key=${marker}-key&region=eu-west-1`
  );
}

// What else a variable needs before its value reaches the config (cross-variable rules).
const base = { STORAGE_BACKEND: 's3', S3_BUCKET: 'ads', GCS_BUCKET: 'ads-gcs' };
const companions: Record<string, Record<string, string>> = {
  AWS_SECRET_ACCESS_KEY: { AWS_ACCESS_KEY_ID: 'AKIAEXAMPLE' },
  AWS_SESSION_TOKEN: { AWS_ACCESS_KEY_ID: 'AKIAEXAMPLE', AWS_SECRET_ACCESS_KEY: 'companion-secret' },
  CLOUDFRONT_PRIVATE_KEY: {
    CLOUDFRONT_DOMAIN: 'd111.cloudfront.net',
    CLOUDFRONT_KEY_PAIR_ID: 'K2JCJMDEHXQW5F',
  },
};

export interface PlantedCase {
  variable: string;
  env: Record<string, string>;
  config: Config;
}

/** One parsed config per secret or URL variable of the schema, that variable set to a planted value. */
export function plantedCases(): PlantedCase[] {
  return [...secretVariables, ...urlVariables].map((variable) => {
    const env = { ...base, ...companions[variable], [variable]: planted(variable) };
    const parsed = parseConfig(env, '/srv');
    if (!parsed.ok) throw new Error(`${variable}: ${JSON.stringify(parsed.problems)}`);
    // Otherwise the case proves nothing: add a companion above.
    expect(JSON.stringify(parsed.config), `${variable} reaches the config`).toContain(marker);
    return { variable, env, config: parsed.config };
  });
}
