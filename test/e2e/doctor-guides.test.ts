import { describe, expect, it } from 'vitest';
import { baseEnv, runCli, tempHome } from './support/cli-process.js';

describe('adengine doctor points each failure to its guide (built CLI)', () => {
  it('an S3 storage failure names the troubleshooting section, in JSON and in the human line', async () => {
    const env = baseEnv({
      ADENGINE_HOME: await tempHome(),
      STORAGE_BACKEND: 's3',
      S3_BUCKET: 'my-bucket',
      AWS_EC2_METADATA_DISABLED: 'true',
    });
    const json = await runCli(['--json', 'doctor'], env);
    expect(json.code).toBe(1);
    const report = JSON.parse(json.stdout) as {
      checks: Array<{ name: string; ok: boolean; guide?: string }>;
    };
    expect(report.checks.find((check) => check.name === 'storage (s3)')).toMatchObject({
      ok: false,
      guide: 'docs/troubleshooting.md#doctor-storage-s3',
    });
    expect(report.checks.find((check) => check.name === 'provider sagemaker')?.guide).toBe(
      'docs/aws-setup.md#sagemaker-deploy',
    );
    expect(report.checks.find((check) => check.name === 'database')?.guide).toBeUndefined();
    const human = await runCli(['doctor'], env);
    expect(human.stdout).toMatch(
      /^FAIL {2}storage \(s3\): .*\(see docs\/troubleshooting\.md#doctor-storage-s3\)$/m,
    );
  });
});
