import { execFile } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));
const configFile = path.join(root, '.dependency-cruiser.cjs');
const depcruise = path.join(root, 'node_modules/dependency-cruiser/bin/dependency-cruise.mjs');
const fixture = path.join(root, 'test/fixtures/dependency-violation');

interface Violation {
  rule: { name: string; severity: string };
  from: string;
  to: string;
}

interface Run {
  exitCode: number;
  stdout: string;
}

/** The CLI with the same config `npm run check:deps` uses, run in `folder` so paths read `src/…`. */
function depcruiseIn(folder: string, extraArgs: string[] = []): Promise<Run> {
  const args = [depcruise, 'src', '--config', configFile, ...extraArgs];
  return new Promise((resolve, reject) => {
    execFile(process.execPath, args, { cwd: folder, maxBuffer: 16 * 1024 * 1024 }, (error, stdout) => {
      // depcruise exits with the number of errors it found; only a missing exit code is a crash.
      if (error !== null && typeof error.code !== 'number') return reject(error);
      resolve({ exitCode: error === null ? 0 : Number(error.code), stdout });
    });
  });
}

/** Twice: as CI runs it (the `err` reporter sets the exit code), and as JSON to read each violation. */
async function cruise(folder: string): Promise<{ exitCode: number; violations: Violation[] }> {
  const [asCi, asJson] = await Promise.all([
    depcruiseIn(folder),
    depcruiseIn(folder, ['--output-type', 'json']),
  ]);
  const report = JSON.parse(asJson.stdout) as { summary: { violations: Violation[] } };
  return { exitCode: asCi.exitCode, violations: report.summary.violations };
}

const configuredRules = (createRequire(import.meta.url)(configFile) as { forbidden: Array<{ name: string }> })
  .forbidden;

describe('dependency rules (.dependency-cruiser.cjs)', { timeout: 60_000 }, () => {
  it('fails the fixture tree with one named violation per rule, type-only imports included', async () => {
    const { exitCode, violations } = await cruise(fixture);
    expect(exitCode).toBeGreaterThan(0);
    const found = violations.map((violation) => [violation.rule.name, violation.from, violation.to]);
    expect(found.sort()).toEqual(
      [
        ['entry-point-to-repository', 'src/server/users-route.ts', 'src/db/repositories/users.ts'],
        ['entry-point-to-vendor', 'src/server/asset-route.ts', 'src/storage/local/local-asset-route.ts'],
        ['lower-layer-to-upper-layer', 'src/credits/open-account.ts', 'src/core/caller.ts'],
        ['core-to-entry-point', 'src/core/images.ts', 'src/tools/tool-list.ts'],
        ['db-to-credits', 'src/db/repositories/users.ts', 'src/credits/open-account.ts'],
        [
          'provider-vendor-to-other-vendor',
          'src/providers/sagemaker/sagemaker-client.ts',
          'src/providers/bedrock/bedrock-client.ts',
        ],
        [
          'non-aws-vendor-to-aws',
          'src/providers/gemini/gemini-upload.ts',
          'src/providers/aws/s3-location.ts',
        ],
        [
          'storage-vendor-to-other-vendor',
          'src/storage/s3/s3-backend.ts',
          'src/storage/local/local-asset-route.ts',
        ],
        // Both of these go through an `import type`.
        ['not-main-to-main', 'src/tools/tool-list.ts', 'src/main/runtime.ts'],
        ['main-to-cli', 'src/main/serve-command.ts', 'src/cli/output.ts'],
        ['no-circular', 'src/providers/catalogue-data.ts', 'src/providers/catalogue.ts'],
      ].sort(),
    );
    expect(violations.every((violation) => violation.rule.severity === 'error')).toBe(true);
    // A rule added to the config without a case here fails this line.
    expect([...new Set(violations.map((violation) => violation.rule.name))].sort()).toEqual(
      configuredRules.map((rule) => rule.name).sort(),
    );
  });

  it('passes a tree that uses every allowed arrow, bedrock and sagemaker onto aws/ and the bin onto main/', async () => {
    expect(await cruise(path.join(fixture, 'clean'))).toEqual({ exitCode: 0, violations: [] });
  });
});
