import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Gate } from '../../src/core/gate.js';
import { createReadPolicy } from '../../src/core/read-policy.js';
import { storeAsset } from '../../src/core/store-asset.js';
import { type CoreHarness, createCoreHarness } from '../support/core-harness.js';
import { inMemoryMcpClient } from '../support/in-memory-mcp-client.js';

const MiB = 1024 * 1024;

/** `resources/read` of large assets (issue 11: 20 reads of 7.9 MiB inlined as base64 took RSS +384 MB). */
describe('large resource reads', () => {
  let h: CoreHarness;
  let client: Client;
  let sizes: Record<string, string>;

  async function stored(bytes: number): Promise<string> {
    const asset = await storeAsset(
      { db: h.deps.db, storage: await h.deps.storage(), clock: h.clock },
      { userId: h.userId, kind: 'video', bytes: new Uint8Array(bytes).fill(7), mimeType: 'video/mp4' },
    );
    return asset.id;
  }

  beforeAll(async () => {
    h = await createCoreHarness();
    sizes = { small: await stored(64 * 1024), large: await stored(2 * MiB), huge: await stored(5 * MiB) };
    client = await inMemoryMcpClient(h, {
      name: 'reader',
      reads: createReadPolicy({ inlineMaxBytes: MiB, readMaxBytes: 4 * MiB, largeReadsMax: 2 }),
    });
  }, 120_000);
  afterAll(async () => {
    await client?.close();
    await h?.close();
  });

  const read = async (uri: string) =>
    (await client.readResource({ uri })).contents[0] as Record<string, unknown>;

  it('answers the URL, not the bytes, above the inline limit', async () => {
    const small = await read(`asset://${sizes.small}`);
    expect(Buffer.from(small.blob as string, 'base64').length).toBe(64 * 1024);
    const large = await read(`asset://${sizes.large}`);
    expect(large.blob).toBeUndefined();
    expect(JSON.parse(large.text as string)).toMatchObject({
      url: expect.stringMatching(/^http/),
      bytes: 2 * MiB,
    });
  });

  it('gives the bytes when the client asks, up to the hard limit and never past it', async () => {
    const asked = await read(`asset://${sizes.large}?bytes=true`);
    expect(Buffer.from(asked.blob as string, 'base64').length).toBe(2 * MiB);
    const tooBig = await read(`asset://${sizes.huge}?bytes=true`);
    expect(tooBig.blob).toBeUndefined();
    expect(JSON.parse(tooBig.text as string)).toMatchObject({ bytes: 5 * MiB });
  });

  it('answers NOT_FOUND for an asset id that is no UUID', async () => {
    await expect(read('asset://------------------------------------')).rejects.toThrow(/NOT_FOUND/);
  });
});

describe('Gate', () => {
  it('runs at most its limit at once; a waiter whose caller cancels leaves the line', async () => {
    const gate = new Gate(2);
    let running = 0;
    let most = 0;
    const work = async () => {
      running += 1;
      most = Math.max(most, running);
      await new Promise((resolve) => setTimeout(resolve, 10));
      running -= 1;
    };
    const cancelled = new AbortController();
    const waiting = gate.run(work, cancelled.signal);
    const all = Array.from({ length: 6 }, () => gate.run(work));
    cancelled.abort();
    await Promise.all(all);
    await waiting; // it had a slot at once, so it ran
    expect(most).toBe(2);
    const late = new AbortController();
    const blockers = [gate.run(work), gate.run(work)];
    const leaving = gate.run(work, late.signal);
    late.abort();
    await expect(leaving).rejects.toThrow(/cancelled/);
    await Promise.all(blockers);
  });
});
