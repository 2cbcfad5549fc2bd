import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type AwsKeyPair, verifySigV4 } from './bedrock-sigv4-verifier.js';

/** One row of ListFoundationModels as the stand-in keeps it; times are `YYYY-MM-DD`. */
export interface FoundationModelRow {
  modelId: string;
  providerName: string;
  status: 'ACTIVE' | 'LEGACY';
  endOfLife?: string | undefined;
}

/** The models the stand-in lists by default: the catalogue's Bedrock ids, all ACTIVE. */
export const defaultFoundationModels: FoundationModelRow[] = [
  { modelId: 'anthropic.claude-sonnet-4-6', providerName: 'Anthropic', status: 'ACTIVE' },
  { modelId: 'anthropic.claude-sonnet-4-5-20250929-v1:0', providerName: 'Anthropic', status: 'ACTIVE' },
  { modelId: 'qwen.qwen3-235b-a22b-2507-v1:0', providerName: 'Qwen', status: 'ACTIVE' },
  { modelId: 'qwen.qwen3-32b-v1:0', providerName: 'Qwen', status: 'ACTIVE' },
  { modelId: 'amazon.nova-2-lite-v1:0', providerName: 'Amazon', status: 'ACTIVE' },
  { modelId: 'stability.stable-image-core-v1:1', providerName: 'Stability AI', status: 'ACTIVE' },
  { modelId: 'stability.stable-image-ultra-v1:1', providerName: 'Stability AI', status: 'ACTIVE' },
  { modelId: 'stability.sd3-5-large-v1:0', providerName: 'Stability AI', status: 'ACTIVE' },
];

export interface BedrockControlFake {
  endpoint: string;
  /** The rows ListFoundationModels answers; a test edits them between calls. */
  models: FoundationModelRow[];
  requests: Array<{ path: string; accessKeyId: string | undefined }>;
  close(): Promise<void>;
}

/** The wire shape of a summary (Bedrock sends these timestamps as RFC 3339 date-times). */
function summaryOf(row: FoundationModelRow, region: string) {
  return {
    modelArn: `arn:aws:bedrock:${region}::foundation-model/${row.modelId}`,
    modelId: row.modelId,
    modelName: row.modelId,
    providerName: row.providerName,
    inputModalities: ['TEXT'],
    outputModalities: ['TEXT'],
    responseStreamingSupported: true,
    customizationsSupported: [],
    inferenceTypesSupported: ['ON_DEMAND'],
    modelLifecycle: {
      status: row.status,
      ...(row.endOfLife === undefined ? {} : { endOfLifeTime: `${row.endOfLife}T00:00:00Z` }),
    },
  };
}

function send(response: ServerResponse, status: number, body: unknown, errorType?: string): void {
  response.writeHead(status, {
    'content-type': 'application/json',
    ...(errorType === undefined ? {} : { 'x-amzn-errortype': errorType }),
  });
  response.end(JSON.stringify(body));
}

/**
 * The Bedrock control plane (service `bedrock`, HTTP/1.1 as the SDK speaks it): GET
 * /foundation-models, SigV4-checked. Only ListFoundationModels; anything else is a 404.
 */
export async function startBedrockControlFake(options: {
  region: string;
  keys: readonly AwsKeyPair[];
  models?: FoundationModelRow[];
}): Promise<BedrockControlFake> {
  const models = options.models ?? defaultFoundationModels.map((row) => ({ ...row }));
  const requests: BedrockControlFake['requests'] = [];
  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const rawPath = request.url ?? '/';
    const verdict = await verifySigV4(
      { method: request.method ?? 'GET', rawPath, headers: request.headers, body: Buffer.concat(chunks) },
      { service: 'bedrock', region: options.region, keys: options.keys },
    );
    if (!verdict.ok) return send(response, 403, { message: verdict.message }, verdict.errorType);
    const path = rawPath.split('?')[0];
    requests.push({ path: path ?? '', accessKeyId: verdict.accessKeyId });
    if (request.method !== 'GET' || path !== '/foundation-models')
      return send(response, 404, { message: `No route for ${path}` }, 'UnknownOperationException');
    send(response, 200, { modelSummaries: models.map((row) => summaryOf(row, options.region)) });
  }
  const server: Server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) =>
      send(response, 500, { message: String(error) }, 'InternalServerException'),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    models,
    requests,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
