// Streams a generated file to the S3 stand-in (s3rver behind the SigV4 front, in a child process)
// through S3Storage.put and prints this process's peak memory growth and the throughput: once as
// V8 leaves it (garbage collected lazily), once with a full GC before each sample (live memory).
// Usage: node --expose-gc --import tsx bench/storage-upload.ts [MiB=200] [partMiB=8] [queueSize=2] [--json]
import { measureLargeUpload, type UploadMeasurement } from '../test/fakes/s3-upload-measure.js';

const json = process.argv.includes('--json');
const [mibText = '200', partText, queueText] = process.argv
  .slice(2)
  .filter((argument) => argument !== '--json');
const mib = 1024 * 1024;
const sizes = {
  partSizeBytes: partText === undefined ? undefined : Number(partText) * mib,
  queueSize: queueText === undefined ? undefined : Number(queueText),
};
const canCollect = typeof (globalThis as { gc?: unknown }).gc === 'function';
const lazy = await measureLargeUpload(Number(mibText) * mib, sizes);
const live = canCollect
  ? await measureLargeUpload(Number(mibText) * mib, { ...sizes, collectGarbage: true })
  : undefined;

if (json) {
  process.stdout.write(`${JSON.stringify({ lazy, live })}\n`);
} else {
  const line = (label: string, value: string) => process.stdout.write(`${label.padEnd(34)}${value}\n`);
  const report = (name: string, result: UploadMeasurement) => {
    line(`${name}: throughput`, `${result.mibPerSecond.toFixed(1)} MiB/s (${result.seconds.toFixed(2)} s)`);
    line(`${name}: peak RSS growth`, `${result.rssGrowthMib.toFixed(1)} MiB`);
    line(`${name}: peak arrayBuffers growth`, `${result.arrayBuffersGrowthMib.toFixed(1)} MiB`);
    line(
      `${name}: integrity`,
      result.uploadedSha256 === result.downloadedSha256 ? 'sha256 matches' : 'MISMATCH',
    );
  };
  line('upload', `${mibText} MiB, part ${partText ?? 'default'} MiB, queue ${queueText ?? 'default'}`);
  report('lazy GC', lazy);
  if (live) report('live (GC per sample)', live);
  else line('live', 'run with node --expose-gc to measure live memory');
}
