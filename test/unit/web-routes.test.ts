import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/load-config.js';
import { createLogger } from '../../src/logger.js';
import { createHttpErrorHandler } from '../../src/server/http-error-handler.js';
import { mediaOrigins } from '../../src/server/web/media-origins.js';
import { createWebRoutes } from '../../src/server/web/web-routes.js';

function configOf(env: Record<string, string>) {
  const parsed = parseConfig({ ADENGINE_PROFILE: 'development', ...env });
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
  return parsed.config;
}

describe('mediaOrigins: where asset links point, for the page CSP', () => {
  it('local storage: the public URL the links name', () => {
    expect(mediaOrigins(configOf({}), 'http://127.0.0.1:8787')).toEqual(['http://127.0.0.1:8787']);
  });

  it('S3: CloudFront, else the endpoint (and its bucket host), else the regional bucket host', () => {
    const s3 = { STORAGE_BACKEND: 's3', S3_BUCKET: 'ads', AWS_REGION: 'eu-west-1' };
    expect(mediaOrigins(configOf({ ...s3, CLOUDFRONT_DOMAIN: 'd111.cloudfront.net' }), 'http://x')).toEqual([
      'https://d111.cloudfront.net',
    ]);
    expect(
      mediaOrigins(configOf({ ...s3, AWS_ENDPOINT_URL_S3: 'http://127.0.0.1:4568' }), 'http://x'),
    ).toEqual(['http://127.0.0.1:4568', 'http://ads.127.0.0.1:4568']);
    expect(mediaOrigins(configOf(s3), 'http://x')).toEqual(['https://ads.s3.eu-west-1.amazonaws.com']);
    expect(mediaOrigins(configOf({ ...s3, S3_FORCE_PATH_STYLE: 'true' }), 'http://x')).toEqual([
      'https://s3.eu-west-1.amazonaws.com',
    ]);
  });

  it('GCS: the CDN, else storage.googleapis.com', () => {
    const gcs = { STORAGE_BACKEND: 'gcs', GCS_BUCKET: 'ads' };
    expect(
      mediaOrigins(configOf({ ...gcs, GCS_CDN_BASE_URL: 'https://cdn.example.com/a' }), 'http://x'),
    ).toEqual(['https://cdn.example.com']);
    expect(mediaOrigins(configOf(gcs), 'http://x')).toEqual(['https://storage.googleapis.com']);
  });
});

describe('createWebRoutes', () => {
  const app = new Hono();
  app.onError(createHttpErrorHandler(createLogger('silent')));
  app.route('/', createWebRoutes({ mediaOrigins: ['https://cdn.example.com'] }));

  it('serves the page with the CSP naming the media origins, and no inline script', async () => {
    const response = await app.request('/');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const csp = response.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("img-src 'self' https://cdn.example.com;");
    expect(csp).toContain("media-src 'self' https://cdn.example.com;");
    expect(csp).not.toMatch(/unsafe/);
    const html = await response.text();
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    expect(html).not.toMatch(/\sstyle=/);
  });

  it('serves the vendor module and 404s what is not in the list', async () => {
    const vendor = await app.request('/web/vendor/preact-htm.js');
    expect(vendor.status).toBe(200);
    expect(await vendor.text()).toContain('useState');
    for (const path of ['/web/../package.json', '/web/index.html.bak', '/web/vendor/x.js', '/web/'])
      expect((await app.request(path)).status, path).toBe(404);
  });
});
