import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { z } from 'zod';
import { fakeAwsKeys } from './bedrock-fake.js';
import { type AwsKeyPair, verifySigV4 } from './bedrock-sigv4-verifier.js';

/**
 * The SageMaker control plane (AWS JSON 1.1 over HTTP/1.1, `X-Amz-Target: SageMaker.<Operation>`,
 * SigV4 service `sagemaker`) for the operations `adengine deploy` calls. Inputs are checked
 * against the API's own constraints; an endpoint is `Creating` for a set number of
 * DescribeEndpoint calls, then `InService` (or `Failed` when told so).
 */
export interface ControlFault {
  operation: string;
  status: number;
  errorType: string;
  message: string;
  times?: number;
}

export interface RecordedControlRequest {
  operation: string;
  input: Record<string, unknown>;
  accessKeyId: string;
}

export interface SageMakerControlFakeOptions {
  region?: string;
  keys?: readonly AwsKeyPair[];
  /** DescribeEndpoint calls that still answer `Creating` after CreateEndpoint (default 2). */
  creatingPolls?: number;
  /** When set, creation ends `Failed` with this reason instead of `InService`. */
  failCreation?: string;
}

interface EndpointState {
  name: string;
  configName: string;
  pollsLeft: number;
  created: number;
}

export interface SageMakerControlFake {
  endpoint: string;
  region: string;
  requests: RecordedControlRequest[];
  /** SigV4 verdicts the stand-in refused (e.g. `InvalidSignatureException`). */
  rejected: string[];
  models: Map<string, Record<string, unknown>>;
  configs: Map<string, Record<string, unknown>>;
  endpoints: Map<string, EndpointState>;
  inject(fault: ControlFault): void;
  /** Later creations fail with this reason (undefined: succeed). */
  setFailCreation(reason: string | undefined): void;
  close(): Promise<void>;
}

const account = '123456789012';
const name = z.string().regex(/^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}$/);
const tags = z.array(z.strictObject({ Key: z.string().min(1).max(128), Value: z.string().max(256) })).max(50);
const s3Uri = z.string().regex(/^(https|s3):\/\/([^/]+)\/?(.*)$/);

const schemas: Record<string, z.ZodType<Record<string, unknown>>> = {
  CreateModel: z.strictObject({
    ModelName: name,
    ExecutionRoleArn: z
      .string()
      .regex(/^arn:aws[a-z-]*:iam::\d{12}:role\/?[a-zA-Z_0-9+=,.@\-_/]+$/)
      .optional(),
    PrimaryContainer: z.strictObject({
      Image: z
        .string()
        .max(255)
        .regex(/^[\S]+$/),
      Environment: z
        .record(
          z
            .string()
            .max(1024)
            .regex(/^[a-zA-Z_][a-zA-Z0-9_]*$/),
          z.string().max(1024),
        )
        .optional(),
      ModelDataUrl: s3Uri.optional(),
    }),
    Tags: tags.optional(),
  }),
  CreateEndpointConfig: z.strictObject({
    EndpointConfigName: name,
    ProductionVariants: z
      .array(
        z.strictObject({
          VariantName: name,
          ModelName: name,
          InstanceType: z.string().regex(/^ml\.[a-z0-9]+\.[a-z0-9]+$/),
          InitialInstanceCount: z.number().int().min(1),
          ContainerStartupHealthCheckTimeoutInSeconds: z.number().int().min(60).max(3600).optional(),
          ModelDataDownloadTimeoutInSeconds: z.number().int().min(60).max(3600).optional(),
        }),
      )
      .min(1)
      .max(10),
    AsyncInferenceConfig: z
      .strictObject({
        OutputConfig: z.strictObject({ S3OutputPath: s3Uri, S3FailurePath: s3Uri.optional() }),
        ClientConfig: z
          .strictObject({ MaxConcurrentInvocationsPerInstance: z.number().int().min(1).max(1000) })
          .optional(),
      })
      .optional(),
    Tags: tags.optional(),
  }),
  CreateEndpoint: z.strictObject({ EndpointName: name, EndpointConfigName: name, Tags: tags.optional() }),
  DescribeModel: z.strictObject({ ModelName: name }),
  DescribeEndpointConfig: z.strictObject({ EndpointConfigName: name }),
  DescribeEndpoint: z.strictObject({ EndpointName: name }),
  DeleteModel: z.strictObject({ ModelName: name }),
  DeleteEndpointConfig: z.strictObject({ EndpointConfigName: name }),
  DeleteEndpoint: z.strictObject({ EndpointName: name }),
};

class ServiceError extends Error {
  constructor(
    readonly status: number,
    readonly errorType: string,
    message: string,
  ) {
    super(message);
  }
}

function validation(message: string): ServiceError {
  return new ServiceError(400, 'ValidationException', message);
}

async function readBody(request: IncomingMessage): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return new Uint8Array(Buffer.concat(chunks));
}

export async function startSageMakerControlFake(
  options: SageMakerControlFakeOptions = {},
): Promise<SageMakerControlFake> {
  const region = options.region ?? 'us-east-1';
  const keys = options.keys ?? [fakeAwsKeys];
  const creatingPolls = options.creatingPolls ?? 2;
  let failCreation = options.failCreation;
  const requests: RecordedControlRequest[] = [];
  const rejected: string[] = [];
  const faults: ControlFault[] = [];
  const models = new Map<string, Record<string, unknown>>();
  const configs = new Map<string, Record<string, unknown>>();
  const endpoints = new Map<string, EndpointState>();
  const arn = (kind: string, resource: string) =>
    `arn:aws:sagemaker:${region}:${account}:${kind}/${resource.toLowerCase()}`;
  const seconds = () => Date.now() / 1000;

  function operate(operation: string, input: Record<string, unknown>): unknown {
    switch (operation) {
      case 'CreateModel': {
        const modelName = String(input.ModelName);
        if (models.has(modelName))
          throw validation(`Cannot create already existing model "${arn('model', modelName)}".`);
        models.set(modelName, { ...input, CreationTime: seconds() });
        return { ModelArn: arn('model', modelName) };
      }
      case 'CreateEndpointConfig': {
        const configName = String(input.EndpointConfigName);
        if (configs.has(configName))
          throw validation(
            `Cannot create already existing endpoint configuration "${arn('endpoint-config', configName)}".`,
          );
        for (const variant of input.ProductionVariants as Array<{ ModelName: string }>) {
          if (!models.has(variant.ModelName))
            throw validation(`Could not find model "${arn('model', variant.ModelName)}".`);
        }
        configs.set(configName, { ...input, CreationTime: seconds() });
        return { EndpointConfigArn: arn('endpoint-config', configName) };
      }
      case 'CreateEndpoint': {
        const endpointName = String(input.EndpointName);
        const configName = String(input.EndpointConfigName);
        if (endpoints.has(endpointName))
          throw validation(`Cannot create already existing endpoint "${arn('endpoint', endpointName)}".`);
        if (!configs.has(configName))
          throw validation(`Could not find endpoint configuration "${arn('endpoint-config', configName)}".`);
        endpoints.set(endpointName, {
          name: endpointName,
          configName,
          pollsLeft: creatingPolls,
          created: seconds(),
        });
        return { EndpointArn: arn('endpoint', endpointName) };
      }
      case 'DescribeEndpoint': {
        const endpointName = String(input.EndpointName);
        const state = endpoints.get(endpointName);
        if (state === undefined)
          throw validation(`Could not find endpoint "${arn('endpoint', endpointName)}".`);
        const creating = state.pollsLeft > 0;
        state.pollsLeft -= 1;
        const status = creating ? 'Creating' : failCreation === undefined ? 'InService' : 'Failed';
        return {
          EndpointName: endpointName,
          EndpointArn: arn('endpoint', endpointName),
          EndpointConfigName: state.configName,
          EndpointStatus: status,
          CreationTime: state.created,
          LastModifiedTime: seconds(),
          ...(status === 'Failed' ? { FailureReason: failCreation } : {}),
        };
      }
      case 'DescribeModel': {
        const modelName = String(input.ModelName);
        const model = models.get(modelName);
        if (model === undefined) throw validation(`Could not find model "${arn('model', modelName)}".`);
        return { ...model, ModelArn: arn('model', modelName), Tags: undefined };
      }
      case 'DescribeEndpointConfig': {
        const configName = String(input.EndpointConfigName);
        const config = configs.get(configName);
        if (config === undefined)
          throw validation(`Could not find endpoint configuration "${arn('endpoint-config', configName)}".`);
        return { ...config, EndpointConfigArn: arn('endpoint-config', configName), Tags: undefined };
      }
      case 'DeleteEndpoint':
      case 'DeleteEndpointConfig':
      case 'DeleteModel': {
        const [store, key, kind, label] =
          operation === 'DeleteEndpoint'
            ? [endpoints, 'EndpointName', 'endpoint', 'endpoint']
            : operation === 'DeleteEndpointConfig'
              ? [configs, 'EndpointConfigName', 'endpoint-config', 'endpoint configuration']
              : [models, 'ModelName', 'model', 'model'];
        const resource = String(input[key]);
        if (!(store as Map<string, unknown>).delete(resource))
          throw validation(`Could not find ${label} "${arn(kind, resource)}".`);
        return undefined;
      }
      default:
        throw new ServiceError(400, 'UnknownOperationException', `Unknown operation ${operation}`);
    }
  }

  async function handle(
    request: IncomingMessage,
    body: Uint8Array,
  ): Promise<{ status: number; body?: unknown; errorType?: string }> {
    const verdict = await verifySigV4(
      { method: request.method ?? 'GET', rawPath: request.url ?? '/', headers: request.headers, body },
      { service: 'sagemaker', region, keys },
    );
    if (!verdict.ok) {
      rejected.push(verdict.errorType);
      return { status: 403, errorType: verdict.errorType, body: { message: verdict.message } };
    }
    const target = String(request.headers['x-amz-target'] ?? '');
    const contentType = String(request.headers['content-type'] ?? '');
    if (request.method !== 'POST' || request.url !== '/' || !target.startsWith('SageMaker.'))
      throw new ServiceError(400, 'UnknownOperationException', 'Missing or unknown X-Amz-Target');
    if (contentType !== 'application/x-amz-json-1.1')
      throw new ServiceError(400, 'SerializationException', `Unsupported content type ${contentType}`);
    const operation = target.slice('SageMaker.'.length);
    const schema = schemas[operation];
    if (schema === undefined)
      throw new ServiceError(400, 'UnknownOperationException', `Unknown operation ${operation}`);
    let raw: unknown;
    try {
      raw = JSON.parse(Buffer.from(body).toString('utf8'));
    } catch {
      throw new ServiceError(
        400,
        'SerializationException',
        'Start of structure or map found where not expected.',
      );
    }
    const parsed = schema.safeParse(raw);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw validation(
        `1 validation error detected: Value at '${issue?.path.join('.')}' failed to satisfy constraint: ${issue?.message}`,
      );
    }
    requests.push({ operation, input: parsed.data, accessKeyId: verdict.accessKeyId });
    const faultIndex = faults.findIndex((fault) => fault.operation === operation);
    const fault = faults[faultIndex];
    if (fault !== undefined) {
      fault.times = (fault.times ?? 1) - 1;
      if (fault.times <= 0) faults.splice(faultIndex, 1);
      throw new ServiceError(fault.status, fault.errorType, fault.message);
    }
    return { status: 200, body: operate(operation, parsed.data) ?? {} };
  }

  function send(response: ServerResponse, status: number, body: unknown, errorType?: string): void {
    response.writeHead(status, {
      'content-type': 'application/x-amz-json-1.1',
      'x-amzn-requestid': crypto.randomUUID(),
      ...(errorType === undefined ? {} : { 'x-amzn-errortype': errorType }),
    });
    response.end(JSON.stringify(errorType === undefined ? body : { __type: errorType, ...(body as object) }));
  }

  const server = createServer((request, response) => {
    readBody(request)
      .then((body) => handle(request, body))
      .then(
        (answer) => send(response, answer.status, answer.body, answer.errorType),
        (error: unknown) =>
          error instanceof ServiceError
            ? send(response, error.status, { message: error.message }, error.errorType)
            : send(response, 500, { message: String(error) }, 'InternalFailure'),
      );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    region,
    requests,
    rejected,
    models,
    configs,
    endpoints,
    inject: (fault) => faults.push({ ...fault }),
    setFailCreation: (reason) => {
      failCreation = reason;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
