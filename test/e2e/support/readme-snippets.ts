import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

export function readRepoFile(file: string): string {
  return readFileSync(path.join(repoRoot, file), 'utf8');
}

/** The text under a Markdown heading, up to the next `## ` heading. */
export function markdownSection(markdown: string, heading: string): string {
  const start = markdown.indexOf(`${heading}\n`);
  if (start < 0) throw new Error(`no heading "${heading}"`);
  const rest = markdown.slice(start + heading.length);
  const end = rest.search(/\n## /);
  return end < 0 ? rest : rest.slice(0, end);
}

/** The bodies of the fenced code blocks of one language. */
export function codeBlocks(markdown: string, language: string): string[] {
  return [...markdown.matchAll(new RegExp(`\`\`\`${language}\\n([\\s\\S]*?)\`\`\``, 'g'))].map(
    (match) => match[1] as string,
  );
}

/** One server of a client config: Claude Desktop and Cursor (`mcpServers`) or VS Code (`servers`). */
export interface ClientServerEntry {
  type?: string;
  command?: string;
  args?: string[];
  env?: Record<string, string>;
  url?: string;
  headers?: Record<string, string>;
}

/** Every server entry of the README's client snippets, with the snippet it came from. */
export function readmeClientEntries(): Array<{ snippet: Record<string, unknown>; entry: ClientServerEntry }> {
  const clients = markdownSection(readRepoFile('README.md'), '### Connect an MCP client');
  return codeBlocks(clients, 'json').flatMap((text) => {
    const snippet = JSON.parse(text) as Record<string, unknown>;
    const servers = (snippet.mcpServers ?? snippet.servers) as Record<string, ClientServerEntry> | undefined;
    if (servers === undefined) throw new Error(`a client snippet without mcpServers or servers: ${text}`);
    return Object.values(servers).map((entry) => ({ snippet, entry }));
  });
}
