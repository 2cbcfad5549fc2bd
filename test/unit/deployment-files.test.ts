import { execFile } from 'node:child_process';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { envSchema } from '../../src/config/env-schema.js';
import { secretSettings } from '../../src/config/secret-settings.js';
import { markdownSection, readRepoFile } from '../e2e/support/readme-snippets.js';

/** No Docker engine runs here: these files are checked by parsing them, never by building the image. */
interface Instruction {
  keyword: string;
  args: string;
}

function dockerInstructions(text: string): Instruction[] {
  const joined = text.replace(/\\\n/g, ' ');
  return joined
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'))
    .map((line) => {
      const [keyword = '', ...rest] = line.split(/\s+/);
      return { keyword: keyword.toUpperCase(), args: rest.join(' ') };
    });
}

function stages(instructions: Instruction[]): Array<{ from: string; name: string; body: Instruction[] }> {
  const result: Array<{ from: string; name: string; body: Instruction[] }> = [];
  for (const instruction of instructions) {
    if (instruction.keyword === 'FROM') {
      const match = /^(\S+)(?:\s+AS\s+(\S+))?$/i.exec(instruction.args);
      result.push({ from: match?.[1] ?? '', name: match?.[2] ?? '', body: [] });
    } else result.at(-1)?.body.push(instruction);
  }
  return result;
}

const schemaVariables = new Set(Object.keys(envSchema.shape));
const secretVariables = new Set<string>(secretSettings.flatMap((setting) => setting.variables));
/** Secrets whose whole value is secret (URL settings only hide their userinfo: checked one by one). */
const wholeSecrets = new Set(
  secretSettings.filter((setting) => setting.kind === 'secret').flatMap((setting) => setting.variables),
);

describe('Dockerfile', () => {
  const instructions = dockerInstructions(readRepoFile('Dockerfile'));
  const all = stages(instructions);
  const final = all.at(-1)!;
  const of = (keyword: string) => final.body.filter((instruction) => instruction.keyword === keyword);

  it('builds in stages on Node 22 slim and installs only production dependencies in what runs', () => {
    expect(all.map((stage) => stage.name)).toEqual(['build', 'deps', 'runtime']);
    const nodeImage = /ARG NODE_IMAGE=(\S+)/.exec(readRepoFile('Dockerfile'))?.[1];
    expect(nodeImage).toMatch(/^node:22(\.\d+)*-[a-z]+-slim$/);
    expect(all.every((stage) => /^\$\{NODE_IMAGE\}$/.test(stage.from))).toBe(true);
    const deps = all.find((stage) => stage.name === 'deps')!;
    expect(deps.body.some((step) => step.keyword === 'RUN' && /npm ci --omit=dev/.test(step.args))).toBe(
      true,
    );
    const copies = of('COPY').map((step) => step.args);
    expect(copies.some((args) => /--from=deps .*node_modules/.test(args))).toBe(true);
    expect(copies.some((args) => /--from=build .*\/app\/dist/.test(args))).toBe(true);
    expect(copies.some((args) => /--from=build .*node_modules/.test(args))).toBe(false);
  });

  it('runs as a non-root user, checks /ready, and runs `adengine serve` by default', () => {
    const user = of('USER').at(-1)?.args;
    expect(user).toBeDefined();
    expect(user).not.toMatch(/^(root|0)(:|$)/);
    const healthcheck = of('HEALTHCHECK');
    expect(healthcheck).toHaveLength(1);
    expect(healthcheck[0]?.args).toMatch(/CMD .*\/ready/);
    expect(JSON.parse(of('CMD').at(-1)?.args ?? 'null')).toEqual(['adengine', 'serve']);
    expect(of('ENTRYPOINT')).toEqual([]);
  });

  it('the HEALTHCHECK command itself exits 0 on a 200 from /ready and 1 on a 503 or no server', async () => {
    const command = JSON.parse(
      /CMD (\[.*\])$/.exec(of('HEALTHCHECK')[0]?.args ?? '')?.[1] ?? '[]',
    ) as string[];
    expect(command[0]).toBe('node');
    let status = 200;
    const paths: string[] = [];
    const server = createServer((request, response) => {
      paths.push(request.url ?? '');
      response.writeHead(status).end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = String((server.address() as AddressInfo).port);
    const run = (env: Record<string, string>) =>
      promisify(execFile)(process.execPath, command.slice(1), {
        env: { PATH: process.env.PATH ?? '', ...env },
      }).then(
        () => 0,
        (error: { code?: number }) => error.code ?? -1,
      );
    try {
      expect(await run({ PORT: port })).toBe(0);
      status = 503;
      expect(await run({ PORT: port })).toBe(1);
      expect(paths).toEqual(['/ready', '/ready']);
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
    expect(await run({ PORT: port })).toBe(1);
  });

  it('bakes in no secret and sets only variables the config reads', () => {
    const envLines = instructions.filter((step) => step.keyword === 'ENV' || step.keyword === 'ARG');
    const names = envLines.flatMap((step) =>
      [...step.args.matchAll(/([A-Z][A-Z0-9_]+)=/g)].map((m) => m[1] as string),
    );
    expect(names.filter((name) => name !== 'NODE_IMAGE').every((name) => schemaVariables.has(name))).toBe(
      true,
    );
    expect(names.filter((name) => secretVariables.has(name))).toEqual([]);
    expect(readRepoFile('Dockerfile')).not.toMatch(/COPY\s+.*\.env\b/);
  });

  it('.dockerignore keeps local data, secrets and dependencies out of the build context', () => {
    const ignored = readRepoFile('.dockerignore')
      .split('\n')
      .map((line) => line.trim());
    for (const entry of ['.git', 'node_modules', 'dist', '.env', '.env.*', '.adengine', '*.pem']) {
      expect(ignored, entry).toContain(entry);
    }
  });
});

describe('compose.yaml', () => {
  const compose = parseYaml(readRepoFile('compose.yaml')) as {
    services: Record<
      string,
      {
        image?: string;
        build?: unknown;
        environment?: Record<string, string>;
        volumes?: string[];
        depends_on?: Record<string, { condition: string }>;
        healthcheck?: unknown;
      }
    >;
    volumes: Record<string, unknown>;
  };

  it('runs the app, PostgreSQL on a named volume, and an S3-compatible store', () => {
    const { app, postgres, minio } = compose.services;
    expect(app?.build).toBe('.');
    expect(postgres?.image).toMatch(/^postgres:\d+/);
    expect(postgres?.volumes).toContain('postgres-data:/var/lib/postgresql/data');
    expect(Object.keys(compose.volumes)).toEqual(expect.arrayContaining(['postgres-data', 'adengine-home']));
    expect(minio?.image).toMatch(/^minio\/minio:RELEASE\./);
    expect(app?.depends_on?.postgres?.condition).toBe('service_healthy');
    expect(postgres?.healthcheck).toBeDefined();
  });

  it('wires the app through the config variables only, with no secret written in the file', () => {
    const environment = compose.services.app?.environment ?? {};
    const unknown = Object.keys(environment).filter((name) => !schemaVariables.has(name));
    expect(unknown).toEqual([]);
    expect(environment.DATABASE_URL).toMatch(
      /^postgres:\/\/adengine:\$\{POSTGRES_PASSWORD:\?[^}]*\}@postgres:5432\/adengine$/,
    );
    expect(environment.STORAGE_BACKEND).toBe('s3');
    for (const [name, value] of Object.entries(environment)) {
      if (wholeSecrets.has(name as never)) expect(value, name).toMatch(/^\$\{[A-Z0-9_]+:?[-?][^}]*\}$/);
    }
    for (const service of Object.values(compose.services)) {
      for (const [name, value] of Object.entries(service.environment ?? {})) {
        if (/PASSWORD|SECRET|TOKEN|API_KEY/.test(name)) expect(value, name).toMatch(/^\$\{/);
      }
    }
  });
});

describe('the variables of the config schema, .env.example and the README configuration table', () => {
  it('are exactly the same set', () => {
    const example = new Set(
      readRepoFile('.env.example')
        .split('\n')
        .map((line) => /^#? ?([A-Z][A-Z0-9_]+)=/.exec(line)?.[1])
        .filter((name): name is string => name !== undefined),
    );
    const table = markdownSection(readRepoFile('README.md'), '## Configuration');
    const readme = new Set([...table.matchAll(/`([A-Z][A-Z0-9_]{2,})`/g)].map((match) => match[1] as string));
    const sorted = (set: Set<string>) => [...set].sort();
    expect(sorted(example)).toEqual(sorted(schemaVariables));
    expect(sorted(readme)).toEqual(sorted(schemaVariables));
  });
});
