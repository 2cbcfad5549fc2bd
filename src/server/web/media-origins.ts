import type { Config } from '../../config/config.js';

function originOf(url: string): string | undefined {
  try {
    return new URL(url).origin;
  } catch {
    return undefined;
  }
}

/**
 * The origins asset links point at, for the page's `img-src` and `media-src`: the same choices the
 * storage backends make when they build a link (local: this server's public URL; S3: CloudFront,
 * else the endpoint or the regional bucket host; GCS: the CDN, the emulator, or storage.googleapis.com).
 */
export function mediaOrigins(config: Pick<Config, 'storage' | 'aws'>, publicBaseUrl: string): string[] {
  const origins: Array<string | undefined> = [];
  const { storage } = config;
  if (storage.backend === 'local') origins.push(originOf(publicBaseUrl));
  if (storage.backend === 's3' && storage.s3 !== undefined) {
    const { bucket, forcePathStyle } = storage.s3;
    const endpoint = storage.s3.endpoint ?? config.aws.endpoints.s3;
    if (storage.cloudFront !== undefined) {
      origins.push(originOf(`https://${storage.cloudFront.domain}`));
    } else if (endpoint !== undefined) {
      const url = new URL(endpoint);
      origins.push(url.origin);
      if (!forcePathStyle) origins.push(`${url.protocol}//${bucket}.${url.host}`);
    } else if (config.aws.region !== undefined) {
      const host = `s3.${config.aws.region}.amazonaws.com`;
      origins.push(forcePathStyle ? `https://${host}` : `https://${bucket}.${host}`);
    } else {
      // The SDK finds the region itself (profile files); only the bucket's subdomains are certain.
      origins.push('https://*.amazonaws.com');
    }
  }
  if (storage.backend === 'gcs' && storage.gcs !== undefined) {
    const { cdnBaseUrl, emulatorHost } = storage.gcs;
    if (cdnBaseUrl !== undefined) origins.push(originOf(cdnBaseUrl));
    else {
      // Signed links name storage.googleapis.com; with the emulator they may name the emulator instead.
      if (emulatorHost !== undefined)
        origins.push(originOf(emulatorHost.includes('://') ? emulatorHost : `http://${emulatorHost}`));
      origins.push('https://storage.googleapis.com');
    }
  }
  return [...new Set(origins.filter((origin): origin is string => origin !== undefined))];
}
