import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { S3Storage } from '../../src/storage/s3/s3-storage.js';
import { s3Client } from '../contract/storage-setups.js';
import { startS3StandIn } from './s3-stand-in.js';

export interface UploadMeasurement {
  bytes: number;
  seconds: number;
  mibPerSecond: number;
  /** Peak growth over the baseline taken just before the upload. */
  rssGrowthMib: number;
  arrayBuffersGrowthMib: number;
  heapUsedGrowthMib: number;
  uploadedSha256: string;
  downloadedSha256: string;
}

const mib = 1024 * 1024;

/** A stream of `total` bytes made on demand (64 KiB at a time), hashing what it hands out. */
function generated(total: number, hash: ReturnType<typeof createHash>): Readable {
  let sent = 0;
  let counter = 0;
  return new Readable({
    read() {
      if (sent >= total) return void this.push(null);
      const size = Math.min(64 * 1024, total - sent);
      const chunk = Buffer.alloc(size, counter++ % 251);
      chunk.writeUInt32BE(counter, 0);
      hash.update(chunk);
      sent += size;
      this.push(chunk);
    },
  });
}

/**
 * Uploads `totalBytes` as one stream to the S3 stand-in (run in a child process, so only the
 * uploader's memory is measured) and samples this process's memory while it runs.
 */
export async function measureLargeUpload(
  totalBytes: number,
  options: { partSizeBytes?: number; queueSize?: number; collectGarbage?: boolean } = {},
): Promise<UploadMeasurement> {
  const standIn = await startS3StandIn({ separate: true });
  const client = s3Client(standIn);
  try {
    const { collectGarbage, ...sizes } = options;
    const gc = collectGarbage ? (globalThis as { gc?: () => void }).gc : undefined;
    if (collectGarbage && gc === undefined) throw new Error('collectGarbage needs node --expose-gc');
    const storage = new S3Storage({ client, bucket: standIn.bucket, prefix: 'bench', ...sizes });
    // Warm the client (connections, lazy modules) so the baseline is not charged to the upload.
    await storage.put({ key: 'warm-up', body: Buffer.from('x'), contentType: 'text/plain' });
    gc?.();
    const baseline = process.memoryUsage();
    const peak = { ...baseline };
    // With collectGarbage, each sample follows a full GC: live memory, not garbage V8 has yet to collect.
    const sampler = setInterval(
      () => {
        gc?.();
        const now = process.memoryUsage();
        peak.rss = Math.max(peak.rss, now.rss);
        peak.arrayBuffers = Math.max(peak.arrayBuffers, now.arrayBuffers);
        peak.heapUsed = Math.max(peak.heapUsed, now.heapUsed);
      },
      gc === undefined ? 20 : 50,
    );
    const uploadHash = createHash('sha256');
    const started = process.hrtime.bigint();
    try {
      await storage.put({
        key: 'large/200mib.bin',
        body: generated(totalBytes, uploadHash),
        contentType: 'application/octet-stream',
      });
    } finally {
      clearInterval(sampler);
    }
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    const downloadHash = createHash('sha256');
    const { object, body } = await storage.get('large/200mib.bin');
    for await (const chunk of body) downloadHash.update(chunk as Buffer);
    if (object.size !== totalBytes) throw new Error(`stored ${object.size} bytes, expected ${totalBytes}`);
    return {
      bytes: totalBytes,
      seconds,
      mibPerSecond: totalBytes / mib / seconds,
      rssGrowthMib: (peak.rss - baseline.rss) / mib,
      arrayBuffersGrowthMib: (peak.arrayBuffers - baseline.arrayBuffers) / mib,
      heapUsedGrowthMib: (peak.heapUsed - baseline.heapUsed) / mib,
      uploadedSha256: uploadHash.digest('hex'),
      downloadedSha256: downloadHash.digest('hex'),
    };
  } finally {
    client.destroy();
    await standIn.close();
  }
}
