/// <reference lib="dom" />
// Saves docs/screenshots/web-page-1280.png and web-page-375.png: the page after a key, a chat turn
// with a tool call, and an image made through MCP, on the same stand as the browser test.
// Run: npm run build && node --import tsx test/browser/take-screenshots.ts
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchChromium } from './support/headless-chromium.js';
import { startWebStand } from './support/web-stand.js';

const folder = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../docs/screenshots');

async function main(): Promise<void> {
  const [stand, browser] = await Promise.all([startWebStand(), launchChromium()]);
  try {
    const client = await stand.mcp();
    await client.callTool({ name: 'generate_image', arguments: { prompt: 'a red bike lock', count: 2 } });
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(`${stand.server.baseUrl}/`);
    await page.getByRole('textbox', { name: 'API key' }).fill(stand.key);
    await page.getByRole('button', { name: 'Use this key' }).click();
    await page.locator('#model-chat').selectOption('claude-sonnet-4.6');
    await page
      .getByRole('textbox', { name: 'Message', exact: true })
      .fill('An ad for bike locks: please call the tool create_ad_creative');
    await page.getByRole('button', { name: 'Send' }).click();
    await page.locator('.charged').waitFor({ timeout: 120_000 });
    await page.locator('.gallery img').first().waitFor();
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    for (const width of [1280, 375]) {
      await page.setViewportSize({ width, height: 900 });
      const file = path.join(folder, `web-page-${width}.png`);
      await page.screenshot({ path: file, fullPage: true });
      process.stderr.write(`saved ${file}\n`);
    }
  } finally {
    await browser.close();
    await stand.close();
  }
}

await main();
