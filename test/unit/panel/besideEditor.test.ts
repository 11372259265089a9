/**
 * The Merged Filesystem webview in Debian's Chromium at the width VS Code gives a panel beside
 * the editor in a window of 1280 × 800 (466 CSS pixels): its columns, its details, and clicks on
 * folders.
 */
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import type { Analysis } from '../../../src/core/analysis/types';
import { initHarnessPanel, panelScreenshots as screenshots, useShadowFixturePages } from './harnessBrowser';
import { imagePanelData, shadowPanelData } from './panelData';

const BESIDE_EDITOR_WIDTH = 466;

/** The page's globals that the callbacks use, declared here because this project type-checks without the DOM library. */
interface PageGlobals {
  harness: { posted: Array<{ type: string }> };
}

/** A cell as the browser lays it out. */
interface CellBox {
  text: string;
  width: number;
  visible: boolean;
  whole: boolean;
}

/** Lays out the cells of `selector` in the header or the visible rows. */
async function cellsOf(page: Page, selector: string): Promise<CellBox[]> {
  return page.locator(selector).evaluateAll((cells) =>
    cells.map((cell) => ({
      text: cell.textContent ?? '',
      width: Math.round(cell.getBoundingClientRect().width),
      visible: cell.checkVisibility(),
      whole: cell.scrollWidth <= cell.clientWidth,
    })),
  );
}

describe('merged filesystem webview beside the editor', function () {
  this.timeout(60_000);
  let page: Page;
  let analysis: Analysis;

  useShadowFixturePages((opened, analyzed) => {
    page = opened;
    analysis = analyzed;
  });

  async function rowOf(label: string) {
    return page.locator('.row:visible', { has: page.locator('.label', { hasText: label }) }).first();
  }

  it('Line and Layer columns whole at 466 px', async () => {
    await page.setViewportSize({ width: BESIDE_EDITOR_WIDTH, height: 640 });
    await initHarnessPanel(page, shadowPanelData(analysis, analysis.stack.top));
    await (await rowOf('app/')).locator('.twisty').click();

    const [lineHeader] = await cellsOf(page, '.header .cell.line');
    assert.equal(lineHeader.text, 'Line');
    assert.ok(lineHeader.width >= 30, `the Line heading is ${lineHeader.width} px wide`);
    assert.ok(lineHeader.whole, 'the Line heading is cut');
    const layers = await cellsOf(page, '.row:visible .cell.layer');
    assert.ok(layers.some((cell) => cell.text === '#4 WORKDIR'), `layer cells: ${layers.map((cell) => cell.text).join(', ')}`);
    for (const cell of layers) assert.ok(cell.whole, `the Layer cell "${cell.text}" is cut at ${cell.width} px`);
    const lines = await cellsOf(page, '.row:visible .cell.line');
    for (const cell of lines) {
      assert.match(cell.text, /^\d+$/);
      assert.ok(cell.width >= 30, `the Line cell "${cell.text}" is ${cell.width} px wide`);
      assert.ok(cell.whole, `the Line cell "${cell.text}" is cut`);
    }
    const [name] = await cellsOf(page, '.header .cell.name');
    assert.ok(name.width >= 200, `the Path column is ${name.width} px wide`);
    assert.equal(await page.locator('.viewport').evaluate((viewport) => viewport.scrollWidth - viewport.clientWidth), 0, 'the rows scroll sideways');
    await page.screenshot({ path: path.join(screenshots, 'beside-editor.png') });
  });

  it('Line column dropped whole when narrower', async () => {
    await page.setViewportSize({ width: 380, height: 640 });
    await initHarnessPanel(page, shadowPanelData(analysis, analysis.stack.top));

    const [lineHeader] = await cellsOf(page, '.header .cell.line');
    assert.equal(lineHeader.visible, false, 'the Line heading is still shown');
    const lines = await cellsOf(page, '.row:visible .cell.line');
    assert.deepEqual(lines.filter((cell) => cell.visible), [], 'Line cells are still shown');
    for (const cell of await cellsOf(page, '.row:visible .cell.layer')) assert.ok(cell.whole, `the Layer cell "${cell.text}" is cut at ${cell.width} px`);
  });

  it('fact label beside the first line', async () => {
    await page.setViewportSize({ width: BESIDE_EDITOR_WIDTH, height: 640 });
    const data = await imagePanelData();
    // Instructions as long as a real COPY --from, so that each layer button wraps onto two lines.
    const text = 'COPY --from=build /build/app/src/legacy/handlers ./src/legacy/handlers';
    await initHarnessPanel(page, { ...data, layers: data.layers.map((layer) => ({ ...layer, text })) });
    await page.check('.toggle input');
    await (await rowOf('data/')).locator('.twisty').click();
    await (await rowOf('b.txt')).locator('.label').click();

    const facts = await page.locator('.details .fact').evaluateAll((items) =>
      items.map((item) => {
        const label = item.querySelector('.fact-label')!.getBoundingClientRect();
        const value = item.lastElementChild!.getBoundingClientRect();
        return { label: item.querySelector('.fact-label')!.textContent, offset: Math.round(label.top - value.top), lines: Math.round(value.height / label.height) };
      }),
    );
    const written = facts.find((fact) => fact.label === 'Written by');
    assert.ok(written, `no Written by fact: ${JSON.stringify(facts)}`);
    assert.ok(written.lines >= 2, `the Written by value does not wrap: ${JSON.stringify(written)}`);
    for (const fact of facts) assert.ok(Math.abs(fact.offset) <= 2, `the label "${fact.label}" is ${fact.offset} px below its value's first line`);
    await page.locator('.details').screenshot({ path: path.join(screenshots, 'beside-editor-details.png') });
  });

  it('click on a folder opens and closes it', async () => {
    await page.setViewportSize({ width: BESIDE_EDITOR_WIDTH, height: 640 });
    await initHarnessPanel(page, shadowPanelData(analysis, analysis.stack.top));
    const folder = await rowOf('app/');

    await folder.locator('.label').click();
    assert.equal(await folder.getAttribute('aria-expanded'), 'true', 'a click on the name leaves the folder closed');
    assert.equal(await folder.getAttribute('aria-selected'), 'true');
    assert.equal(await page.locator('.row:visible .label', { hasText: 'config.yaml' }).count(), 1);

    await folder.locator('.size').click();
    assert.equal(await folder.getAttribute('aria-expanded'), 'false', 'a click on the row leaves the folder open');
    await folder.locator('.twisty').click();
    assert.equal(await folder.getAttribute('aria-expanded'), 'true', 'the twisty no longer opens the folder');
    await folder.locator('.label').dblclick();
    assert.equal(await folder.getAttribute('aria-expanded'), 'true', 'a double-click does not end where it started');

    const file = await rowOf('config.yaml');
    await file.locator('.label').click();
    assert.equal(await file.getAttribute('aria-selected'), 'true');
    const posted = await page.evaluate(() => (globalThis as unknown as PageGlobals).harness.posted.map((item) => item.type));
    assert.deepEqual(posted.filter((type) => type === 'openPath' || type === 'revealLine'), [], 'a click opened a file');
  });
});
