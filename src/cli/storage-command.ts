import { randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { rename, rm, stat } from 'node:fs/promises';
import type { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Command, InvalidArgumentError } from 'commander';
import { AppError } from '../errors/app-error.js';
import { checkKey, checkPrefix, datePath } from '../storage/asset-keys.js';
import { contentTypeFor, extensionOf } from '../storage/content-types.js';
import type { StorageBackend, StoredObject } from '../storage/storage-backend.js';

export interface StorageCommandDeps {
  openStorage: () => Promise<StorageBackend>;
  print: (human: string, json: unknown) => void;
  /** Where `get` without `-o` writes the bytes (process.stdout by default). */
  stdout?: Writable;
  now?: () => Date;
  newId?: () => string;
}

function wholeNumber(name: string, min: number, max: number) {
  return (value: string): number => {
    if (!/^[0-9]+$/.test(value) || Number(value) < min || Number(value) > max) {
      throw new InvalidArgumentError(`${name} must be a whole number from ${min} to ${max}`);
    }
    return Number(value);
  };
}

function describe(object: StoredObject): string {
  return `${object.key} (${object.size} B, ${object.contentType})`;
}

function asJson(object: StoredObject) {
  return { ...object, lastModified: object.lastModified.toISOString() };
}

/** `adengine storage put|get|ls|rm|url`: the configured backend, by hand. */
export function createStorageCommand(deps: StorageCommandDeps): Command {
  const now = deps.now ?? (() => new Date());
  const newId = deps.newId ?? randomUUID;
  const storage = new Command('storage').description('operate the storage backend: put, get, ls, rm, url');

  storage
    .command('put <file>')
    .description('upload a file (default key uploads/{yyyy}/{mm}/{uuid}.{ext})')
    .option('--key <key>', 'object key')
    .option('--content-type <type>', 'content type (default: guessed from the extension)')
    .action(async (file: string, options: { key?: string; contentType?: string }) => {
      const extension = extensionOf(file) || 'bin';
      const key = checkKey(options.key ?? `uploads/${datePath(now())}/${newId()}.${extension}`);
      const size = await fileSize(file);
      const backend = await deps.openStorage();
      const object = await backend.put({
        key,
        body: createReadStream(file),
        contentLength: size,
        contentType: options.contentType ?? contentTypeFor(file),
      });
      deps.print(`stored ${describe(object)}`, asJson(object));
    });

  storage
    .command('get <key>')
    .description('download an object to a file, or to stdout without -o')
    .option('-o, --output <file>', 'file to write')
    .action(async (key: string, options: { output?: string }) => {
      const backend = await deps.openStorage();
      const { object, body } = await backend.get(checkKey(key));
      if (options.output === undefined) {
        await pipeline(body, deps.stdout ?? process.stdout, { end: false });
        return;
      }
      // Write beside the target and rename, so a failed download never leaves half a file.
      const partial = `${options.output}.${newId()}.partial`;
      try {
        await pipeline(body, createWriteStream(partial, { flags: 'wx' }));
        await rename(partial, options.output);
      } finally {
        await rm(partial, { force: true });
      }
      deps.print(`wrote ${describe(object)} to ${options.output}`, {
        ...asJson(object),
        file: options.output,
      });
    });

  storage
    .command('ls [prefix]')
    .description('list objects, sorted by key')
    .option('--limit <n>', 'objects per page (1 to 1000)', wholeNumber('--limit', 1, 1000))
    .option('--cursor <cursor>', 'the cursor printed by the previous page')
    .action(async (prefix: string | undefined, options: { limit?: number; cursor?: string }) => {
      const backend = await deps.openStorage();
      const page = await backend.list({
        prefix: checkPrefix(prefix ?? ''),
        limit: options.limit,
        cursor: options.cursor,
      });
      const lines = page.objects.map(
        (object) =>
          `${object.lastModified.toISOString()}  ${String(object.size).padStart(12)}  ${object.key}`,
      );
      if (page.nextCursor !== undefined) lines.push(`next page: --cursor ${page.nextCursor}`);
      if (page.objects.length === 0) lines.push('no objects');
      deps.print(lines.join('\n'), {
        objects: page.objects.map(asJson),
        nextCursor: page.nextCursor ?? null,
      });
    });

  storage
    .command('rm <key>')
    .description('delete an object (absent keys are not an error)')
    .action(async (key: string) => {
      const backend = await deps.openStorage();
      await backend.delete(checkKey(key));
      deps.print(`deleted ${key}`, { key, deleted: true });
    });

  storage
    .command('url <key>')
    .description('print a link: CDN or presigned download, or a presigned upload with --upload')
    .option('--upload', 'a presigned PUT URL instead of a download link')
    .option('--content-type <type>', 'with --upload: the type the uploader must send (default: from the key)')
    .option(
      '--expires <seconds>',
      'validity in seconds (default 3600)',
      wholeNumber('--expires', 1, 604_800),
      3600,
    )
    .action(async (key: string, options: { upload?: boolean; contentType?: string; expires: number }) => {
      checkKey(key);
      const backend = await deps.openStorage();
      if (options.upload) {
        const contentType = options.contentType ?? contentTypeFor(key);
        const request = await backend.presignUpload({ key, contentType, expiresInSeconds: options.expires });
        const headers = Object.entries(request.headers).map(([name, value]) => `  ${name}: ${value}`);
        const human = [`PUT ${request.url}`, ...(headers.length > 0 ? ['with headers:', ...headers] : [])];
        deps.print(human.join('\n'), { ...request, expiresAt: request.expiresAt.toISOString() });
        return;
      }
      const url = await backend.cdnUrl({ key, expiresInSeconds: options.expires });
      deps.print(url, { key, url, expiresInSeconds: options.expires });
    });

  return storage;
}

async function fileSize(file: string): Promise<number> {
  try {
    const stats = await stat(file);
    if (!stats.isFile()) throw new AppError('INVALID_INPUT', `${file} is not a regular file`);
    return stats.size;
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw new AppError('NOT_FOUND', `cannot read ${file}`, { cause: error });
  }
}
