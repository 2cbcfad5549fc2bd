import { spawn } from 'node:child_process';
import { createCipheriv } from 'node:crypto';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { type S3StandIn, startS3VerifyingFront } from './s3-verifying-front.js';

/** Whether this process can run s3rver's truncated listings (DES needs OpenSSL's legacy provider). */
export function hasLegacyProvider(): boolean {
  try {
    createCipheriv('des', Buffer.alloc(8), Buffer.alloc(8));
    return true;
  } catch {
    return false;
  }
}

/**
 * The S3 stand-in in this process when it can list, else in a child process started with
 * `--openssl-legacy-provider`. `separate: true` forces the child (memory measurements of the client alone).
 */
export async function startS3StandIn(
  options: { separate?: boolean } = {},
): Promise<S3StandIn & { advanceClock(milliseconds: number): Promise<void> }> {
  if (!options.separate && hasLegacyProvider()) {
    let offset = 0;
    const standIn = await startS3VerifyingFront({ now: () => new Date(Date.now() + offset) });
    return Object.assign(standIn, {
      advanceClock: async (milliseconds: number) => {
        offset += milliseconds;
      },
    });
  }
  const main = fileURLToPath(new URL('./s3-stand-in-main.ts', import.meta.url));
  const child = spawn(process.execPath, ['--openssl-legacy-provider', '--import', 'tsx', main], {
    stdio: ['pipe', 'pipe', 'inherit'],
    env: { ...process.env, NODE_OPTIONS: '' },
  });
  const lines = createInterface({ input: child.stdout });
  const nextLine = () =>
    new Promise<string>((resolve, reject) => {
      lines.once('line', resolve);
      child.once('exit', (code) => reject(new Error(`S3 stand-in exited with ${code}`)));
    });
  const line = await nextLine();
  const started = JSON.parse(line) as Pick<S3StandIn, 'endpoint' | 'bucket' | 'region' | 'credentials'>;
  const unsupported = () => {
    throw new Error('fault injection and the request log need the in-process stand-in');
  };
  return {
    ...started,
    get log(): S3StandIn['log'] {
      return unsupported();
    },
    injectFaults: unsupported,
    advanceClock: async (milliseconds: number) => {
      const answered = nextLine();
      child.stdin?.write(`advance ${milliseconds}\n`);
      await answered;
    },
    close: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.stdin?.end();
      }),
  };
}
