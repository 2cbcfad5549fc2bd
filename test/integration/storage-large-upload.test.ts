import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import type { UploadMeasurement } from '../fakes/s3-upload-measure.js';

const bench = fileURLToPath(new URL('../../bench/storage-upload.ts', import.meta.url));

describe('large S3 upload', () => {
  // Measured in a child process of its own (with --expose-gc), so neither vitest's worker nor the
  // S3 stand-in (a further child) is counted: only the uploading process.
  it('streams 200 MiB to the S3 stand-in with memory growth far below the file size', async () => {
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ['--expose-gc', '--import', 'tsx', bench, '200', '--json'],
      {
        env: { ...process.env, NODE_OPTIONS: '' },
        maxBuffer: 1024 * 1024,
      },
    );
    const { lazy, live } = JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}') as {
      lazy: UploadMeasurement;
      live: UploadMeasurement;
    };
    console.error(
      `200 MiB upload, default parts: live RSS +${live.rssGrowthMib.toFixed(1)} MiB, arrayBuffers +${live.arrayBuffersGrowthMib.toFixed(1)} MiB; ` +
        `lazy GC RSS +${lazy.rssGrowthMib.toFixed(1)} MiB, arrayBuffers +${lazy.arrayBuffersGrowthMib.toFixed(1)} MiB`,
    );
    for (const result of [lazy, live]) {
      expect(result.bytes).toBe(200 * 1024 * 1024);
      expect(result.downloadedSha256).toBe(result.uploadedSha256);
    }
    // Live memory: the parts in flight. Lazy: plus garbage V8 collects on its own schedule.
    expect(live.rssGrowthMib).toBeLessThan(64);
    expect(live.arrayBuffersGrowthMib).toBeLessThan(64);
    expect(lazy.arrayBuffersGrowthMib).toBeLessThan(128);
  }, 300_000);
});
