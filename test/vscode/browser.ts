/** Debian's Chromium driven by playwright-core, with the flags this headless setup needs. */
import * as fs from 'fs';
import { chromium, type Browser, type Page } from 'playwright-core';

const CHROMIUM = process.env.LAYER_LENS_CHROMIUM ?? '/usr/bin/chromium';
const WORKBENCH_TIMEOUT_MS = 90_000;

// Chromium's sandbox does not start as root, which is how CI runs the suites. The other flags stop
// background downloads and sync, which a test run does not need and an offline machine cannot do.
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export async function launchChromium(): Promise<Browser> {
  if (!fs.existsSync(CHROMIUM)) {
    throw new Error(`Chromium not found at ${CHROMIUM}; run scripts/setup-code-server.sh or set LAYER_LENS_CHROMIUM`);
  }
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
}

export interface Workbench {
  page: Page;
  /** Requests the page tried to send beyond 127.0.0.1; each was aborted. */
  outsideRequests: string[];
}

/**
 * Opens the workbench at `url` and waits until VS Code has drawn it. Requests to any host other
 * than 127.0.0.1 are aborted and recorded, because the suites must reach nothing else.
 */
export async function openWorkbench(browser: Browser, url: string): Promise<Workbench> {
  const context = await browser.newContext({ viewport: { width: 1600, height: 1000 } });
  const outsideRequests: string[] = [];
  await context.route(isOutsideRequest, (route) => {
    outsideRequests.push(route.request().url());
    return route.abort('blockedbyclient');
  });
  const page = await context.newPage();
  await page.goto(url);
  await page.locator('.monaco-workbench').waitFor({ timeout: WORKBENCH_TIMEOUT_MS });
  return { page, outsideRequests };
}

function isOutsideRequest(url: URL): boolean {
  const network = ['http:', 'https:', 'ws:', 'wss:'].includes(url.protocol);
  return network && url.hostname !== '127.0.0.1';
}
