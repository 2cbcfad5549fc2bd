import jpeg from 'jpeg-js';
import { describe, expect, it } from 'vitest';
import { readImageInfo } from '../../src/providers/image-dimensions.js';
import { encodePng } from '../fakes/png.js';

function encodeJpeg(width: number, height: number): Buffer {
  const data = Buffer.alloc(width * height * 4, 0x80);
  return jpeg.encode({ data, width, height }, 80).data;
}

// A 1×1 lossless WebP.
const webp = Buffer.from('UklGRhoAAABXRUJQVlA4TA0AAAAvAAAAEAcQERGIiP4HAA==', 'base64');

/** Provider bytes are decoded for real before anything is stored or charged (issue 11). */
describe('readImageInfo', () => {
  it('reads whole PNG, JPEG and WebP images', () => {
    expect(readImageInfo(encodePng(64, 32))).toEqual({ mimeType: 'image/png', width: 64, height: 32 });
    expect(readImageInfo(encodeJpeg(40, 24))).toEqual({ mimeType: 'image/jpeg', width: 40, height: 24 });
    expect(readImageInfo(webp)).toEqual({ mimeType: 'image/webp', width: 1, height: 1 });
  });

  it('refuses a 0×0 PNG', () => {
    expect(readImageInfo(encodePng(0, 0))).toBeUndefined();
    expect(readImageInfo(encodePng(0, 16))).toBeUndefined();
  });

  it('refuses PNG magic followed by HTML, and a PNG with a page appended', () => {
    const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    const html = Buffer.from('<html><script>alert(document.cookie)</script></html>');
    expect(readImageInfo(Buffer.concat([signature, html]))).toBeUndefined();
    // A real header, then a page where the pixels should be.
    const png = encodePng(8, 8);
    expect(readImageInfo(Buffer.concat([png.subarray(0, 33), html]))).toBeUndefined();
    expect(readImageInfo(Buffer.concat([png, html]))).toBeUndefined();
  });

  it('refuses truncated images of every kind', () => {
    const png = encodePng(128, 128, [10, 200, 30]);
    const jpg = encodeJpeg(128, 128);
    for (const cut of [0.3, 0.6, 0.95]) {
      expect(readImageInfo(png.subarray(0, Math.floor(png.length * cut)))).toBeUndefined();
      expect(readImageInfo(jpg.subarray(0, Math.floor(jpg.length * cut)))).toBeUndefined();
    }
    expect(readImageInfo(webp.subarray(0, webp.length - 3))).toBeUndefined();
  });

  it('refuses a corrupted pixel stream whose header is intact', () => {
    const png = Buffer.from(encodePng(32, 32));
    png[45] = (png[45] ?? 0) ^ 0xff; // inside IDAT: the CRC no longer matches
    expect(readImageInfo(png)).toBeUndefined();
  });

  it('refuses an image too large to decode safely, from its header alone', () => {
    const header = Buffer.from(encodePng(1, 1));
    header.writeUInt32BE(100_000, 16);
    header.writeUInt32BE(100_000, 20);
    expect(readImageInfo(header)).toBeUndefined();
  });
});
