import type { S3Client } from '@aws-sdk/client-s3';
import { GetObjectCommand } from '@aws-sdk/client-s3';

export interface S3Location {
  bucket: string;
  key: string;
}

/** `s3://bucket/key/parts` → bucket and key; undefined for anything else (the vendors' answers are checked, not trusted). */
export function parseS3Uri(uri: string): S3Location | undefined {
  const match = /^s3:\/\/([a-z0-9][a-z0-9.-]{1,61}[a-z0-9])(?:\/(.*))?$/.exec(uri);
  if (match === null) return undefined;
  return { bucket: match[1] ?? '', key: match[2] ?? '' };
}

/** Joins a prefix URI and a relative key with exactly one slash between them. */
export function joinS3Uri(prefix: string, name: string): string {
  return `${prefix.replace(/\/+$/, '')}/${name.replace(/^\/+/, '')}`;
}

function isMissing(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const status = (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
  return error.name === 'NoSuchKey' || error.name === 'NotFound' || status === 404;
}

/** The object's bytes and content type, or undefined when it does not exist (yet). Other failures throw. */
export async function readS3ObjectIfPresent(
  s3: S3Client,
  location: S3Location,
  signal?: AbortSignal,
): Promise<{ bytes: Uint8Array; contentType: string | undefined } | undefined> {
  try {
    const answer = await s3.send(
      new GetObjectCommand({ Bucket: location.bucket, Key: location.key }),
      signal === undefined ? {} : { abortSignal: signal },
    );
    const bytes = answer.Body === undefined ? new Uint8Array() : await answer.Body.transformToByteArray();
    return { bytes, contentType: answer.ContentType };
  } catch (error) {
    if (isMissing(error)) return undefined;
    throw error;
  }
}
