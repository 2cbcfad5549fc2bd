import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fakeAwsKeys } from '../fakes/bedrock-fake.js';
import { type SageMakerControlFake, startSageMakerControlFake } from '../fakes/sagemaker-control-fake.js';
import { baseEnv, runCli, tempHome } from './support/cli-process.js';

const roleArn = 'arn:aws:iam::123456789012:role/adengine-sagemaker-execution';

describe('adengine deploy / undeploy sagemaker (built CLI, control-plane stand-in)', () => {
  let fake: SageMakerControlFake;
  let env: Record<string, string>;

  beforeAll(async () => {
    fake = await startSageMakerControlFake({ creatingPolls: 0 });
    env = baseEnv({
      ADENGINE_HOME: await tempHome(),
      AWS_REGION: 'us-east-1',
      AWS_ACCESS_KEY_ID: fakeAwsKeys.accessKeyId,
      AWS_SECRET_ACCESS_KEY: fakeAwsKeys.secretAccessKey,
      // The SDK's own service-specific endpoint variable: the deploy client sets no endpoint itself.
      AWS_ENDPOINT_URL_SAGEMAKER: fake.endpoint,
    });
  });

  afterAll(async () => {
    await fake?.close();
  });

  it('--dry-run --json prints the exact requests as [{operation, input}] and sends nothing', async () => {
    const run = await runCli(
      [
        '--json',
        'deploy',
        'sagemaker',
        '--model',
        'wan2.2',
        '--role-arn',
        roleArn,
        '--async-s3-uri',
        's3://ads/async/',
        '--dry-run',
      ],
      env,
    );
    expect(run.code, run.stderr).toBe(0);
    const steps = JSON.parse(run.stdout) as Array<{ operation: string; input: Record<string, unknown> }>;
    expect(steps.map((step) => step.operation)).toEqual([
      'CreateModel',
      'CreateEndpointConfig',
      'CreateEndpoint',
    ]);
    expect(steps.every((step) => Object.keys(step).sort().join() === 'input,operation')).toBe(true);
    expect(steps[1]?.input).toMatchObject({
      EndpointConfigName: 'adengine-wan2-2-config',
      AsyncInferenceConfig: { OutputConfig: { S3OutputPath: 's3://ads/async/output/' } },
    });
    expect(fake.requests).toEqual([]);
  });

  it('deploys with progress on stderr and one JSON answer on stdout; a re-run creates nothing', async () => {
    const first = await runCli(
      ['--json', 'deploy', 'sagemaker', '--model', 'qwen-image', '--role-arn', roleArn],
      env,
    );
    expect(first.code, first.stderr).toBe(0);
    expect(JSON.parse(first.stdout)).toEqual({
      endpointName: 'adengine-qwen-image',
      result: 'created',
      status: 'InService',
      made: ['CreateModel', 'CreateEndpointConfig', 'CreateEndpoint'],
    });
    expect(first.stderr).toContain('sagemaker: endpoint adengine-qwen-image is InService');
    expect(fake.rejected).toEqual([]);

    const again = await runCli(['deploy', 'sagemaker', '--model', 'qwen-image', '--role-arn', roleArn], env);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toContain('endpoint adengine-qwen-image is InService (it already existed)');
    expect(again.stdout).toContain('SAGEMAKER_QWEN_IMAGE_ENDPOINT=adengine-qwen-image');
  });

  it('undeploys, and a second undeploy has nothing to delete', async () => {
    const first = await runCli(['--json', 'undeploy', 'sagemaker', '--model', 'qwen-image'], env);
    expect(first.code, first.stderr).toBe(0);
    expect((JSON.parse(first.stdout) as { deleted: string[] }).deleted).toHaveLength(3);
    const second = await runCli(['undeploy', 'sagemaker', '--model', 'qwen-image'], env);
    expect(second.code, second.stderr).toBe(0);
    expect(second.stdout).toContain('nothing to delete');
  });

  it('fails cleanly: a missing role names --role-arn; an unknown model is a usage error', async () => {
    const noRole = await runCli(['deploy', 'sagemaker', '--model', 'qwen-image', '--dry-run'], env);
    expect(noRole.code).toBe(2);
    expect(noRole.stderr).toContain('--role-arn is required');
    expect(noRole.stderr.trim().split('\n')).toHaveLength(1);
    const badModel = await runCli(['deploy', 'sagemaker', '--model', 'flux', '--role-arn', roleArn], env);
    expect(badModel.code).toBe(2);
    expect(badModel.stderr).toMatch(/qwen-image, wan2\.2/);
  });

  it('without AWS credentials, names the variables to set (exit 3) and sends nothing', async () => {
    const before = fake.requests.length;
    const withoutKeys = {
      ...env,
      AWS_EC2_METADATA_DISABLED: 'true',
      AWS_SHARED_CREDENTIALS_FILE: '/nonexistent',
      AWS_CONFIG_FILE: '/nonexistent',
    };
    delete (withoutKeys as Record<string, string | undefined>).AWS_ACCESS_KEY_ID;
    delete (withoutKeys as Record<string, string | undefined>).AWS_SECRET_ACCESS_KEY;
    const run = await runCli(
      ['deploy', 'sagemaker', '--model', 'qwen-image', '--role-arn', roleArn],
      withoutKeys,
    );
    expect(run.code, run.stderr).toBe(3);
    expect(run.stderr).toMatch(
      /^adengine: PROVIDER_NOT_CONFIGURED: sagemaker: no AWS credentials\. Fix: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or AWS_PROFILE/,
    );
    expect(fake.requests.length).toBe(before);
  });
});
