/** An MP4 (ISO BMFF) file opens with an `ftyp` box: size (4 bytes), then the type. */
export function isMp4(bytes: Uint8Array): boolean {
  return bytes.length >= 16 && Buffer.from(bytes.subarray(4, 8)).toString('latin1') === 'ftyp';
}
