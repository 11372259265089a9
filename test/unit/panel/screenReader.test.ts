/**
 * What a screen reader gets from the Merged Filesystem webview in Debian's Chromium: the
 * accessible name of each tree row, and the details region, which announces a new selection but
 * stays quiet while the filter is typed.
 */
import * as assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import type { PanelData } from '../../../src/protocol/webview';
import { initHarnessPanel, useHarnessPages } from './harnessBrowser';
import {
  analyzeShadowFixture,
  imagePanelData,
  largePanelData,
  linkedImagePanelData,
  linksPanelData,
  shadowPanelData,
  unknownPanelData,
  unlistedDeletionPanelData,
} from './panelData';

/** The page's globals that the callbacks use; this project type-checks without the DOM library. */
interface PageGlobals {
  harness: { posted: Array<{ type: string; filter?: string }> };
  document: { querySelector(selector: string): unknown };
  MutationObserver: new (callback: (records: unknown[]) => void) => { observe(target: unknown, options: Record<string, boolean>): void };
  detailsMutations: number;
}

describe('merged filesystem webview for screen readers', function () {
  this.timeout(60_000);
  let page: Page;
  useHarnessPages((opened) => {
    page = opened;
  });

  const init = (data: PanelData): Promise<void> => initHarnessPanel(page, data);

  function row(label: string): ReturnType<Page['locator']> {
    return page.locator('.row:visible', { has: page.locator('.label', { hasText: label }) }).first();
  }

  /** Returns the aria-label of every rendered row, in list order. */
  async function rowNames(): Promise<string[]> {
    return page.$$eval('.row', (elements) =>
      elements
        .filter((element) => element.checkVisibility())
        .sort((a, b) => Number(a.getAttribute('data-index')) - Number(b.getAttribute('data-index')))
        .map((element) => element.getAttribute('aria-label') ?? ''),
    );
  }

  /** Types `text` into the filter one key at a time, each after the panel applied the one before, as a slow typist does. */
  async function typeFilter(text: string): Promise<void> {
    for (let end = 1; end <= text.length; end++) {
      await page.locator('.filter').press(text[end - 1]);
      await page.waitForFunction(
        (wanted) => (globalThis as unknown as PageGlobals).harness.posted.some((item) => item.type === 'setView' && item.filter === wanted),
        text.slice(0, end),
      );
    }
  }

  /** Counts the changes to the details region from now on, as a screen reader hears a live region. */
  async function watchDetails(): Promise<void> {
    await page.evaluate(() => {
      const page = globalThis as unknown as PageGlobals;
      page.detailsMutations = 0;
      new page.MutationObserver((records) => {
        page.detailsMutations += records.length;
      }).observe(page.document.querySelector('.details'), { childList: true, subtree: true, characterData: true, attributes: true });
    });
  }

  async function detailsMutations(): Promise<number> {
    return page.evaluate(() => (globalThis as unknown as PageGlobals).detailsMutations);
  }

  it('folders and files named in words', async () => {
    const analysis = await analyzeShadowFixture();
    await init(shadowPanelData(analysis, analysis.stack.top));
    await row('app/').locator('.twisty').click();

    assert.deepEqual(await rowNames(), [
      'folder app, from step #1 COPY on line 3, 110 bytes',
      'folder data, from step #4 WORKDIR on line 6, 0 bytes',
      'folder lib, from step #3 COPY on line 5, 28 bytes',
      'file config.yaml, from step #2 COPY on line 4, 39 bytes, shadows step #1',
      'file main.py, from step #3 COPY on line 5, 15 bytes',
      // The name is text, so the markup in it reads as written.
      'file Tom &amp; Jerry.txt, from step #3 COPY on line 5, 28 bytes',
      'folder usr, from step #6 COPY on line 8, 36 bytes',
    ]);
    // Chromium computes the row's name from the aria-label, not from its cells.
    await page.getByRole('treeitem', { name: 'file config.yaml, from step #2 COPY on line 4, 39 bytes, shadows step #1', exact: true }).waitFor();
    assert.equal(await page.getAttribute('.viewport', 'role'), 'tree');
    assert.equal(await row('config.yaml').getAttribute('role'), 'treeitem');
    assert.equal(await row('config.yaml').getAttribute('aria-level'), '2');
  });

  it('name follows a pooled row', async () => {
    await init(largePanelData(2_000));
    await row('usr/').locator('.twisty').click();
    await row('lib/').locator('.twisty').click();
    await page.locator('.viewport').evaluate((viewport) => {
      (viewport as unknown as { scrollTop: number }).scrollTop = 22 * 150;
    });
    await row('pkg150/').waitFor();

    // Each rendered row's name starts with its own label, whichever pooled element draws it.
    const rows = await page.$$eval('.row', (elements) =>
      elements.filter((element) => element.checkVisibility()).map((element) => [element.querySelector('.label')?.textContent ?? '', element.getAttribute('aria-label') ?? '']),
    );
    assert.ok(rows.length > 20, `${rows.length} rows rendered`);
    for (const [label, name] of rows) assert.ok(name.startsWith(`folder ${label.replace(/\/$/, '')}, `), `${label}: ${name}`);
  });

  it('deleted rows named with their step', async () => {
    await init(await imagePanelData());
    await row('data/').locator('.twisty').click();
    await page.check('.toggle input');

    const names = await rowNames();
    assert.deepEqual(names.slice(1, 6), [
      'folder data, from step #2 rm on line 3, 12 bytes, shadows step #1',
      'deleted folder sub, deleted by step #2 rm on line 3, 4 bytes before the deletion',
      'file a.txt, from step #2 rm on line 3, 6 bytes',
      'deleted file b.txt, deleted by step #2 rm on line 3, 1.0 kB before the deletion',
      'file new.txt, from step #2 rm on line 3, 6 bytes',
    ]);
  });

  it('unlisted deletion and implied folder', async () => {
    await init(await unlistedDeletionPanelData());
    await page.check('.toggle input');
    await page.fill('.filter', '/root/');
    await row('pip').waitFor();

    assert.deepEqual(await rowNames(), [
      'folder root, from step #0 FROM on line 1, size unknown',
      'folder .cache, not listed by any layer, 0 bytes',
      'deleted path pip, deleted by step #1 RUN on line 2, no earlier layer lists it, size unknown',
    ]);
  });

  it('links name their target', async () => {
    await init(await linksPanelData());
    await row('app/').locator('.twisty').click();

    const names = await rowNames();
    assert.ok(names.includes('symlink abs-link, target /app/target.txt, from step #2 RUN on line 3, 0 bytes'), names.join('\n'));
    assert.ok(names.includes('hard link fresh.txt, target /app/fresh-hard, from step #4 RUN on line 5, 0 bytes'), names.join('\n'));
  });

  it('base layer of a linked image', async () => {
    await init(await linkedImagePanelData());

    assert.equal((await rowNames())[0], 'folder bin, from step #0 base image on line 1, 2.0 MB');
  });

  it('lower bound of a folder size', async () => {
    await init(await unknownPanelData());

    assert.ok((await rowNames()).includes('folder srv, from step #0 FROM on line 7, at least 25 bytes'));
  });

  it('details announced politely', async () => {
    const analysis = await analyzeShadowFixture();
    await init(shadowPanelData(analysis, analysis.stack.top));

    assert.equal(await page.getAttribute('.details', 'aria-live'), 'polite');
    await row('app/').locator('.twisty').click();
    await watchDetails();
    // The twisty's click selected app/, so the next row down is data/.
    await page.focus('.viewport');
    await page.keyboard.press('ArrowDown');

    assert.match(await page.locator('.details').innerText(), /^\/app\/data$/m);
    assert.ok((await detailsMutations()) > 0, 'a new selection left the details as they were');
  });

  it('filter keystrokes leave details alone', async () => {
    const analysis = await analyzeShadowFixture();
    await init(shadowPanelData(analysis, analysis.stack.top));
    await row('app/').locator('.twisty').click();
    await row('config.yaml').locator('.label').click();
    await watchDetails();

    await typeFilter('config');
    await page.selectOption('.sort', 'size');

    assert.equal(await page.locator('.row.active .label').textContent(), 'config.yaml');
    assert.equal(await detailsMutations(), 0, 'the live region changed, so a screen reader announced the same details again');
  });
});
