import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readRepoFile } from '../e2e/support/readme-snippets.js';

/**
 * The IAM policies of docs/aws-setup.md against the code: the server's and the deploy operator's
 * policies together grant exactly the actions behind the AWS SDK commands `src/` sends.
 */
const root = path.resolve(import.meta.dirname, '../..');

/** SDK operation → the IAM action that authorises it (Service Authorization Reference). */
const actionOf: Record<string, string> = {
  PutObject: 's3:PutObject',
  CreateMultipartUpload: 's3:PutObject',
  UploadPart: 's3:PutObject',
  CompleteMultipartUpload: 's3:PutObject',
  AbortMultipartUpload: 's3:AbortMultipartUpload',
  GetObject: 's3:GetObject',
  HeadObject: 's3:GetObject',
  ListObjectsV2: 's3:ListBucket',
  DeleteObject: 's3:DeleteObject',
  InvokeModel: 'bedrock:InvokeModel',
  Converse: 'bedrock:InvokeModel',
  ConverseStream: 'bedrock:InvokeModelWithResponseStream',
  StartAsyncInvoke: 'bedrock:InvokeModel',
  GetAsyncInvoke: 'bedrock:GetAsyncInvoke',
  ListFoundationModels: 'bedrock:ListFoundationModels',
  InvokeEndpoint: 'sagemaker:InvokeEndpoint',
  InvokeEndpointAsync: 'sagemaker:InvokeEndpointAsync',
  CreateModel: 'sagemaker:CreateModel',
  DescribeModel: 'sagemaker:DescribeModel',
  DeleteModel: 'sagemaker:DeleteModel',
  CreateEndpointConfig: 'sagemaker:CreateEndpointConfig',
  DescribeEndpointConfig: 'sagemaker:DescribeEndpointConfig',
  DeleteEndpointConfig: 'sagemaker:DeleteEndpointConfig',
  CreateEndpoint: 'sagemaker:CreateEndpoint',
  DescribeEndpoint: 'sagemaker:DescribeEndpoint',
  DeleteEndpoint: 'sagemaker:DeleteEndpoint',
};

function sourceFiles(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(folder, entry.name);
    return entry.isDirectory() ? sourceFiles(full) : entry.name.endsWith('.ts') ? [full] : [];
  });
}

/** Operations each source file sends, from its `new …Command(` calls and the SDK helpers it uses. */
function operationsByFile(): Map<string, Set<string>> {
  const byFile = new Map<string, Set<string>>();
  for (const file of sourceFiles(path.join(root, 'src'))) {
    const text = readFileSync(file, 'utf8');
    const operations = new Set(
      [...text.matchAll(/new ([A-Z][A-Za-z0-9]+)Command\(/g)].map((m) => m[1] as string),
    );
    // lib-storage's Upload sends the multipart calls itself, and aborts a failed upload.
    if (/new Upload\(/.test(text))
      for (const name of [
        'CreateMultipartUpload',
        'UploadPart',
        'CompleteMultipartUpload',
        'AbortMultipartUpload',
      ])
        operations.add(name);
    // Strands' BedrockModel sends ConverseStream, or Converse when streaming is off.
    if (/strands\.BedrockModel\b/.test(text))
      for (const name of ['Converse', 'ConverseStream']) operations.add(name);
    if (operations.size > 0) byFile.set(path.relative(root, file), operations);
  }
  return byFile;
}

interface Statement {
  Action: string | string[];
  Resource?: string | string[];
  Principal?: unknown;
}

function policy(marker: string): { Statement: Statement[] } {
  const doc = readRepoFile('docs/aws-setup.md');
  const match = new RegExp(`<!-- policy: ${marker} -->\\n\`\`\`json\\n([\\s\\S]*?)\`\`\``).exec(doc);
  expect(match, `docs/aws-setup.md has a policy marked ${marker}`).not.toBeNull();
  return JSON.parse(match?.[1] ?? '{}') as { Statement: Statement[] };
}

function actions(document: { Statement: Statement[] }): string[] {
  return document.Statement.flatMap((statement) => [statement.Action].flat());
}

const deployFile = 'src/providers/sagemaker/sagemaker-deployer.ts';

describe('docs/aws-setup.md IAM policies', () => {
  const byFile = operationsByFile();

  it('every SDK operation the code sends has a known IAM action (a new one must be added here and to the guide)', () => {
    const unknown = [...byFile.values()].flatMap((operations) =>
      [...operations].filter((name) => !(name in actionOf)),
    );
    expect(unknown).toEqual([]);
    expect(byFile.get('src/storage/s3/s3-storage.ts')).toContain('AbortMultipartUpload');
    expect([...byFile.values()].some((operations) => operations.has('ConverseStream'))).toBe(true);
  });

  it("the server's policy grants exactly the actions of the server's calls", () => {
    const expected = new Set(
      [...byFile]
        .filter(([file]) => file !== deployFile)
        .flatMap(([, operations]) => [...operations].map((name) => actionOf[name] as string)),
    );
    expect([...new Set(actions(policy('server')))].sort()).toEqual([...expected].sort());
    expect(actions(policy('server'))).toHaveLength(expected.size);
  });

  it("the deploy operator's policy grants exactly the deploy calls, plus tagging and passing the role", () => {
    const expected = new Set([...(byFile.get(deployFile) ?? [])].map((name) => actionOf[name] as string));
    expect(expected.size).toBe(9);
    // The create calls carry Tags (sagemaker:AddTags) and CreateModel names a role (iam:PassRole).
    expect([...actions(policy('deploy'))].sort()).toEqual(
      [...expected, 'sagemaker:AddTags', 'iam:PassRole'].sort(),
    );
  });

  it('no policy in the guide has a wildcard action', () => {
    for (const marker of ['server', 'deploy', 'bucket', 'execution']) {
      for (const action of actions(policy(marker))) expect(action, marker).not.toMatch(/\*/);
    }
  });
});
