import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export interface StaticFile {
  body: Uint8Array;
  contentType: string;
  etag: string;
}

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
};

/** The page's folder: `web/` at the package root, the same two levels up from src/ and dist/. */
export const webRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../web');

/** Preact, its hooks and htm in one ES module, straight from the installed `htm` package. */
function vendorModulePath(): string {
  const htmMain = createRequire(import.meta.url).resolve('htm');
  return path.join(path.dirname(htmMain), '../preact/standalone.module.js');
}

async function load(file: string): Promise<StaticFile> {
  const body = new Uint8Array(await readFile(file));
  const contentType = contentTypes[path.extname(file)] ?? 'application/octet-stream';
  const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 22)}"`;
  return { body, contentType, etag };
}

/**
 * Every file the page may load, by URL path, read once: the folder's own files (a fixed list taken
 * when the server starts, so no request path ever reaches the file system) and the vendor module.
 */
export async function loadStaticFiles(root = webRoot): Promise<Map<string, StaticFile>> {
  const files = new Map<string, StaticFile>();
  for (const name of await readdir(root)) {
    if (!/^[a-z0-9-]+\.(html|js|css|svg)$/.test(name)) continue;
    files.set(name === 'index.html' ? '/' : `/web/${name}`, await load(path.join(root, name)));
  }
  files.set('/web/vendor/preact-htm.js', await load(vendorModulePath()));
  return files;
}
