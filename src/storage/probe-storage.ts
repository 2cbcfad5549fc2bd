import { randomUUID } from 'node:crypto';
import { toAppError } from '../errors/app-error.js';
import type { StorageBackend } from './storage-backend.js';

export type ProbeResult = { ok: true; detail: string } | { ok: false; detail: string };

async function readAll(body: AsyncIterable<Uint8Array>): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of body) chunks.push(Buffer.from(chunk));
  return Buffer.concat(chunks);
}

/** `adengine doctor`'s storage check: write, read back and delete one object under `_probe/`. */
export async function probeStorage(
  storage: StorageBackend,
  options: { newId?: () => string } = {},
): Promise<ProbeResult> {
  const key = `_probe/${(options.newId ?? randomUUID)()}.txt`;
  const expected = Buffer.from(`adengine storage probe ${key}\n`, 'utf8');
  let step = 'write';
  try {
    await storage.put({ key, body: expected, contentType: 'text/plain', metadata: { purpose: 'probe' } });
    step = 'read back';
    const { body } = await storage.get(key);
    const actual = await readAll(body);
    if (!actual.equals(expected)) {
      return {
        ok: false,
        detail: `${storage.kind}: read back ${actual.length} bytes that differ from what was written`,
      };
    }
    step = 'delete';
    await storage.delete(key);
    if (await storage.exists(key))
      return { ok: false, detail: `${storage.kind}: the probe object survived delete` };
    return { ok: true, detail: `${storage.kind}: wrote, read back and deleted ${key}` };
  } catch (error) {
    const failure = toAppError(error);
    if (step !== 'delete') await storage.delete(key).catch(() => undefined);
    return { ok: false, detail: `${storage.kind}: ${step} failed: ${failure.toString()}` };
  }
}
