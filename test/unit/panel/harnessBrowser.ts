/**
 * Debian's Chromium and the harness page of the webview tests: the page loads the real scripts
 * and styles from `media/` under the panel's Content Security Policy.
 */
import * as assert from 'node:assert/strict';
import { existsSync, mkdirSync } from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import type { Analysis } from '../../../src/core/analysis/types';
import type { PanelData } from '../../../src/protocol/webview';
import { analyzeShadowFixture, message } from './panelData';

const CHROMIUM = '/usr/bin/chromium';
const harnessUrl = pathToFileURL(path.join(__dirname, '../../fixtures/panel/harness.html')).href;
/** Where the webview tests save their screenshots. */
export const panelScreenshots = path.join(__dirname, '../../../test-results/panel');

interface HarnessGlobals {
  harness: { posted: Array<{ type: string }>; violations: string[] };
  postMessage(message: unknown, targetOrigin: string): void;
}

/** Launches Chromium, and makes the screenshot folder. */
export async function launchHarnessBrowser(): Promise<Browser> {
  assert.ok(existsSync(CHROMIUM), `Chromium is missing at ${CHROMIUM}: install it with "apt-get install -y chromium" (scripts/setup-code-server.sh does).`);
  mkdirSync(panelScreenshots, { recursive: true });
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/** Opens the harness in a new page of 1000 × 640 CSS pixels. */
export async function openHarnessPage(browser: Browser): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1000, height: 640 } });
  await page.goto(harnessUrl);
  return page;
}

/** Checks that the page broke no Content Security Policy rule, and closes it. */
export async function closeHarnessPage(page: Page): Promise<void> {
  const violations = await page.evaluate(() => (globalThis as unknown as HarnessGlobals).harness.violations);
  assert.deepEqual(violations, [], 'Content Security Policy violations');
  await page.close();
}

/**
 * Registers the hooks of a suite that launches Chromium once and opens a fresh harness page for
 * each test, which `onPage` receives. Each page is checked and closed after its test.
 */
export function useHarnessPages(onPage: (page: Page) => void): void {
  let browser: Browser | undefined;
  let page: Page | undefined;

  before(async () => {
    browser = await launchHarnessBrowser();
  });

  after(async () => {
    await browser?.close();
  });

  beforeEach(async () => {
    assert.ok(browser, 'Chromium did not start');
    page = await openHarnessPage(browser);
    onPage(page);
  });

  afterEach(async () => {
    if (page) await closeHarnessPage(page);
    page = undefined;
  });
}

/**
 * Registers the hooks of `useHarnessPages` for a suite that shows the shadow fixture, which is
 * analysed once before its tests. `onPage` receives each test's page with that analysis.
 */
export function useShadowFixturePages(onPage: (page: Page, analysis: Analysis) => void): void {
  let analysis: Analysis | undefined;

  before(async () => {
    analysis = await analyzeShadowFixture();
  });

  useHarnessPages((opened) => {
    assert.ok(analysis, 'the shadow fixture was not analysed');
    onPage(opened, analysis);
  });
}

/** Waits until the panel has posted `ready`, sends `data` as its `init` message, and waits for the first row. */
export async function initHarnessPanel(page: Page, data: PanelData): Promise<void> {
  await page.waitForFunction(() => (globalThis as unknown as HarnessGlobals).harness.posted.some((item) => item.type === 'ready'));
  await page.evaluate((value) => (globalThis as unknown as HarnessGlobals).postMessage(value, '*'), message('init', data));
  await page.waitForSelector('.row');
}
