/**
 * A folder that a RUN replaced with a file, in the Merged Filesystem webview: with "Show deleted"
 * the file opens to the folder's deleted paths, as the filter shows them, and its details name the
 * folder it shadows. Runs the real scripts from `media/` in Debian's Chromium.
 */
import * as assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { buildPanelData } from '../../../src/extension/panel/panelData';
import { RowState, typeNames, type PanelData } from '../../../src/protocol/webview';
import { predict, removeContexts } from '../predict/helpers';
import { initHarnessPanel, useHarnessPages } from './harnessBrowser';

const dockerfile = 'FROM shell-only\nWORKDIR /srv/app\nCOPY data/ ./data/\nRUN rm -rf data && echo replaced > data\n';

/** Returns the labels of the rendered rows, indented two spaces a level, with the twisty of a row that can open. */
async function treeOf(page: Page): Promise<string[]> {
  return page.$$eval('.row', (elements) =>
    elements
      .filter((element) => element.checkVisibility())
      .sort((a, b) => Number(a.getAttribute('data-index')) - Number(b.getAttribute('data-index')))
      .map((element) => {
        const level = Number(element.getAttribute('aria-level'));
        const twisty = element.querySelector('.twisty')?.textContent ?? '';
        return `${'  '.repeat(level - 1)}${twisty}${element.querySelector('.label')?.textContent ?? ''}`;
      }),
  );
}

async function clickRow(page: Page, label: string, part = '.label'): Promise<void> {
  await page.locator('.row:visible', { has: page.locator('.label', { hasText: new RegExp(`^${label}$`) }) }).first().locator(part).click();
}

/** Opens `/srv/app`, whose `data` is the file that replaced the folder. */
async function openApp(page: Page): Promise<void> {
  await clickRow(page, 'srv/', '.twisty');
  await clickRow(page, 'app/', '.twisty');
}

describe('folder replaced by a file in the webview', function () {
  this.timeout(60_000);
  let page: Page;
  let data: PanelData;

  before(async () => {
    const analysis = await predict(dockerfile, { 'data/a.txt': 'four', 'data/sub/b.txt': 'four' });
    data = buildPanelData(analysis, { uri: 'file:///ctx/Dockerfile', fileName: 'Dockerfile' }, undefined);
  });
  after(removeContexts);

  useHarnessPages((opened) => {
    page = opened;
  });

  it('rows carry the deleted paths', () => {
    // The rows the webview receives: the folder's paths are deleted rows below the file's row.
    const { rows } = data.view;
    const file = rows.names.indexOf('data');
    assert.equal(typeNames[rows.types[file]], 'file');
    const below = rows.names.flatMap((name, row) => (rows.parents[row] === file ? [`${name} ${rows.states[row] === RowState.deleted ? 'deleted' : 'present'}`] : []));
    assert.deepEqual(below.sort(), ['a.txt deleted', 'sub deleted']);
  });

  it('file opens only with Show deleted', async () => {
    await initHarnessPanel(page, data);
    await openApp(page);
    assert.deepEqual(await treeOf(page), ['▸bin/', '▾srv/', '  ▾app/', '    data']);

    await page.check('.toggle input');
    assert.deepEqual(await treeOf(page), ['▸bin/', '▾srv/', '  ▾app/', '    ▸data']);
    await clickRow(page, 'data', '.twisty');
    assert.deepEqual(await treeOf(page), ['▸bin/', '▾srv/', '  ▾app/', '    ▾data', '      sub/', '      a.txt']);

    await page.uncheck('.toggle input');
    assert.deepEqual(await treeOf(page), ['▸bin/', '▾srv/', '  ▾app/', '    data']);
  });

  it('filter shows the same rows', async () => {
    await initHarnessPanel(page, data);
    await page.check('.toggle input');
    await page.fill('.filter', 'a.txt');
    await page.locator('.row:visible .label', { hasText: /^a\.txt$/ }).waitFor();
    assert.deepEqual(await treeOf(page), ['▾srv/', '  ▾app/', '    ▾data', '      a.txt']);
  });

  it('Right key opens the file', async () => {
    await initHarnessPanel(page, data);
    await page.check('.toggle input');
    await openApp(page);
    await clickRow(page, 'data');
    await page.keyboard.press('ArrowRight');
    assert.deepEqual(await treeOf(page), ['▸bin/', '▾srv/', '  ▾app/', '    ▾data', '      sub/', '      a.txt']);
  });

  it('details name the shadowed folder', async () => {
    await initHarnessPanel(page, data);
    await openApp(page);
    await clickRow(page, 'data');
    const [version] = await page.locator('.shadowed-list li').allInnerTexts();
    assert.match(version, /^directory\s*mode \d{4}\s*#2 · line 3 · COPY data\/ \.\/data\//, version);
  });
});
