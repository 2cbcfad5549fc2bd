import { createRoute } from '@hono/zod-openapi';
import { brandKitInputSchema, getBrandKitTool } from '../../tools/brand-kit-tools.js';
import { estimateCostTool, estimateRequestSchema } from '../../tools/estimate-cost-tool.js';
import { getJobTool } from '../../tools/job-tools.js';
import { listAssetsTool } from '../../tools/list-assets-tool.js';
import { listModelsTool } from '../../tools/list-models-tool.js';
import { getModelPreferencesTool, preferenceChangesSchema } from '../../tools/model-preferences-tools.js';
import { requireJsonBody } from './request-validation.js';
import {
  assetsQuerySchema,
  creditsResponseSchema,
  idParamsSchema,
  modelsQuerySchema,
} from './rest-schemas.js';
import { errorAnswers, jsonAnswer, jsonBody } from './route-responses.js';

/**
 * The routes of `createApiRoutes`, declared once: the validators Hono runs and the OpenAPI
 * document are both built from these, with the MCP tools' own schemas.
 */

export const listModelsRoute = createRoute({
  method: 'get',
  operationId: 'listModels',
  path: '/models',
  tags: ['models'],
  summary: 'The model catalogue (what list_models answers)',
  request: { query: modelsQuerySchema },
  responses: { ...jsonAnswer(listModelsTool.output, 'the catalogue'), ...errorAnswers() },
});

export const getPreferencesRoute = createRoute({
  method: 'get',
  operationId: 'getModelPreferences',
  path: '/me/model-preferences',
  tags: ['preferences'],
  summary: 'Your default chat, image and video models (null: the server default)',
  responses: { ...jsonAnswer(getModelPreferencesTool.output, 'your preferences'), ...errorAnswers() },
});

export const setPreferencesRoute = createRoute({
  method: 'put',
  path: '/me/model-preferences',
  tags: ['preferences'],
  operationId: 'setModelPreferences',
  summary: 'Change your default models',
  description:
    'Fields left out stay as they are; null resets one to the server default. An unknown model, one of the wrong kind or a retired one is 400 (a retired one names its successor); one not configured on this server is 503 PROVIDER_NOT_CONFIGURED.',
  middleware: [requireJsonBody] as const,
  request: { body: jsonBody(preferenceChangesSchema.strict()) },
  responses: {
    ...jsonAnswer(getModelPreferencesTool.output, 'your preferences after the change'),
    ...errorAnswers(503),
  },
});

export const getBrandKitRoute = createRoute({
  method: 'get',
  path: '/me/brand-kit',
  tags: ['brand kit'],
  operationId: 'getBrandKit',
  summary: 'Your brand kit (empty fields when none is set)',
  responses: { ...jsonAnswer(getBrandKitTool.output, 'your brand kit'), ...errorAnswers() },
});

export const setBrandKitRoute = createRoute({
  method: 'put',
  path: '/me/brand-kit',
  tags: ['brand kit'],
  operationId: 'setBrandKit',
  summary: 'Replace your brand kit (fields left out are cleared)',
  middleware: [requireJsonBody] as const,
  request: { body: jsonBody(brandKitInputSchema.strict()) },
  responses: { ...jsonAnswer(getBrandKitTool.output, 'the kit as stored'), ...errorAnswers(404) },
});

export const readCreditsRoute = createRoute({
  method: 'get',
  operationId: 'getCredits',
  path: '/me/credits',
  tags: ['credits'],
  summary: 'Your balance, holds of calls in progress, and the latest 50 ledger entries',
  responses: { ...jsonAnswer(creditsResponseSchema, 'your credits'), ...errorAnswers() },
});

export const listAssetsRoute = createRoute({
  method: 'get',
  operationId: 'listAssets',
  path: '/me/assets',
  tags: ['assets'],
  summary: 'Your assets, newest first, paged',
  request: { query: assetsQuerySchema },
  responses: { ...jsonAnswer(listAssetsTool.output, 'one page of your assets'), ...errorAnswers() },
});

export const estimateRoute = createRoute({
  method: 'post',
  operationId: 'estimateCost',
  path: '/estimate',
  tags: ['estimate'],
  summary: 'What a paying call would cost (the same quote as estimate_cost); free, runs nothing',
  middleware: [requireJsonBody] as const,
  request: { body: jsonBody(estimateRequestSchema.strict()) },
  responses: { ...jsonAnswer(estimateCostTool.output, 'the quote'), ...errorAnswers(404, 503) },
});

export const readJobRoute = createRoute({
  method: 'get',
  path: '/jobs/{id}',
  tags: ['jobs'],
  operationId: 'getJob',
  summary: 'One of your video jobs',
  request: { params: idParamsSchema },
  responses: { ...jsonAnswer(getJobTool.output, 'the job'), ...errorAnswers(404) },
});

export const cancelJobRoute = createRoute({
  method: 'delete',
  path: '/jobs/{id}',
  tags: ['jobs'],
  operationId: 'cancelJob',
  summary: 'Cancel one of your video jobs; its hold is released (a finished job is left as it is)',
  request: { params: idParamsSchema },
  responses: { ...jsonAnswer(getJobTool.output, 'the job after cancelling'), ...errorAnswers(404) },
});
