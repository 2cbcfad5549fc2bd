import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/load-config.js';

/**
 * Property 15: for generated environments, the parser accepts exactly the valid combinations,
 * every rejection names each offending variable with its fix, and no secret leaks.
 */
const secret = fc.stringMatching(/^[A-Za-z0-9+/]{24,40}$/).map((value) => `S3cr3t${value}`);
const maybe = <T>(arbitrary: fc.Arbitrary<T>) => fc.option(arbitrary, { nil: undefined });

const environment = fc.record({
  ADENGINE_PROFILE: maybe(fc.constantFrom('development', 'production', 'staging')),
  STORAGE_BACKEND: maybe(fc.constantFrom('local', 's3', 'gcs', 'ftp')),
  S3_BUCKET: maybe(fc.constant('ads-bucket')),
  GCS_BUCKET: maybe(fc.constant('ads-gcs')),
  CLOUDFRONT_DOMAIN: maybe(fc.constantFrom('d111.cloudfront.net', 'https://bad/x')),
  CLOUDFRONT_KEY_PAIR_ID: maybe(fc.constant('K2JCJMDEHXQW5F')),
  CLOUDFRONT_PRIVATE_KEY: maybe(secret),
  CLOUDFRONT_PRIVATE_KEY_FILE: maybe(fc.constant('/etc/adengine/cf.pem')),
  DATABASE_URL: maybe(fc.constantFrom('postgres://ads:pw@db:5432/ads', 'mysql://nope')),
  ADENGINE_AUTH: maybe(fc.constantFrom('api-key', 'none')),
  AWS_ACCESS_KEY_ID: maybe(fc.constant('AKIAEXAMPLE')),
  AWS_SECRET_ACCESS_KEY: maybe(secret),
  OPENAI_API_KEY: maybe(secret),
  GEMINI_API_KEY: maybe(secret),
  SAGEMAKER_WAN_VIDEO_ENDPOINT: maybe(fc.constant('wan22')),
  SAGEMAKER_ASYNC_S3_URI: maybe(fc.constantFrom('s3://bucket/async/', 'bucket/async')),
  PORT: maybe(fc.constantFrom('8787', '0', '70000', 'http')),
});

type Environment = Record<string, string | undefined>;

/** The rules, stated independently of the parser: the set of variables that must be named. */
function offendingVariables(env: Environment): Set<string> {
  const bad = new Set<string>();
  if (env.ADENGINE_PROFILE === 'staging') bad.add('ADENGINE_PROFILE');
  if (env.STORAGE_BACKEND === 'ftp') bad.add('STORAGE_BACKEND');
  if (env.CLOUDFRONT_DOMAIN === 'https://bad/x') bad.add('CLOUDFRONT_DOMAIN');
  if (env.DATABASE_URL === 'mysql://nope') bad.add('DATABASE_URL');
  if (env.SAGEMAKER_ASYNC_S3_URI === 'bucket/async') bad.add('SAGEMAKER_ASYNC_S3_URI');
  if (env.PORT === '70000' || env.PORT === 'http') bad.add('PORT');
  if (bad.size > 0) return bad; // single-variable checks come first; combinations are judged on valid values
  const backend = env.STORAGE_BACKEND ?? 'local';
  if (backend === 's3' && env.S3_BUCKET === undefined) bad.add('S3_BUCKET');
  if (backend === 'gcs' && env.GCS_BUCKET === undefined) bad.add('GCS_BUCKET');
  const hasKey = env.CLOUDFRONT_PRIVATE_KEY !== undefined || env.CLOUDFRONT_PRIVATE_KEY_FILE !== undefined;
  if (env.CLOUDFRONT_PRIVATE_KEY !== undefined && env.CLOUDFRONT_PRIVATE_KEY_FILE !== undefined)
    bad.add('CLOUDFRONT_PRIVATE_KEY_FILE');
  if (env.CLOUDFRONT_KEY_PAIR_ID !== undefined && !hasKey) bad.add('CLOUDFRONT_PRIVATE_KEY');
  if (hasKey && env.CLOUDFRONT_KEY_PAIR_ID === undefined) bad.add('CLOUDFRONT_KEY_PAIR_ID');
  if ((env.CLOUDFRONT_KEY_PAIR_ID !== undefined || hasKey) && env.CLOUDFRONT_DOMAIN === undefined)
    bad.add('CLOUDFRONT_DOMAIN');
  if (env.CLOUDFRONT_DOMAIN !== undefined && backend !== 's3') bad.add('CLOUDFRONT_DOMAIN');
  if ((env.AWS_ACCESS_KEY_ID === undefined) !== (env.AWS_SECRET_ACCESS_KEY === undefined)) {
    bad.add(env.AWS_ACCESS_KEY_ID === undefined ? 'AWS_ACCESS_KEY_ID' : 'AWS_SECRET_ACCESS_KEY');
  }
  // With S3 storage, async inputs default to a prefix of that bucket.
  const s3Storage = backend === 's3' && env.S3_BUCKET !== undefined;
  if (
    env.SAGEMAKER_WAN_VIDEO_ENDPOINT !== undefined &&
    env.SAGEMAKER_ASYNC_S3_URI === undefined &&
    !s3Storage
  )
    bad.add('SAGEMAKER_ASYNC_S3_URI');
  if ((env.ADENGINE_PROFILE ?? 'development') === 'production') {
    if (env.DATABASE_URL === undefined) bad.add('DATABASE_URL');
    if (backend === 'local') bad.add('STORAGE_BACKEND');
    if (env.ADENGINE_AUTH === 'none') bad.add('ADENGINE_AUTH');
  }
  return bad;
}

const secretNames = [
  'CLOUDFRONT_PRIVATE_KEY',
  'AWS_SECRET_ACCESS_KEY',
  'OPENAI_API_KEY',
  'GEMINI_API_KEY',
] as const;

describe('configuration parsing (property 15)', () => {
  it('accepts exactly the valid combinations and names every offending variable with its fix', () => {
    fc.assert(
      fc.property(environment, (env) => {
        const expected = offendingVariables(env);
        const result = parseConfig(env, '/srv/adengine');
        if (expected.size === 0) {
          expect(result.ok, JSON.stringify(result)).toBe(true);
          if (result.ok) expect(Object.isFrozen(result.config.storage)).toBe(true);
          return;
        }
        expect(result.ok).toBe(false);
        if (result.ok) return;
        expect(new Set(result.problems.map((problem) => problem.variable))).toEqual(expected);
        for (const problem of result.problems)
          expect(problem.message).toMatch(/Fix: |is required|must be|cannot be|only applies/);
        const text = JSON.stringify(result.problems);
        for (const name of secretNames) {
          const value = env[name];
          if (value !== undefined) expect(text).not.toContain(value);
        }
        expect(text).not.toContain(':pw@');
      }),
      { numRuns: 500 },
    );
  });

  it('every message that names a variable also says how to fix it', () => {
    const result = parseConfig({ STORAGE_BACKEND: 's3', ADENGINE_PROFILE: 'production' });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.problems.map((problem) => problem.variable).sort()).toEqual([
        'DATABASE_URL',
        'S3_BUCKET',
      ]);
      for (const problem of result.problems) expect(problem.message).toContain('Fix:');
    }
  });
});
