import type { Config } from '../config/config.js';

/** Where links to this server point: the configured public URL, else the bound address. */
export function publicBaseUrl(config: Config, port = config.http.port): string {
  if (config.http.publicUrl !== undefined) return config.http.publicUrl.replace(/\/+$/, '');
  const host = config.http.host === '0.0.0.0' || config.http.host === '::' ? '127.0.0.1' : config.http.host;
  return `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
}
