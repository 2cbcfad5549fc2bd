import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { GeminiFake } from '../../fakes/gemini-fake.js';

export const cliPath = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../dist/cli.js');

export async function tempHome(): Promise<string> {
  return mkdtemp(path.join(tmpdir(), 'adengine-e2e-'));
}

/** A clean environment: nothing from the developer's shell leaks into the server under test. */
export function baseEnv(extra: Record<string, string>): Record<string, string> {
  return { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', LOG_LEVEL: 'warn', ...extra };
}

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the built CLI once and collects its output. */
export function runCli(
  args: string[],
  env: Record<string, string>,
  options: { keepStdinOpen?: boolean } = {},
): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cliPath, ...args], {
      env,
      stdio: [options.keepStdinOpen ? 'pipe' : 'ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

export interface ServeProcess {
  child: ChildProcess;
  baseUrl: string;
  firstKey: string;
  output: () => string;
  stop(): Promise<void>;
}

/** Starts `adengine serve` on a free port and waits for /health; returns the first-start API key. */
export async function startServe(env: Record<string, string>): Promise<ServeProcess> {
  const child = spawn(process.execPath, [cliPath, 'serve', '--port', '0'], {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const deadline = Date.now() + 60_000;
  let baseUrl: string | undefined;
  while (baseUrl === undefined) {
    if (child.exitCode !== null) throw new Error(`serve exited ${child.exitCode}: ${stderr}`);
    if (Date.now() > deadline) throw new Error(`serve did not start: ${stderr}`);
    baseUrl = /listening on (http:\/\/\S+) /.exec(stderr)?.[1];
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  const firstKey = /API key \(shown once, keep it\): (\S+)/.exec(stdout)?.[1] ?? '';
  return {
    child,
    baseUrl,
    firstKey,
    output: () => `${stdout}\n${stderr}`,
    stop: async () => {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    },
  };
}

/**
 * A fresh home whose Gemini is the stand-in, with one user created there through the CLI
 * (as the stdio suites start: that user is the one `adengine stdio` serves).
 */
export async function homeWithGeminiUser(
  email: string,
  credits = 300,
): Promise<{ gemini: GeminiFake; env: Record<string, string> }> {
  const gemini = await GeminiFake.start();
  const env = baseEnv({
    ADENGINE_HOME: await tempHome(),
    GEMINI_API_KEY: gemini.apiKey,
    GEMINI_BASE_URL: gemini.baseUrl,
  });
  const created = await runCli(['users', 'create', '--email', email, '--credits', String(credits)], env);
  if (created.code !== 0) {
    await gemini.close();
    throw new Error(`users create failed: ${created.stderr}`);
  }
  return { gemini, env };
}
