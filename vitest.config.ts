import { defineConfig } from 'vitest/config';
import { findTestDatabase } from './test/support/local-postgres.js';

// The real-Postgres suites use TEST_DATABASE_URL, else the local server when it answers; the
// workers inherit the variable.
const testDatabase = await findTestDatabase();
if (testDatabase !== undefined) process.env.TEST_DATABASE_URL = testDatabase;
else process.stderr.write('vitest: no PostgreSQL server found; the real-Postgres suites are skipped\n');

// Five projects so each kind of test can run alone; `npm test` runs them all.
export default defineConfig({
  test: {
    projects: [
      { test: { name: 'unit', include: ['test/unit/**/*.test.ts'] } },
      { test: { name: 'property', include: ['test/property/**/*.test.ts'], testTimeout: 60_000 } },
      {
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts', 'test/contract/**/*.test.ts'],
          // s3rver (the S3 stand-in) encrypts list continuation tokens with DES, which needs OpenSSL's legacy provider.
          execArgv: ['--openssl-legacy-provider'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          testTimeout: 90_000,
          hookTimeout: 90_000,
          fileParallelism: false,
        },
      },
      {
        // Headless Chromium against the built server (docs/web-page.md); .ci/run installs chromium.
        test: {
          name: 'browser',
          include: ['test/browser/**/*.test.ts'],
          testTimeout: 120_000,
          hookTimeout: 240_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
