/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from './support/headless-chromium.js';
import { startWebStand, type WebStand } from './support/web-stand.js';

/** The machine may be busy: the page's first loads can take seconds (nothing here asserts speed). */
const slow = { timeout: 30_000 };

interface Violation {
  directive: string;
  blocked: string;
}

describe('the web page at GET / in headless Chromium, against the built adengine serve', () => {
  let stand: WebStand;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const consoleProblems: string[] = [];
  const violations: Violation[] = [];
  const chatSelect = () => page.locator('#model-chat');

  beforeAll(async () => {
    [stand, browser] = await Promise.all([startWebStand(), launchChromium()]);
    context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    // Installed through the DevTools protocol (the page's CSP does not apply), in every document, reloads included.
    await context.exposeFunction('reportCspViolation', (violation: Violation) => violations.push(violation));
    await context.addInitScript(() => {
      const report = (window as unknown as { reportCspViolation: (violation: Violation) => void })
        .reportCspViolation;
      document.addEventListener('securitypolicyviolation', (event) =>
        report({ directive: event.violatedDirective, blocked: event.blockedURI }),
      );
    });
    page = await context.newPage();
    page.on('console', (message) => {
      if (message.type() === 'error' || /Content.Security.Policy/i.test(message.text()))
        consoleProblems.push(message.text());
    });
    page.on('pageerror', (error) => consoleProblems.push(error.message));
  });

  afterAll(async () => {
    await browser?.close();
    await stand?.close();
  });

  it('serves the page and its files without a key, each with the strict CSP, nosniff and no-referrer', async () => {
    const base = stand.server.baseUrl;
    const expected: Record<string, RegExp> = {
      '/': /^text\/html/,
      '/web/app.js': /^text\/javascript/,
      '/web/style.css': /^text\/css/,
      '/web/vendor/preact-htm.js': /^text\/javascript/,
      '/web/icon.svg': /^image\/svg\+xml/,
    };
    for (const [path, type] of Object.entries(expected)) {
      const response = await fetch(`${base}${path}`);
      expect(response.status, path).toBe(200);
      expect(response.headers.get('content-type'), path).toMatch(type);
      const csp = response.headers.get('content-security-policy') ?? '';
      expect(csp, path).toContain("default-src 'self'");
      expect(csp, path).toContain("script-src 'self';");
      expect(csp, path).not.toContain('unsafe-inline');
      expect(csp, path).not.toContain('unsafe-eval');
      // Local storage links point at this server's public URL: allowed for images and video.
      expect(csp, path).toContain(`img-src 'self' ${new URL(base).origin}`);
      expect(response.headers.get('x-content-type-options'), path).toBe('nosniff');
      expect(response.headers.get('referrer-policy'), path).toBe('no-referrer');
      const etag = response.headers.get('etag') ?? '';
      expect(etag, path).not.toBe('');
      const again = await fetch(`${base}${path}`, { headers: { 'if-none-match': etag } });
      expect(again.status, path).toBe(304);
    }
    // Only the listed files: nothing else of the package is reachable.
    for (const path of [
      '/web/../package.json',
      '/web/%2e%2e/package.json',
      '/web/missing.js',
      '/web/vendor/x.js',
    ])
      expect((await fetch(`${base}${path}`)).status, path).toBe(404);
    // The page holds no data; the API still wants the key.
    expect((await fetch(`${base}/api/v1/me/credits`)).status).toBe(401);
  });

  it('takes the API key into sessionStorage only, never the URL, and shows the account', async () => {
    await page.goto(`${stand.server.baseUrl}/`);
    // A wrong key is refused by the API, forgotten, and the form says why.
    await page.getByRole('textbox', { name: 'API key' }).fill('ae_not_a_key');
    await page.getByRole('button', { name: 'Use this key' }).click();
    await expect.poll(() => page.getByRole('alert').textContent(), slow).toMatch(/key/i);
    expect(await page.evaluate(() => sessionStorage.getItem('adengine.apiKey'))).toBeNull();
    // Chromium logs the one refused request; that is the only console error expected here.
    await expect.poll(() => consoleProblems, slow).toEqual([expect.stringMatching(/status of 401/)]);
    consoleProblems.length = 0;
    await page.getByRole('textbox', { name: 'API key' }).fill(stand.key);
    await page.getByRole('button', { name: 'Use this key' }).click();
    await expect.poll(() => page.locator('#credits-balance').textContent(), slow).toBe('100,000');
    expect(page.url()).toBe(`${stand.server.baseUrl}/`);
    const stored = await page.evaluate(() => ({
      session: sessionStorage.getItem('adengine.apiKey'),
      local: localStorage.length,
      cookies: document.cookie,
    }));
    expect(stored).toEqual({ session: stand.key, local: 0, cookies: '' });
    expect(stand.server.output()).not.toContain(stand.key);
  });

  it('lists models by provider with retired and unconfigured ones disabled, saying why', async () => {
    await expect.poll(() => page.locator('#model-image option').count(), slow).toBeGreaterThan(2);
    const retired = page.locator('#model-image option[value="nova-canvas"]');
    expect(await retired.isDisabled()).toBe(true);
    expect(await retired.textContent()).toMatch(/retired 2026-09-30, use stable-image-core/);
    const groups = await page
      .locator('#model-chat optgroup')
      .evaluateAll((nodes) => nodes.map((node) => node.getAttribute('label')));
    expect(groups).toContain('bedrock');
    // Gemini has no key on this server: shown, disabled, naming the variable to set.
    const gemini = page.locator('#model-chat optgroup[label="gemini"] option').first();
    expect(await gemini.isDisabled()).toBe(true);
    expect(await gemini.textContent()).toMatch(/not configured: set GEMINI_API_KEY/);
  });

  it('shows the notice of a preference moved off a retired model, as the preferences answer carries it', async () => {
    // The server side (a stored nova-canvas preference moved on read, the notice once) is
    // test/integration/preference-notices.test.ts; here the page shows what the answer holds.
    const message =
      'your image model nova-canvas was retired on 2026-09-30; your preference now names its successor stable-image-core';
    const route = '**/api/v1/me/model-preferences';
    await page.route(route, async (intercepted) => {
      if (intercepted.request().method() !== 'GET') return intercepted.continue();
      const response = await intercepted.fetch();
      const json = {
        ...(await response.json()),
        notices: [{ kind: 'image', from: 'nova-canvas', to: 'stable-image-core', message }],
      };
      return intercepted.fulfill({ response, json });
    });
    try {
      await page.reload();
      await expect.poll(() => page.locator('ul.notices li').allTextContents(), slow).toEqual([message]);
    } finally {
      await page.unroute(route);
    }
    await page.reload();
    await expect.poll(() => page.locator('#model-chat option').count(), slow).toBeGreaterThan(2);
    expect(await page.locator('ul.notices').count()).toBe(0);
  });

  it('changes the chat model; after a reload the choice is still there', async () => {
    const current = await chatSelect().inputValue();
    const choice = await page
      .locator('#model-chat option:not([disabled])')
      .evaluateAll(
        (options, skip) =>
          options.map((option) => (option as HTMLOptionElement).value).find((v) => v !== '' && v !== skip),
        current,
      );
    expect(choice).toBeTruthy();
    await chatSelect().selectOption(choice as string);
    await expect
      .poll(() => page.locator('#models-title ~ p.status').textContent(), slow)
      .toContain(`is ${choice}`);
    await page.reload();
    await expect.poll(() => chatSelect().inputValue(), slow).toBe(choice);
    // The server agrees, and the key survived the reload (sessionStorage).
    const preferences = await fetch(`${stand.server.baseUrl}/api/v1/me/model-preferences`, {
      headers: { authorization: `Bearer ${stand.key}` },
    });
    expect(((await preferences.json()) as { chatModel: string }).chatModel).toBe(choice);
    // Back to Claude Sonnet 4.6 for the chat below (the stand-in answers any Bedrock chat model alike).
    await chatSelect().selectOption('claude-sonnet-4.6');
    await expect
      .poll(() => page.locator('#models-title ~ p.status').textContent(), slow)
      .toContain('claude-sonnet-4.6');
  });

  it('streams a chat answer into the page with a tool-activity row and the credits it cost', async () => {
    // Every distinct text the answer shows on its way, recorded in the page as it renders.
    await page.evaluate(() => {
      const seen: string[] = [];
      (window as unknown as { answerStates: string[] }).answerStates = seen;
      new MutationObserver(() => {
        const answer = document.querySelector('.message.assistant:last-child .answer')?.textContent ?? '';
        if (answer !== '' && seen.at(-1) !== answer) seen.push(answer);
      }).observe(document.querySelector('.messages') as Node, {
        subtree: true,
        childList: true,
        characterData: true,
      });
    });
    const before = Number((await page.locator('#credits-balance').textContent())?.replaceAll(',', ''));
    await page
      .getByRole('textbox', { name: 'Message', exact: true })
      .fill('An ad for bike locks: please call the tool create_ad_creative');
    await page.getByRole('button', { name: 'Send' }).click();
    const activity = page.locator('.activity');
    await expect
      .poll(() => activity.first().textContent(), { timeout: 60_000 })
      .toContain('create_ad_creative');
    const charged = page.locator('.charged');
    await expect.poll(() => charged.count(), { timeout: 90_000 }).toBe(1);
    expect(await activity.first().textContent()).toMatch(/create_ad_creative: done, \d+ credits/);
    const final = (await page.locator('.message.assistant .answer').textContent()) ?? '';
    expect(final).toMatch(/From the tool: \{.*"variants"/);
    const states = await page.evaluate(() => (window as unknown as { answerStates: string[] }).answerStates);
    // Streamed: the page showed partial answers, each a prefix of the next, before the whole.
    expect(states.length).toBeGreaterThan(2);
    expect(states.at(-1)).toBe(final);
    for (const [index, state] of states.slice(0, -1).entries())
      expect(states[index + 1]?.startsWith(state), state).toBe(true);
    const spent = Number(/Charged (\d+) credits/.exec((await charged.textContent()) ?? '')?.[1]);
    expect(spent).toBeGreaterThan(0);
    await expect
      .poll(
        async () => Number((await page.locator('#credits-balance').textContent())?.replaceAll(',', '')),
        slow,
      )
      .toBe(before - spent);
  });

  it('shows an image generated through MCP in the gallery, loaded from its signed link', async () => {
    const client = await stand.mcp();
    const result = await client.callTool({
      name: 'generate_image',
      arguments: { prompt: 'a red bike lock' },
    });
    expect(result.isError ?? false).toBe(false);
    const [asset] = (result.structuredContent as { assets: { assetId: string }[] }).assets;
    await page.locator('#gallery-title ~ button', { hasText: 'Refresh' }).click();
    const image = page.locator(`li[data-asset-id="${asset?.assetId}"] img`);
    await expect.poll(() => image.count(), slow).toBe(1);
    await expect
      .poll(() => image.evaluate((element) => (element as HTMLImageElement).naturalWidth), slow)
      .toBeGreaterThan(0);
  });

  it('pages the gallery 12 at a time with Load more, following the cursor', async () => {
    const client = await stand.mcp();
    for (let round = 0; round < 3; round++) {
      const result = await client.callTool({
        name: 'generate_image',
        arguments: { prompt: 'lock', count: 4 },
      });
      expect(result.isError ?? false).toBe(false);
    }
    const total = (
      (await (
        await fetch(`${stand.server.baseUrl}/api/v1/me/assets?limit=100`, {
          headers: { authorization: `Bearer ${stand.key}` },
        })
      ).json()) as { assets: unknown[] }
    ).assets.length;
    expect(total).toBeGreaterThan(12);
    await page.locator('#gallery-title ~ button', { hasText: 'Refresh' }).click();
    const items = page.locator('.gallery li');
    await expect.poll(() => items.count(), slow).toBe(12);
    await page.getByRole('button', { name: 'Load more' }).click();
    await expect.poll(() => items.count(), slow).toBe(total);
    const ids = await items.evaluateAll((nodes) => nodes.map((node) => node.getAttribute('data-asset-id')));
    expect(new Set(ids).size).toBe(total);
    expect(await page.getByRole('button', { name: 'Load more' }).count()).toBe(0);
  });

  it('reaches every control with the keyboard alone, each showing a visible focus ring', async () => {
    const controls = await page.evaluate(() => {
      const selector =
        'a[href], button:not([disabled]), input, select, textarea, video[controls], [tabindex="0"]';
      return [...document.querySelectorAll(selector)].map((element, index) => {
        element.setAttribute('data-control', String(index));
        return String(index);
      });
    });
    expect(controls.length).toBeGreaterThan(12);
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    const reached = new Map<string, string>();
    for (let step = 0; step < controls.length + 5; step++) {
      await page.keyboard.press('Tab');
      const focused = await page.evaluate(() => {
        const element = document.activeElement as HTMLElement | null;
        if (element === null || element === document.body) return undefined;
        const style = getComputedStyle(element);
        return { id: element.getAttribute('data-control') ?? '', outline: style.outlineStyle };
      });
      if (focused !== undefined) reached.set(focused.id, focused.outline);
    }
    for (const control of controls) expect(reached.has(control), `control ${control}`).toBe(true);
    for (const [control, outline] of reached) expect(outline, `control ${control}`).not.toBe('none');
  });

  it('fits 375 px without sideways scrolling', async () => {
    await page.setViewportSize({ width: 375, height: 800 });
    const widths = await page.evaluate(() => ({
      scroll: document.documentElement.scrollWidth,
      client: document.documentElement.clientWidth,
    }));
    expect(widths.scroll).toBeLessThanOrEqual(widths.client);
  });

  it('had no CSP violation nor console error through all of the above', async () => {
    expect(violations).toEqual([]);
    expect(consoleProblems).toEqual([]);
    // The watch works, and the policy holds: an inline script added now is refused and reported.
    const ran = await page.evaluate(() => {
      const script = document.createElement('script');
      script.textContent = 'window.inlineRan = true';
      document.body.append(script);
      return (window as unknown as { inlineRan?: boolean }).inlineRan ?? false;
    });
    expect(ran).toBe(false);
    await expect
      .poll(() => violations.map((violation) => violation.directive), slow)
      .toEqual(['script-src-elem']);
  });
});
