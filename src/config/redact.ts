import type { Config } from './config.js';

const secretKeys = new Set([
  'secretAccessKey',
  'sessionToken',
  'bedrockBearerToken',
  'apiKey',
  'privateKey',
  'assetUrlSecret',
]);

function redactUrlPassword(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password !== '') parsed.password = '***';
    return parsed.toString();
  } catch {
    return '***';
  }
}

/** A printable copy of the configuration: secrets become `***`, a database password too. */
export function redactConfig(config: Config): unknown {
  const walk = (value: unknown, key: string): unknown => {
    if (value === undefined || value === null) return value;
    if (secretKeys.has(key)) return '***';
    if (key === 'url' && typeof value === 'string') return redactUrlPassword(value);
    if (Array.isArray(value)) return value.map((item) => walk(item, ''));
    if (typeof value === 'object') {
      return Object.fromEntries(Object.entries(value).map(([name, item]) => [name, walk(item, name)]));
    }
    return value;
  };
  return walk(config, '');
}
