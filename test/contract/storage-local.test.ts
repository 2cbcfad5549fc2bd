import { describe, expect, it } from 'vitest';
import { byteRange } from '../../src/storage/local/local-asset-route.js';
import { describeStorageBackendContract } from './storage-backend.contract.js';
import { startLocalTarget } from './storage-setups.js';

describeStorageBackendContract('local disk (temp folder, asset route over HTTP)', startLocalTarget);

describe('local asset route: byte ranges (video seeking)', () => {
  it('parses one range of each form, and answers anything else with the whole object', () => {
    expect(byteRange('bytes=0-9', 100)).toEqual({ start: 0, end: 9 });
    expect(byteRange('bytes=90-', 100)).toEqual({ start: 90, end: 99 });
    expect(byteRange('bytes=-10', 100)).toEqual({ start: 90, end: 99 });
    expect(byteRange('bytes=95-200', 100)).toEqual({ start: 95, end: 99 });
    for (const header of ['bytes=100-', 'bytes=5-2', 'bytes=0-1,5-6', 'items=0-1', 'bytes=-0', 'bytes=-'])
      expect(byteRange(header, 100)).toBeUndefined();
  });

  it('serves 206 with Content-Range for a range of a presigned download, 200 without', async () => {
    const target = await startLocalTarget();
    try {
      const bytes = new Uint8Array(1000).map((_, index) => index % 251);
      await target.storage.put({ key: 'videos/clip.mp4', body: bytes, contentType: 'video/mp4' });
      const { url } = await target.storage.presignDownload({ key: 'videos/clip.mp4', expiresInSeconds: 60 });
      const part = await fetch(url, { headers: { range: 'bytes=100-199' } });
      expect(part.status).toBe(206);
      expect(part.headers.get('content-range')).toBe('bytes 100-199/1000');
      expect(part.headers.get('content-length')).toBe('100');
      expect(new Uint8Array(await part.arrayBuffer())).toEqual(bytes.slice(100, 200));
      const whole = await fetch(url);
      expect(whole.status).toBe(200);
      expect(whole.headers.get('accept-ranges')).toBe('bytes');
      expect(new Uint8Array(await whole.arrayBuffer())).toEqual(bytes);
      const several = await fetch(url, { headers: { range: 'bytes=0-1,5-6' } });
      expect(several.status).toBe(200);
      expect((await several.arrayBuffer()).byteLength).toBe(1000);
    } finally {
      await target.close();
    }
  });
});
