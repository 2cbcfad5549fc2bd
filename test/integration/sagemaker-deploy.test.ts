import { CreateEndpointConfigCommand, SageMakerClient } from '@aws-sdk/client-sagemaker';
import { afterEach, describe, expect, it } from 'vitest';
import { AppError } from '../../src/errors/app-error.js';
import type { DeploymentRequest, ModelDeployer } from '../../src/providers/model-deployer.js';
import { createSageMakerDeployer } from '../../src/providers/sagemaker/sagemaker-deployer.js';
import { fakeAwsKeys } from '../fakes/bedrock-fake.js';
import {
  type SageMakerControlFake,
  type SageMakerControlFakeOptions,
  startSageMakerControlFake,
} from '../fakes/sagemaker-control-fake.js';

let fake: SageMakerControlFake | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

const roleArn = 'arn:aws:iam::123456789012:role/adengine-sagemaker-execution';
const qwen: DeploymentRequest = { model: 'qwen-image', roleArn };
const wan: DeploymentRequest = { model: 'wan2.2', roleArn, asyncS3Uri: 's3://ads-bucket/sagemaker-async' };

async function subject(
  options: SageMakerControlFakeOptions = {},
  extra: { timeoutMs?: number; keys?: typeof fakeAwsKeys } = {},
): Promise<{ deployer: ModelDeployer; fake: SageMakerControlFake; lines: string[]; slept: number[] }> {
  fake = await startSageMakerControlFake(options);
  const endpoint = fake.endpoint;
  const lines: string[] = [];
  const slept: number[] = [];
  let clock = 0;
  const deployer = createSageMakerDeployer({
    client: async () =>
      new SageMakerClient({
        region: 'us-east-1',
        endpoint,
        credentials: extra.keys ?? fakeAwsKeys,
        maxAttempts: 1,
      }),
    settings: {
      region: 'us-east-1',
      qwenImageEndpoint: undefined,
      wanVideoEndpoint: undefined,
      asyncS3Uri: undefined,
    },
    sleep: async (ms) => {
      slept.push(ms);
      clock += ms;
    },
    now: () => clock,
    pollIntervalMs: 15_000,
    ...(extra.timeoutMs === undefined ? {} : { timeoutMs: extra.timeoutMs }),
  });
  return { deployer, fake, lines, slept };
}

async function failureOf(work: Promise<unknown>): Promise<AppError> {
  const error = await work.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

describe('adengine deploy sagemaker against the control-plane stand-in', () => {
  it('creates the model, config and endpoint, sends exactly the planned requests, and waits until InService', async () => {
    const { deployer, fake, lines, slept } = await subject({ creatingPolls: 2 });
    const plan = deployer.plan(qwen);
    const outcome = await deployer.deploy(qwen, (line) => lines.push(line));

    expect(outcome).toEqual({
      endpointName: 'adengine-qwen-image',
      result: 'created',
      status: 'InService',
      made: ['CreateModel', 'CreateEndpointConfig', 'CreateEndpoint'],
    });
    expect(fake.requests.map((request) => request.operation)).toEqual([
      'DescribeEndpoint',
      'DescribeModel',
      'CreateModel',
      'DescribeEndpointConfig',
      'CreateEndpointConfig',
      'CreateEndpoint',
      'DescribeEndpoint',
      'DescribeEndpoint',
      'DescribeEndpoint',
    ]);
    // What --dry-run prints is what went over the wire, byte for byte after JSON parsing.
    const sent = fake.requests.filter((request) => request.operation.startsWith('Create'));
    expect(sent.map(({ operation, input }) => ({ operation, input }))).toEqual(plan);
    expect(sent.every((request) => request.accessKeyId === fakeAwsKeys.accessKeyId)).toBe(true);
    expect(fake.rejected).toEqual([]);
    expect(slept).toEqual([15_000, 15_000]);
    expect(lines).toContain('sagemaker: endpoint adengine-qwen-image is Creating');
    expect(lines.at(-1)).toBe('sagemaker: endpoint adengine-qwen-image is InService after 30s');
  });

  it('is idempotent: a second run finds the endpoint InService and creates nothing', async () => {
    const { deployer, fake } = await subject({ creatingPolls: 0 });
    await deployer.deploy(qwen, () => undefined);
    const before = fake.requests.length;
    const again = await deployer.deploy(qwen, () => undefined);
    expect(again).toEqual({
      endpointName: 'adengine-qwen-image',
      result: 'existing',
      status: 'InService',
      made: [],
    });
    expect(fake.requests.slice(before).map((request) => request.operation)).toEqual(['DescribeEndpoint']);
  });

  it('keeps a model and config left by an interrupted run and creates only the endpoint', async () => {
    const { deployer, fake } = await subject({ creatingPolls: 0 });
    await deployer.deploy(wan, () => undefined);
    fake.endpoints.clear();
    const outcome = await deployer.deploy(wan, () => undefined);
    expect(outcome.made).toEqual(['CreateEndpoint']);
  });

  it('waits for an endpoint another run is still creating instead of creating it twice', async () => {
    const { deployer, fake } = await subject({ creatingPolls: 5 });
    await expect(deployer.deploy(qwen, () => undefined).then(() => 'done')).resolves.toBe('done');
    fake.endpoints.get('adengine-qwen-image')!.pollsLeft = 3;
    const lines: string[] = [];
    const outcome = await deployer.deploy(qwen, (line) => lines.push(line));
    expect(outcome).toMatchObject({ result: 'existing', status: 'InService', made: [] });
    expect(lines[0]).toBe('sagemaker: endpoint adengine-qwen-image exists (Creating); waiting for it');
  });

  it('wan2.2 gets an async endpoint config with S3 output and failure paths', async () => {
    const { deployer, fake } = await subject({ creatingPolls: 0 });
    await deployer.deploy(wan, () => undefined);
    expect(fake.configs.get('adengine-wan2-2-config')).toMatchObject({
      AsyncInferenceConfig: {
        OutputConfig: {
          S3OutputPath: 's3://ads-bucket/sagemaker-async/output/',
          S3FailurePath: 's3://ads-bucket/sagemaker-async/failures/',
        },
        ClientConfig: { MaxConcurrentInvocationsPerInstance: 1 },
      },
      ProductionVariants: [{ InstanceType: 'ml.g6e.12xlarge', ModelName: 'adengine-wan2-2-model' }],
    });
  });

  it('a creation that ends Failed says why and how to start over', async () => {
    const { deployer } = await subject({
      creatingPolls: 1,
      failCreation: 'CUDA out of memory while loading',
    });
    const error = await failureOf(deployer.deploy(qwen, () => undefined));
    expect(error.code).toBe('PROVIDER_ERROR');
    expect(error.message).toContain('CUDA out of memory while loading');
    expect(error.message).toContain('adengine undeploy sagemaker --model qwen-image');
  });

  it('stops waiting at the deadline with a TIMEOUT that says the creation goes on', async () => {
    const { deployer } = await subject({ creatingPolls: 1000 }, { timeoutMs: 60_000 });
    const error = await failureOf(deployer.deploy(qwen, () => undefined));
    expect(error.code).toBe('TIMEOUT');
    expect(error.message).toMatch(/not InService after 1m00s.*run the same deploy command again/);
  });

  it('a quota refusal names Service Quotas; a bad signature is refused by the stand-in', async () => {
    const { deployer, fake } = await subject();
    fake.inject({
      operation: 'CreateEndpoint',
      status: 400,
      errorType: 'ResourceLimitExceeded',
      message: "The account-level service limit 'ml.g6e.2xlarge for endpoint usage' is 0 Instances.",
    });
    const quota = await failureOf(deployer.deploy(qwen, () => undefined));
    expect(quota.code).toBe('PROVIDER_ERROR');
    expect(quota.message).toContain('Service Quotas');
    await fake.close();

    const wrongKeys = await subject(
      {},
      { keys: { accessKeyId: fakeAwsKeys.accessKeyId, secretAccessKey: 'wrong' } },
    );
    const denied = await failureOf(wrongKeys.deployer.deploy(qwen, () => undefined));
    expect(wrongKeys.fake.rejected).toEqual(['InvalidSignatureException']);
    expect(denied.code).toBe('PROVIDER_ERROR');
    expect(denied.message).not.toContain('wrong');
  });

  it('undeploy deletes endpoint, config and model; a second run deletes nothing', async () => {
    const { deployer, fake } = await subject({ creatingPolls: 0 });
    await deployer.deploy(qwen, () => undefined);
    const first = await deployer.undeploy(qwen, () => undefined);
    expect(first.deleted).toEqual([
      'endpoint adengine-qwen-image',
      'endpoint config adengine-qwen-image-config',
      'model adengine-qwen-image-model',
    ]);
    expect([fake.endpoints.size, fake.configs.size, fake.models.size]).toEqual([0, 0, 0]);
    const second = await deployer.undeploy(qwen, () => undefined);
    expect(second.deleted).toEqual([]);
  });

  it('refuses bad options before any call, naming the option', async () => {
    const { deployer, fake } = await subject();
    const cases: Array<[DeploymentRequest, string]> = [
      [{ model: 'qwen-image' }, '--role-arn'],
      [{ ...qwen, roleArn: 'arn:aws:iam::12:user/bob' }, '--role-arn'],
      [{ ...qwen, instanceType: 'g6e.2xlarge' }, '--instance-type'],
      [{ ...qwen, endpointName: 'bad_name' }, '--endpoint-name'],
      [{ model: 'wan2.2', roleArn }, '--async-s3-uri'],
      [{ ...wan, asyncS3Uri: 'https://bucket/x' }, '--async-s3-uri'],
    ];
    for (const [request, option] of cases) {
      const error = await failureOf(deployer.deploy(request, () => undefined));
      expect(error.code).toBe('INVALID_INPUT');
      expect(error.message.startsWith(option)).toBe(true);
    }
    expect(fake.requests).toEqual([]);
  });

  it('the stand-in is strict: it refuses what SageMaker refuses, through the real SDK client', async () => {
    fake = await startSageMakerControlFake();
    const client = new SageMakerClient({
      region: 'us-east-1',
      endpoint: fake.endpoint,
      credentials: fakeAwsKeys,
      maxAttempts: 1,
    });
    const variant = {
      VariantName: 'AllTraffic',
      ModelName: 'missing-model',
      InstanceType: 'ml.g6e.2xlarge',
      InitialInstanceCount: 1,
    } as const;
    const missing = await client
      .send(new CreateEndpointConfigCommand({ EndpointConfigName: 'c1', ProductionVariants: [variant] }))
      .catch((error: Error) => error);
    expect(missing).toMatchObject({
      name: 'ValidationException',
      message: expect.stringMatching(/^Could not find model /),
    });
    const tooShort = await client
      .send(
        new CreateEndpointConfigCommand({
          EndpointConfigName: 'c1',
          ProductionVariants: [{ ...variant, ContainerStartupHealthCheckTimeoutInSeconds: 10 }],
        }),
      )
      .catch((error: Error) => error);
    expect(tooShort).toMatchObject({
      name: 'ValidationException',
      message: expect.stringContaining('ContainerStartupHealthCheckTimeoutInSeconds'),
    });
    expect(fake.configs.size).toBe(0);
  });
});
