import { createHash } from 'node:crypto';
import { chmod, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import lockfile from 'proper-lockfile';
import { AppError } from '../../errors/app-error.js';
import { OwnerClient } from './owner-client.js';

/** Where the processes of one embedded database meet, all derived from its data folder. */
export interface HomePaths {
  dataDir: string;
  /** The owner's Unix socket: bound means owned. */
  socket: string;
  /** The owner's process id, to tell a dead owner's socket from a busy one's. */
  owner: string;
  /** Held for the few milliseconds of a claim, so two processes never break one stale socket. */
  takeover: string;
}

/** Linux refuses socket paths over 107 bytes; a long home gets its socket in the temp folder. */
const socketPathLimit = 100;
/** A socket that refuses connections while its recorded owner still lives: waited out this long. */
const refusedGraceMs = 2_000;

export function homePaths(dataDir: string): HomePaths {
  const resolved = path.resolve(dataDir);
  const beside = `${resolved}.sock`;
  const hash = createHash('sha256').update(resolved).digest('hex').slice(0, 16);
  return {
    dataDir: resolved,
    socket:
      Buffer.byteLength(beside) <= socketPathLimit ? beside : path.join(tmpdir(), `adengine-${hash}.sock`),
    owner: `${resolved}.owner`,
    takeover: `${resolved}.takeover`,
  };
}

export type Reached = { kind: 'remote'; client: OwnerClient } | { kind: 'claimed'; server: Server };

async function tryConnect(socketPath: string): Promise<OwnerClient | string> {
  try {
    return await OwnerClient.connect(socketPath);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code ?? 'UNKNOWN';
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function recordedOwner(paths: HomePaths): Promise<number | undefined> {
  const text = await readFile(paths.owner, 'utf8').catch(() => '');
  return /^[0-9]+$/.test(text.trim()) ? Number(text.trim()) : undefined;
}

async function takeoverLock(paths: HomePaths): Promise<(() => Promise<void>) | undefined> {
  try {
    return await lockfile.lock(paths.dataDir, {
      lockfilePath: paths.takeover,
      realpath: false,
      stale: 10_000,
      update: 2_000,
      retries: 0,
      onCompromised: () => undefined,
    });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ELOCKED') return undefined;
    throw error;
  }
}

function listen(server: Server, socketPath: string): Promise<string | undefined> {
  return new Promise((resolve) => {
    const failed = (error: NodeJS.ErrnoException) => resolve(error.code ?? 'UNKNOWN');
    server.once('error', failed);
    server.listen(socketPath, () => {
      server.off('error', failed);
      resolve(undefined);
    });
  });
}

/**
 * Connects to the home's owner, or becomes it. Claiming happens under the takeover lock: the
 * socket is bound (the kernel lets one process bind a path) only when nobody answers on it, and a
 * dead owner's socket is removed first. `accept` serves connections from the moment of binding.
 */
export async function reachOrClaim(
  paths: HomePaths,
  accept: (socket: Socket) => void,
  timeoutMs: number,
): Promise<Reached> {
  await mkdir(path.dirname(paths.dataDir), { recursive: true });
  const deadline = Date.now() + timeoutMs;
  let refusedSince: number | undefined;
  for (let attempt = 0; ; attempt++) {
    if (attempt > 0) await delay(Math.min(5 * attempt, 50));
    if (Date.now() > deadline) {
      throw new AppError(
        'UNAVAILABLE',
        `the embedded database ${paths.dataDir} is held by a process that does not answer on ${paths.socket}. ` +
          `Fix: stop that process (its id is in ${paths.owner}), or remove ${paths.socket} if no adengine process runs`,
      );
    }
    const first = await tryConnect(paths.socket);
    if (first instanceof OwnerClient) return { kind: 'remote', client: first };
    if (first !== 'ENOENT' && first !== 'ECONNREFUSED') continue;
    const release = await takeoverLock(paths);
    if (release === undefined) continue;
    try {
      const again = await tryConnect(paths.socket);
      if (again instanceof OwnerClient) return { kind: 'remote', client: again };
      if (again === 'ECONNREFUSED') {
        const owner = await recordedOwner(paths);
        if (owner !== undefined && owner !== process.pid && alive(owner)) {
          refusedSince ??= Date.now();
          // A live owner whose backlog is full refuses too (macOS); its id may also have been reused.
          if (Date.now() - refusedSince < refusedGraceMs) continue;
        }
        await rm(paths.socket, { force: true });
      } else if (again !== 'ENOENT') continue;
      const server = createServer(accept);
      if ((await listen(server, paths.socket)) !== undefined) continue;
      // Whoever can connect can run any SQL: only this user (the socket may sit in the temp folder).
      await chmod(paths.socket, 0o600);
      await writeFile(paths.owner, String(process.pid));
      return { kind: 'claimed', server };
    } finally {
      await release().catch(() => undefined);
    }
  }
}

/** Forgets the recorded owner id if it is this process's (called before the socket is released). */
export async function forgetOwner(paths: HomePaths): Promise<void> {
  if ((await recordedOwner(paths)) === process.pid) await rm(paths.owner, { force: true });
}
