import { readFileSync } from 'node:fs';
import { AppError } from '../../errors/app-error.js';
import { keyFix } from './gcs-errors.js';

/** The fields of a Google credentials file the client library reads (a JWTInput). */
export interface GoogleCredentials {
  type: 'service_account' | 'authorized_user';
  [field: string]: unknown;
}

const fix = `Fix: ${keyFix}`;

function refuse(file: string, problem: string): never {
  throw new AppError(
    'CONFIG_ERROR',
    `Cloud Storage cannot use the credentials file ${file}: it ${problem}. ${fix}`,
  );
}

/**
 * Reads a credentials file ourselves and hands the client library its content: passing the file
 * name (`keyFilename`) is deprecated by google-auth-library, which warns on every start, because a
 * file of another type (`external_account`) can make the library run commands. Only key files
 * (service account, authorized user) are accepted; their secrets never appear in an error.
 */
export function readGoogleCredentials(file: string): GoogleCredentials {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new AppError(
      'CONFIG_ERROR',
      `Cloud Storage could not read the credentials file ${file} (${(error as NodeJS.ErrnoException).code ?? 'error'}). ${fix}`,
    );
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    refuse(file, 'is not JSON');
  }
  if (typeof parsed !== 'object' || parsed === null) refuse(file, 'is not a JSON object');
  const credentials = parsed as Record<string, unknown>;
  if (credentials.type === 'service_account') {
    if (typeof credentials.client_email !== 'string' || typeof credentials.private_key !== 'string')
      refuse(file, 'is a service-account file without client_email or private_key');
    return credentials as GoogleCredentials;
  }
  if (credentials.type === 'authorized_user') {
    if (typeof credentials.refresh_token !== 'string' || typeof credentials.client_id !== 'string')
      refuse(file, 'is an authorized-user file without refresh_token or client_id');
    return credentials as GoogleCredentials;
  }
  return refuse(
    file,
    `has type ${JSON.stringify(credentials.type ?? null)}; only service_account and authorized_user files are read`,
  );
}
