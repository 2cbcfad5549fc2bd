// Runs the S3 stand-in in its own process (started with --openssl-legacy-provider, which s3rver's
// DES continuation tokens need) and prints its address as one JSON line. Stdin takes `advance <ms>`
// lines (the front's clock, answered with `ok`); closing stdin stops it.
import { createInterface } from 'node:readline';
import { startS3VerifyingFront } from './s3-verifying-front.js';

let offset = 0;
const standIn = await startS3VerifyingFront({ now: () => new Date(Date.now() + offset) });
const { endpoint, bucket, region, credentials } = standIn;
process.stdout.write(`${JSON.stringify({ endpoint, bucket, region, credentials })}\n`);
const commands = createInterface({ input: process.stdin });
commands.on('line', (line) => {
  const [command, value] = line.split(' ');
  if (command === 'advance') offset += Number(value);
  process.stdout.write('ok\n');
});
commands.on('close', () => {
  void standIn.close().then(() => process.exit(0));
});
