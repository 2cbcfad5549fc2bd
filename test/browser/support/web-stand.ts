import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { baseEnv, runCli, type ServeProcess, startServe, tempHome } from '../../e2e/support/cli-process.js';
import { connectHttpClient } from '../../e2e/support/sampling-client.js';
import { type BedrockFake, bedrockEnv, startBedrockFake } from '../../fakes/bedrock-fake.js';

export interface WebStand {
  server: ServeProcess;
  bedrock: BedrockFake;
  /** A key of a user with plenty of credits. */
  key: string;
  /** An MCP client over Streamable HTTP with that key. */
  mcp(): Promise<Client>;
  close(): Promise<void>;
}

/**
 * The built `adengine serve` on a temp home, its chat and images on the Bedrock stand-in (which
 * streams its answer frame by frame and calls a tool when asked "please call the tool X").
 */
export async function startWebStand(): Promise<WebStand> {
  const bedrock = await startBedrockFake({ frameDelayMs: 20 });
  const env = baseEnv({
    ADENGINE_HOME: await tempHome(),
    ...bedrockEnv(bedrock),
    DEFAULT_CHAT_MODEL: 'claude-sonnet-4.6',
    DEFAULT_IMAGE_MODEL: 'stable-image-core',
  });
  const email = 'web@example.com';
  const created = await runCli(['users', 'create', '--email', email, '--credits', '100000'], env);
  if (created.code !== 0) throw new Error(`users create: ${created.stderr}`);
  const made = await runCli(['--json', 'keys', 'create', '--user', email], env);
  if (made.code !== 0) throw new Error(`keys create: ${made.stderr}`);
  const { key } = JSON.parse(made.stdout) as { key: string };
  const server = await startServe(env);
  const clients: Client[] = [];
  return {
    server,
    bedrock,
    key,
    mcp: async () => {
      const client = await connectHttpClient(server.baseUrl, key);
      clients.push(client);
      return client;
    },
    close: async () => {
      for (const client of clients) await client.close().catch(() => undefined);
      await server.stop();
      await bedrock.close();
    },
  };
}
