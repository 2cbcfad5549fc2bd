const byExtension: Record<string, string> = {
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  webp: 'image/webp',
  avif: 'image/avif',
  svg: 'image/svg+xml',
  mp4: 'video/mp4',
  webm: 'video/webm',
  mov: 'video/quicktime',
  mp3: 'audio/mpeg',
  wav: 'audio/wav',
  json: 'application/json',
  pdf: 'application/pdf',
  zip: 'application/zip',
  txt: 'text/plain',
  csv: 'text/csv',
  md: 'text/markdown',
  html: 'text/html',
};

/** The lower-case extension of a file name or key, without the dot; '' when there is none. */
export function extensionOf(name: string): string {
  const base = name.slice(name.lastIndexOf('/') + 1);
  const dot = base.lastIndexOf('.');
  return dot <= 0 ? '' : base.slice(dot + 1).toLowerCase();
}

/** A content type guessed from the name; unknown extensions are plain bytes. */
export function contentTypeFor(name: string): string {
  return byExtension[extensionOf(name)] ?? 'application/octet-stream';
}

/** The first extension listed for each content type (so image/jpeg is `jpg`). */
const extensionByType = new Map<string, string>();
for (const [extension, type] of Object.entries(byExtension))
  if (!extensionByType.has(type)) extensionByType.set(type, extension);

/** The file extension for a content type (parameters ignored); `bin` when unknown. */
export function extensionFor(contentType: string): string {
  const type = contentType.split(';', 1)[0]?.trim().toLowerCase() ?? '';
  return extensionByType.get(type) ?? 'bin';
}
