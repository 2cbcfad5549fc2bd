import { createRoute, z } from '@hono/zod-openapi';
import { errorResponseSchema } from './rest-schemas.js';

/**
 * Routes served outside the REST app (health, readiness, MCP, the document itself), declared
 * only so the OpenAPI document lists them; their handlers live in http-app.ts and the MCP route.
 */

const failure = (description: string) => ({
  description,
  content: { 'application/json': { schema: errorResponseSchema } },
});

export const healthRoute = createRoute({
  method: 'get',
  operationId: 'health',
  path: '/health',
  tags: ['service'],
  summary: 'Liveness: the process answers',
  security: [],
  responses: {
    200: {
      description: 'alive',
      content: { 'application/json': { schema: z.object({ status: z.literal('ok'), version: z.string() }) } },
    },
  },
});

export const readyRoute = createRoute({
  method: 'get',
  operationId: 'ready',
  path: '/ready',
  tags: ['service'],
  summary: 'Readiness: the database answers',
  security: [],
  responses: {
    200: {
      description: 'ready',
      content: {
        'application/json': { schema: z.object({ status: z.literal('ready'), database: z.literal('ok') }) },
      },
    },
    503: failure('UNAVAILABLE: starting, or the database is unreachable (see Retry-After)'),
  },
});

export const openApiRoute = createRoute({
  method: 'get',
  operationId: 'getOpenApiDocument',
  path: '/api/v1/openapi.json',
  tags: ['service'],
  summary: 'This document (no API key needed: it describes the API, it holds no data)',
  security: [],
  responses: {
    200: {
      description: 'the OpenAPI 3.1 document',
      content: { 'application/json': { schema: z.record(z.string(), z.unknown()) } },
    },
  },
});

const jsonRpcMessage = z.record(z.string(), z.unknown()).openapi('JsonRpcMessage', {
  description: 'a JSON-RPC 2.0 message (or batch) of the Model Context Protocol',
});

const mcpAnswers = {
  200: {
    description: 'a JSON-RPC answer, or an event stream of them',
    content: {
      'application/json': { schema: jsonRpcMessage },
      'text/event-stream': { schema: z.string() },
    },
  },
  202: { description: 'a notification or response accepted' },
  401: failure('UNAUTHORIZED: no API key, or a wrong or revoked one'),
  404: failure('NOT_FOUND: an unknown or expired Mcp-Session-Id'),
};

const mcpDescription =
  'MCP Streamable HTTP, both protocol revisions (2025-11-25 with Mcp-Session-Id sessions; 2026-07-28 stateless); see docs/mcp-server.md.';

export const mcpRoutes = [
  createRoute({
    operationId: 'mcpPost',
    method: 'post',
    path: '/mcp',
    tags: ['mcp'],
    summary: 'Send an MCP request, notification or response',
    description: mcpDescription,
    request: { body: { required: true, content: { 'application/json': { schema: jsonRpcMessage } } } },
    responses: mcpAnswers,
  }),
  createRoute({
    operationId: 'mcpGet',
    method: 'get',
    path: '/mcp',
    tags: ['mcp'],
    summary: 'Open a session’s server-to-client event stream (2025-11-25)',
    description: mcpDescription,
    responses: mcpAnswers,
  }),
  createRoute({
    operationId: 'mcpDelete',
    method: 'delete',
    path: '/mcp',
    tags: ['mcp'],
    summary: 'End a session (2025-11-25)',
    description: mcpDescription,
    responses: mcpAnswers,
  }),
];
