import SwaggerParser from '@apidevtools/swagger-parser';
import type { OpenAPIV3_1 } from 'openapi-types';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../src/core/create-core.js';
import { createLogger } from '../../src/logger.js';
import { createHttpApp } from '../../src/server/http-app.js';
import { loadConfigForTest } from '../support/http-config.js';

const methods = ['get', 'put', 'post', 'delete', 'patch'] as const;

/** The document is generated from the routes' zod schemas; nothing here needs a database. */
describe('GET /api/v1/openapi.json', () => {
  let http: ReturnType<typeof createHttpApp>;
  let document: OpenAPIV3_1.Document;

  beforeAll(async () => {
    // Building the app and serving the document reach no core operation.
    http = createHttpApp({
      core: {} as Core,
      logger: createLogger('silent'),
      http: loadConfigForTest().http,
      version: '9.9.9-test',
    });
    const response = await http.app.request('http://127.0.0.1/api/v1/openapi.json', {
      headers: { host: '127.0.0.1' },
    });
    expect(response.status).toBe(200);
    document = (await response.json()) as OpenAPIV3_1.Document;
  });
  afterAll(() => http?.close());

  it('is served without an API key, and validates as OpenAPI 3.1', async () => {
    expect(document.openapi).toBe('3.1.0');
    expect(document.info.version).toBe('9.9.9-test');
    await expect(SwaggerParser.validate(structuredClone(document))).resolves.toBeDefined();
  });

  it('lists every route the app serves under /api/v1, plus /health, /ready and /mcp, and no other', () => {
    const served = new Set<string>();
    for (const route of http.app.routes) {
      const documentedPath = route.path.replace(/:(\w+)/g, '{$1}');
      if (route.path.includes('*')) continue; // middleware
      if (!/^\/(api\/v1\/|health$|ready$|mcp$)/.test(route.path)) continue;
      if (route.method === 'ALL')
        for (const method of ['post', 'get', 'delete']) served.add(`${method} ${documentedPath}`);
      else served.add(`${route.method.toLowerCase()} ${documentedPath}`);
    }
    const listed = new Set<string>();
    for (const [path, item] of Object.entries(document.paths ?? {}))
      for (const method of methods) if (item?.[method] !== undefined) listed.add(`${method} ${path}`);
    expect(served.size).toBeGreaterThanOrEqual(18);
    const operationIds = Object.values(document.paths ?? {}).flatMap((item) =>
      methods.map((method) => item?.[method]?.operationId).filter((id) => id !== undefined),
    );
    expect(operationIds).toHaveLength(served.size);
    expect(new Set(operationIds).size).toBe(operationIds.length);
    expect([...listed].sort()).toEqual([...served].sort());
    // The spec's HTTP table, route by route (its own words, not the document's).
    for (const route of [
      'get /api/v1/models',
      'get /api/v1/me/model-preferences',
      'put /api/v1/me/model-preferences',
      'get /api/v1/me/credits',
      'get /api/v1/me/assets',
      'get /api/v1/jobs/{id}',
      'delete /api/v1/jobs/{id}',
      'post /api/v1/chat',
      'post /api/v1/chat/sync',
      'get /api/v1/me/conversations',
      'get /api/v1/conversations/{id}',
      'get /api/v1/openapi.json',
      'get /api/v1/me/brand-kit',
      'put /api/v1/me/brand-kit',
      'post /api/v1/estimate',
      'get /health',
      'get /ready',
      'post /mcp',
    ])
      expect(listed.has(route), route).toBe(true);
  });

  it('asks for the bearer key everywhere but /health, /ready and the document, and shows the one error shape', () => {
    expect(document.security).toEqual([{ bearerAuth: [] }]);
    expect(document.components?.securitySchemes?.bearerAuth).toMatchObject({
      type: 'http',
      scheme: 'bearer',
    });
    expect(document.components?.schemas?.Error).toMatchObject({
      type: 'object',
      required: ['error'],
      properties: { error: { required: ['code', 'message'] } },
    });
    for (const [path, item] of Object.entries(document.paths ?? {})) {
      for (const method of methods) {
        const operation = item?.[method];
        if (operation === undefined) continue;
        const name = `${method} ${path}`;
        if (['/health', '/ready', '/api/v1/openapi.json'].includes(path)) {
          expect(operation.security, name).toEqual([]);
          continue;
        }
        expect(operation.security, name).toBeUndefined();
        expect(operation.responses?.['401'], name).toMatchObject({
          content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
        });
        if (path.startsWith('/api/v1/'))
          expect(operation.responses?.['400'], name).toMatchObject({
            content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
          });
      }
    }
  });

  it('takes request bodies and answers from the tools’ own schemas, and the chat stream as text/event-stream', () => {
    const operation = (path: string, method: (typeof methods)[number]) => {
      const found = document.paths?.[path]?.[method];
      if (found === undefined) throw new Error(`${method} ${path} is not in the document`);
      return found;
    };
    const bodySchema = (path: string, method: (typeof methods)[number]) =>
      (operation(path, method).requestBody as OpenAPIV3_1.RequestBodyObject).content['application/json']
        ?.schema;
    expect(bodySchema('/api/v1/me/model-preferences', 'put')).toMatchObject({
      additionalProperties: false,
      properties: { chatModel: { maxLength: 100 }, imageModel: {}, videoModel: {} },
    });
    expect(bodySchema('/api/v1/me/brand-kit', 'put')).toMatchObject({
      properties: { colors: { maxItems: 10 } },
    });
    expect(bodySchema('/api/v1/estimate', 'post')).toMatchObject({
      required: ['tool'],
      properties: { tool: { enum: expect.arrayContaining(['generate_image', 'generate_video']) } },
    });
    expect(bodySchema('/api/v1/chat', 'post')).toEqual({ $ref: '#/components/schemas/ChatRequest' });
    const stream = operation('/api/v1/chat', 'post').responses['200'] as OpenAPIV3_1.ResponseObject;
    expect(Object.keys(stream.content ?? {})).toEqual(['text/event-stream']);
    expect(stream.description).toMatch(/`token`.*`tool_start`.*`tool_end`.*`done`.*`error`/s);
    const job = operation('/api/v1/jobs/{id}', 'get');
    expect(job.parameters).toEqual([expect.objectContaining({ name: 'id', in: 'path', required: true })]);
    expect(
      (job.responses['200'] as OpenAPIV3_1.ResponseObject).content?.['application/json']?.schema,
    ).toMatchObject({
      properties: { status: { enum: ['queued', 'running', 'succeeded', 'failed', 'cancelled'] } },
    });
    const assets = operation('/api/v1/me/assets', 'get');
    expect(assets.parameters?.map((parameter) => (parameter as OpenAPIV3_1.ParameterObject).name)).toEqual([
      'kind',
      'limit',
      'cursor',
    ]);
  });
});
