import type { Config } from './config.js';
import { type ConfigPath, type SecretSetting, secretSettings } from './secret-settings.js';

const censored = '***';
const secretParameter = /pass|secret|token|key|sig|credential|auth/i;
// Shorter values would blot out ordinary words of a message; no real secret is that short.
const shortestHidden = 4;

/** A URL without its credentials: the password (or a lone user name, often a token) and secret-looking query parameters. */
export function redactUrl(value: string): string {
  if (!URL.canParse(value)) return /[@?]/.test(value) ? censored : value;
  const url = new URL(value);
  const secrets = urlSecrets(url);
  if (secrets.length === 0) return value;
  if (url.password !== '') url.password = censored;
  else if (url.username !== '') url.username = censored;
  for (const name of new Set(url.searchParams.keys()))
    if (secretParameter.test(name)) url.searchParams.set(name, censored);
  return url.toString();
}

/** The credential parts of a URL, as written and decoded. */
function urlSecrets(url: URL): string[] {
  const parts = [url.password !== '' ? url.password : url.username];
  for (const [name, value] of url.searchParams) if (secretParameter.test(name)) parts.push(value);
  return parts.filter((part) => part !== '').flatMap((part) => [part, safeDecode(part)]);
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

const kindByPath = new Map<string, SecretSetting['kind']>(
  secretSettings.map((setting) => [setting.path, setting.kind]),
);

/** A printable copy of the configuration (doctor --json): secrets become `***`, URLs lose their credentials. */
export function redactConfig(config: Config): unknown {
  const walk = (value: unknown, path: string): unknown => {
    const kind = kindByPath.get(path);
    if (kind !== undefined && typeof value === 'string')
      return kind === 'secret' ? censored : redactUrl(value);
    if (value === null || typeof value !== 'object' || Array.isArray(value)) return value;
    return Object.fromEntries(
      Object.entries(value).map(([name, item]) => [name, walk(item, path === '' ? name : `${path}.${name}`)]),
    );
  };
  return walk(config, '');
}

function valueAt(config: Config, path: ConfigPath): string | undefined {
  let node: unknown = config;
  for (const key of path.split('.'))
    node = node !== null && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined;
  return typeof node === 'string' ? node : undefined;
}

/** A message with every secret the config holds replaced by `***`, for text that may quote one (vendor errors). */
export function redactSecrets(text: string, config: Config): string {
  const hidden = secretSettings.flatMap(({ path, kind }) => {
    const value = valueAt(config, path);
    if (value === undefined) return [];
    if (kind === 'secret') return [value];
    if (URL.canParse(value)) return urlSecrets(new URL(value));
    return redactUrl(value) === censored ? [value] : [];
  });
  return hidden
    .filter((secret) => secret.length >= shortestHidden)
    .sort((a, b) => b.length - a.length)
    .reduce((result, secret) => result.replaceAll(secret, censored), text);
}
