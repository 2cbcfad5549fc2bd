import { describe, expect, it } from 'vitest';
import { contentTypeFor, extensionFor } from '../../src/storage/content-types.js';

describe('content types and extensions', () => {
  it('gives each stored content type its extension, and unknown types bin', () => {
    expect(extensionFor('image/png')).toBe('png');
    expect(extensionFor('image/jpeg')).toBe('jpg');
    expect(extensionFor('video/mp4')).toBe('mp4');
    expect(extensionFor('application/zip')).toBe('zip');
    expect(extensionFor('text/plain; charset=utf-8')).toBe('txt');
    expect(extensionFor('application/x-unknown')).toBe('bin');
  });

  it('round-trips: the extension of a type names the same type again', () => {
    for (const type of [
      'image/png',
      'image/jpeg',
      'image/webp',
      'video/mp4',
      'application/json',
      'application/zip',
    ])
      expect(contentTypeFor(`asset.${extensionFor(type)}`)).toBe(type);
  });
});
