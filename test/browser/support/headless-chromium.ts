import { type Browser, chromium } from 'playwright-core';

/** Debian's chromium (installed by .ci/run), headless, without the sandbox a container lacks. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
}
