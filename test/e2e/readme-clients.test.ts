import { chmod, mkdir, symlink } from 'node:fs/promises';
import path from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toolList } from '../../src/tools/tool-list.js';
import { baseEnv, cliPath, type ServeProcess, startServe, tempHome } from './support/cli-process.js';
import { type ClientServerEntry, readmeClientEntries, repoRoot } from './support/readme-snippets.js';

/** The README's placeholders, filled in as a user would: the clone's path, a home, a key, a port. */
function filled(text: string, values: { home: string; key?: string; port?: string }): string {
  return text
    .replace('/absolute/path/to/adengine/.adengine', values.home)
    .replace('/absolute/path/to/adengine', repoRoot)
    .replace('ae_YOUR_KEY', values.key ?? 'ae_YOUR_KEY')
    .replace('127.0.0.1:8787', `127.0.0.1:${values.port ?? '8787'}`);
}

async function listedTools(client: Client): Promise<string[]> {
  const { tools } = await client.listTools();
  await client.close();
  return tools.map((tool) => tool.name);
}

describe('the README client snippets work as written', () => {
  const entries = readmeClientEntries().map(({ entry }) => entry);
  let home: string;
  let binDir: string;
  let serve: ServeProcess | undefined;

  beforeAll(async () => {
    home = await tempHome();
    // What `npm install -g .` leaves on PATH: a link named after the package's bin to the built file.
    binDir = path.join(await tempHome(), 'bin');
    await mkdir(binDir);
    await symlink(cliPath, path.join(binDir, 'adengine'));
    await chmod(cliPath, 0o755); // as npm's bin linking does
  });
  afterAll(async () => {
    await serve?.stop();
  });

  it('every stdio snippet starts a server that lists the tools', async () => {
    const stdio = entries.filter((entry) => entry.command !== undefined);
    expect(stdio.length).toBeGreaterThanOrEqual(3);
    for (const entry of stdio) {
      const configured = JSON.parse(filled(JSON.stringify(entry), { home })) as Required<
        Pick<ClientServerEntry, 'command' | 'args' | 'env'>
      >;
      // Clients start servers with their own environment: only PATH (with the global bin) and the snippet's env.
      const env = baseEnv({ ...configured.env, PATH: `${binDir}:${process.env.PATH ?? ''}` });
      const transport = new StdioClientTransport({ ...configured, env, cwd: '/', stderr: 'ignore' });
      const client = new Client({ name: 'readme-stdio', version: '1.0.0' });
      await client.connect(transport);
      expect(await listedTools(client)).toEqual(toolList.map((tool) => tool.name));
    }
  });

  it('every HTTP snippet reaches /mcp with its bearer key', async () => {
    // A home of its own: the first start creates the local user and prints its key.
    serve = await startServe(baseEnv({ ADENGINE_HOME: await tempHome() }));
    const port = new URL(serve.baseUrl).port;
    const http = entries.filter((entry) => entry.url !== undefined);
    expect(http.length).toBeGreaterThanOrEqual(2);
    const key = serve.firstKey;
    expect(key).toMatch(/^ae_/);
    for (const entry of http) {
      const configured = JSON.parse(filled(JSON.stringify(entry), { home, key, port })) as Required<
        Pick<ClientServerEntry, 'url' | 'headers'>
      >;
      const client = new Client({ name: 'readme-http', version: '1.0.0' });
      await client.connect(
        new StreamableHTTPClientTransport(new URL(configured.url), {
          requestInit: { headers: configured.headers },
        }),
      );
      expect(await listedTools(client)).toEqual(toolList.map((tool) => tool.name));
    }
  });
});
