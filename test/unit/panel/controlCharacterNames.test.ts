/**
 * Names with control characters in the Merged Filesystem webview: a newline or a tab shows as the
 * escape that the CLI and the hover print, not as the space that `textContent` makes of it.
 */
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import * as vm from 'node:vm';
import type { Page } from 'playwright-core';
import { analyze } from '../../../src/core/analysis/analyze';
import { escapeControlCharacters } from '../../../src/core/report/controlCharacters';
import { buildPanelData } from '../../../src/extension/panel/panelData';
import type { PanelData } from '../../../src/protocol/webview';
import { makeControlNameTree } from '../context/controlNameTree';
import { removeTree } from '../context/tempTree';
import { initHarnessPanel, useHarnessPages } from './harnessBrowser';

/** Loads the webview's `format.visibleName` the way the page does, as a classic script. */
function loadVisibleName(): (text: string) => string {
  const sandbox: { layerLensPanel?: { format: { visibleName(text: string): string } } } = {};
  vm.createContext(sandbox);
  vm.runInContext(readFileSync(path.join(__dirname, '../../../media/panel/format.js'), 'utf8'), sandbox);
  return sandbox.layerLensPanel!.format.visibleName;
}

/** Predicts the control-name context (see `makeControlNameTree`) as the panel opens it. */
async function controlNamesPanelData(): Promise<PanelData> {
  const root = makeControlNameTree();
  try {
    const dockerfilePath = path.join(root, 'Dockerfile');
    const analysis = await analyze({ dockerfilePath, text: readFileSync(dockerfilePath, 'utf8') });
    return buildPanelData(analysis, { uri: `file://${dockerfilePath}`, fileName: 'Dockerfile' }, undefined);
  } finally {
    removeTree(root);
  }
}

describe('control characters in panel names', function () {
  this.timeout(60_000);

  it('visibleName matches the CLI escapes', () => {
    const visibleName = loadVisibleName();
    for (let code = 0; code <= 0x2ff; code++) {
      const text = `a${String.fromCharCode(code)}b`;
      assert.equal(visibleName(text), escapeControlCharacters(text), `U+${code.toString(16).padStart(4, '0')}`);
    }
  });

  describe('in Chromium', () => {
    let page: Page;
    useHarnessPages((opened) => {
      page = opened;
    });

    function row(label: string): ReturnType<Page['locator']> {
      return page.locator('.row:visible', { has: page.locator('.label', { hasText: label }) }).first();
    }

    it('rows, titles and details show escapes', async () => {
      await initHarnessPanel(page, await controlNamesPanelData());
      await row('data/').locator('.twisty').click();

      const labels = await page.$$eval('.row .label', (elements) => elements.filter((element) => element.checkVisibility()).map((element) => element.textContent));
      assert.deepEqual(labels, ['data/', 'bell\\x07.txt', 'link', 'new\\nline.txt', 'tab\\tname.txt']);
      assert.equal(await row('tab\\tname.txt').locator('.name').getAttribute('title'), '/data/tab\\tname.txt');
      assert.equal(await row('link').locator('.link-target').textContent(), ' → new\\nline.txt');
      assert.match((await row('new\\nline.txt').getAttribute('aria-label')) ?? '', /^file new\\nline\.txt, /);

      await row('new\\nline.txt').click();
      assert.equal(await page.locator('.details-path').textContent(), '/data/new\\nline.txt');
    });
  });
});
