import { describe, expect, it } from 'vitest';
import { envSchema } from '../../src/config/env-schema.js';
import {
  codeBlocks,
  markdownSection,
  readmeClientEntries,
  readRepoFile,
} from '../e2e/support/readme-snippets.js';

const packageJson = JSON.parse(readRepoFile('package.json')) as { name: string; bin: Record<string, string> };
const readme = readRepoFile('README.md');

describe('README client snippets', () => {
  const clients = markdownSection(readme, '### Connect an MCP client');
  const found = readmeClientEntries();
  const snippets = [...new Set(found.map(({ snippet }) => snippet))];
  const entries = found.map(({ entry }) => entry);

  it('the package and its bin are both called adengine, the bin a built file', () => {
    expect(packageJson.name).toBe('adengine');
    expect(Object.keys(packageJson.bin)).toEqual(['adengine']);
    expect(packageJson.bin.adengine).toBe('dist/cli.js');
  });

  it('every JSON snippet parses, for Claude Desktop / Cursor (mcpServers) and VS Code (servers)', () => {
    expect(snippets.length).toBeGreaterThanOrEqual(5);
    expect(snippets.some((snippet) => 'servers' in snippet)).toBe(true);
    expect(snippets.some((snippet) => 'mcpServers' in snippet)).toBe(true);
  });

  it('stdio snippets start the real bin (never `npx adengine`, which would ask the registry)', () => {
    const stdio = entries.filter((entry) => entry.command !== undefined);
    expect(stdio.length).toBeGreaterThanOrEqual(3);
    for (const entry of stdio) {
      if (entry.command === 'node') {
        expect(entry.args?.[0]).toMatch(new RegExp(`/${packageJson.bin.adengine?.replace('.', '\\.')}$`));
        expect(entry.args?.slice(1)).toEqual(['stdio']);
      } else {
        expect(entry.command).toBe(Object.keys(packageJson.bin)[0]);
        expect(entry.args).toEqual(['stdio']);
      }
      if (entry.type !== undefined) expect(entry.type).toBe('stdio');
      expect(entry.env?.ADENGINE_HOME).toMatch(/^\//);
    }
    expect(clients).not.toMatch(/npx adengine|"npx"/);
  });

  it('HTTP snippets name /mcp and a bearer key', () => {
    const http = entries.filter((entry) => entry.url !== undefined);
    expect(http.length).toBeGreaterThanOrEqual(2);
    for (const entry of http) {
      expect(entry.url).toBe('http://127.0.0.1:8787/mcp');
      expect(entry.headers?.Authorization).toMatch(/^Bearer ae_/);
      if (entry.type !== undefined) expect(entry.type).toBe('http');
    }
  });

  it('the Inspector command pins a version that sends headers', () => {
    const shell = codeBlocks(clients, 'sh').join('\n');
    expect(shell).toMatch(/npm install -g \./);
    expect(shell).toMatch(
      /npx @modelcontextprotocol\/inspector@0\.22\.0 --cli http:\/\/127\.0\.0\.1:8787\/mcp --transport http \\\n\s+--header "Authorization: Bearer ae_YOUR_KEY"/,
    );
    expect(shell).toMatch(/inspector@0\.22\.0 --cli adengine stdio/);
  });
});

describe('.env.example', () => {
  const example = readRepoFile('.env.example');
  const lines = example.split('\n');
  const listed = new Map<string, number>();
  lines.forEach((line, index) => {
    const match = /^#? ?([A-Z][A-Z0-9_]+)=/.exec(line);
    if (match !== null) listed.set(match[1] as string, index);
  });

  it('lists every variable the config schema reads, each under a one-line comment', () => {
    for (const variable of Object.keys(envSchema.shape)) {
      const at = listed.get(variable);
      expect(at, `${variable} is missing from .env.example`).toBeDefined();
      const comment = lines[(at as number) - 1] ?? '';
      expect(comment, `${variable} needs a comment line above it`).toMatch(/^# [a-z(]/i);
      expect(/^#? ?[A-Z][A-Z0-9_]+=/.test(comment), `${variable}: the line above is another variable`).toBe(
        false,
      );
    }
  });

  it('lists every variable of the README configuration table, and nothing the config does not read', () => {
    const table = markdownSection(readme, '## Configuration');
    const documented = new Set(
      [...table.matchAll(/`([A-Z][A-Z0-9_]{2,})`/g)].map((match) => match[1] as string),
    );
    for (const variable of documented) expect(listed.has(variable), variable).toBe(true);
    const known = new Set(Object.keys(envSchema.shape));
    for (const variable of listed.keys()) expect(known.has(variable), `${variable} is not read`).toBe(true);
  });
});
