import { createRequire } from 'node:module';

/**
 * Checks that provider bytes are a whole, decodable image and reads its type and size, so we
 * never trust a provider's word. `image-size` reads the header (type, dimensions); then the
 * pixels are decoded for real, synchronously and in pure JavaScript: `pngjs` inflates every
 * IDAT and checks every chunk's CRC, `jpeg-js` decodes the scan data. A 0×0 image, a truncated
 * file, or a PNG signature followed by HTML all fail here. (Why not `sharp`: its libvips binary
 * is large and its API is async only, while callers read this synchronously.) WebP has no
 * well-kept synchronous decoder; its RIFF container is checked whole instead (every chunk
 * length adds up to the file, a VP8/VP8L/VP8X bitstream header is present).
 */
export interface ImageInfo {
  mimeType: 'image/png' | 'image/jpeg' | 'image/webp';
  width: number;
  height: number;
}

/** Larger images are refused before their pixels are decoded (a decompression bomb stays small on the wire). */
export const maxImagePixels = 16_777_216;

// Loaded on first use: image decoding is off the start-up path of `stdio`.
const load = createRequire(import.meta.url);
type ImageSize = typeof import('image-size').imageSize;
type PngSync = typeof import('pngjs').PNG.sync;
type JpegDecode = typeof import('jpeg-js').decode;

let libraries: { imageSize: ImageSize; png: PngSync; decodeJpeg: JpegDecode } | undefined;

function decoders() {
  libraries ??= {
    imageSize: (load('image-size') as { imageSize: ImageSize }).imageSize,
    png: (load('pngjs') as typeof import('pngjs')).PNG.sync,
    decodeJpeg: (load('jpeg-js') as { decode: JpegDecode }).decode,
  };
  return libraries;
}

const mimeByType: Record<string, ImageInfo['mimeType']> = {
  png: 'image/png',
  jpg: 'image/jpeg',
  webp: 'image/webp',
};

function webpIsWhole(bytes: Uint8Array): boolean {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const text = (start: number) => String.fromCharCode(...bytes.subarray(start, start + 4));
  if (bytes.length < 20 || text(0) !== 'RIFF' || text(8) !== 'WEBP') return false;
  if (view.getUint32(4, true) + 8 !== bytes.length) return false;
  let offset = 12;
  let bitstream = false;
  while (offset + 8 <= bytes.length) {
    const chunk = text(offset);
    const size = view.getUint32(offset + 4, true);
    if (chunk === 'VP8 ' || chunk === 'VP8L' || chunk === 'VP8X') bitstream = true;
    offset += 8 + size + (size % 2);
  }
  return bitstream && offset === bytes.length;
}

/** Throws when the pixels do not decode. */
function decode(bytes: Uint8Array, mimeType: ImageInfo['mimeType']): void {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (mimeType === 'image/png') {
    // Nothing after IEND: a valid image with a page appended is a polyglot, not an image.
    if (buffer.subarray(-12).toString('hex') !== '0000000049454e44ae426082')
      throw new Error('data after IEND');
    decoders().png.read(buffer, { checkCRC: true });
    return;
  }
  if (mimeType === 'image/jpeg') {
    decoders().decodeJpeg(buffer, {
      useTArray: true,
      tolerantDecoding: false,
      maxResolutionInMP: maxImagePixels / 1_000_000,
      maxMemoryUsageInMB: 256,
    });
    return;
  }
  if (!webpIsWhole(bytes)) throw new Error('not a whole WebP file');
}

/** The image's type and size, or undefined when the bytes are not a whole PNG, JPEG or WebP. */
export function readImageInfo(bytes: Uint8Array): ImageInfo | undefined {
  try {
    const header = decoders().imageSize(bytes);
    const mimeType = mimeByType[header.type ?? ''];
    const { width, height } = header;
    if (mimeType === undefined || width === undefined || height === undefined) return undefined;
    if (width < 1 || height < 1 || width * height > maxImagePixels) return undefined;
    decode(bytes, mimeType);
    return { mimeType, width, height };
  } catch {
    return undefined;
  }
}
