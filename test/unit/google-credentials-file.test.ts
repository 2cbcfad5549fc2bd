import { generateKeyPairSync } from 'node:crypto';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Config } from '../../src/config/config.js';
import { createGcsBucket } from '../../src/storage/gcs/create-gcs-bucket.js';
import { readGoogleCredentials } from '../../src/storage/gcs/service-account-file.js';
import { appErrorOf } from '../support/app-error-of.js';

const privateKey = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({
  type: 'pkcs8',
  format: 'pem',
}) as string;

async function file(content: unknown): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'adengine-gcp-'));
  const name = path.join(dir, 'key.json');
  await writeFile(name, typeof content === 'string' ? content : JSON.stringify(content));
  return name;
}

const serviceAccount = {
  type: 'service_account',
  project_id: 'p',
  client_email: 'writer@p.iam.gserviceaccount.com',
  private_key: privateKey,
};

describe('Google credentials file (GOOGLE_APPLICATION_CREDENTIALS)', () => {
  afterEach(() => vi.restoreAllMocks());

  it('reads a service-account key and builds the bucket without the library’s keyFilename warning', async () => {
    const warn = vi.spyOn(console, 'warn');
    const name = await file(serviceAccount);
    expect(readGoogleCredentials(name)).toMatchObject({ type: 'service_account' });
    const bucket = createGcsBucket({
      storage: { gcs: { bucket: 'b', projectId: 'p', credentialsFile: name, emulatorHost: undefined } },
    } as unknown as Config);
    expect(bucket.name).toBe('b');
    expect(warn.mock.calls.flat().join(' ')).not.toMatch(/keyFilename/);
  });

  it('refuses other files clearly, naming the file and never its secrets', async () => {
    for (const [content, expected] of [
      ['not json', /is not JSON/],
      [
        { type: 'external_account', credential_source: { executable: { command: 'x' } } },
        /"external_account"/,
      ],
      [{ type: 'service_account', private_key: privateKey }, /without client_email/],
    ] as const) {
      const name = await file(content);
      const error = await appErrorOf(Promise.resolve().then(() => readGoogleCredentials(name)));
      expect(error.code).toBe('CONFIG_ERROR');
      expect(error.message).toContain(name);
      expect(error.message).toMatch(expected);
      expect(error.message).not.toContain('PRIVATE KEY');
    }
    const missing = await appErrorOf(
      Promise.resolve().then(() => readGoogleCredentials('/nonexistent/key.json')),
    );
    expect(missing.message).toMatch(
      /^Cloud Storage could not read the credentials file \/nonexistent\/key\.json \(ENOENT\)\. Fix: set GOOGLE_APPLICATION_CREDENTIALS/,
    );
  });
});
