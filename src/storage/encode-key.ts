/**
 * Percent-encodes each `/`-separated segment exactly once (encodeURIComponent), `/` staying the
 * separator. This is the form the CloudFront signer normalises to, so signed and unsigned URLs agree.
 */
export function encodeKeyPath(key: string): string {
  return key.split('/').map(encodeURIComponent).join('/');
}
