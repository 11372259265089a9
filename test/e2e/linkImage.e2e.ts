import * as assert from 'assert';
import * as path from 'path';
import type { Locator, Page } from 'playwright-core';
import { repoRoot } from '../vscode/paths';
import { hoverLine, openViewContainer, wholeText } from './ui';
import { saveScreenshot, useWorkbench } from './workbench';

/** The archive that the classic builder made from `images/rm-rf/Dockerfile`, on overlay2 storage. */
const archive = path.join(repoRoot, 'test', 'fixtures', 'images', '16-rm-rf-recreate.docker-overlay2.tar');
const imageName = 'oracle/16-rm-rf-recreate:docker-overlay2';

/** Opens a workspace file by its relative path with Quick Open, which shows the folder beside the name. */
async function openByPath(page: Page, relativePath: string, firstLineText: string): Promise<Locator> {
  await page.locator('.monaco-workbench').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('Control+P');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor();
  await input.fill(relativePath);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: path.dirname(relativePath) }).first().waitFor();
  await page.keyboard.press('Enter');
  const editor = page.locator('.editor-instance .monaco-editor').first();
  await editor.locator('.view-line', { hasText: firstLineText }).waitFor();
  return editor;
}

/** Picks the quick pick row that contains `text` and waits until that row is gone. */
async function pickRow(page: Page, text: string): Promise<void> {
  const row = page.locator('.quick-input-list .monaco-list-row', { hasText: text }).first();
  await row.waitFor();
  await row.click();
  await row.waitFor({ state: 'detached' });
}

describe('Layer Lens links an image in code-server', function () {
  const workbench = useWorkbench();
  let editor: Locator;

  it('Analyze Image links an archive', async () => {
    const page = workbench().page;
    editor = await openByPath(page, 'images/rm-rf/Dockerfile', 'FROM busybox-local:2');
    await page.keyboard.press('F1');
    await page.locator('.quick-input-widget input').fill('>Layer Lens: Analyze Image');
    await pickRow(page, 'Layer Lens: Analyze Image...');
    await pickRow(page, 'Choose an image archive...');

    // code-server's open dialog is VS Code's simple file dialog: a path typed into a quick input.
    // It fills in the workspace folder and lists it (`..` first) before it takes a typed path.
    await page.locator('.quick-input-widget .quick-input-title', { hasText: 'Choose an image archive' }).waitFor();
    await page.locator('.quick-input-list .monaco-list-row', { hasText: wholeText('..') }).first().waitFor();
    await page.locator('.quick-input-widget input').fill(archive);
    await page.locator('.quick-input-list .monaco-list-row', { hasText: path.basename(archive) }).first().waitFor();
    await page.keyboard.press('Enter');
    await page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
    // The archive is read behind a progress notification; a hover before it ends shows the prediction.
    await page.locator('.notification-toast', { hasText: 'Layer Lens: reading' }).waitFor({ state: 'hidden', timeout: 45_000 });
    await saveScreenshot(page, '11-image-linked');
  });

  it('RUN hover shows the image layer', async () => {
    const text = await hoverLine(workbench().page, editor, 'RUN rm -rf /data', `from image ${imageName}`);
    await saveScreenshot(workbench().page, '12-hover-image-layer');

    assert.match(text, /Step #3 of stage 0 · line 3 · from image oracle\/16-rm-rf-recreate:docker-overlay2/);
    assert.ok(text.includes('/data directory, opaque, hides the 6 paths in it, shadows line 2'), text);
    assert.ok(text.includes('/data/new.txt 6 B'), text);
    assert.ok(text.includes('Exact: read from the image.'), text);
    // The heading names the image, so no other line repeats it.
    assert.strictEqual(text.split(imageName).length - 1, 1, text);
  });

  it('linked view names the Dockerfile', async () => {
    const page = workbench().page;
    const pane = await openViewContainer(page, 'Layer Lens', 'Dockerfile');
    const message = pane.locator('.tree-explorer-viewlet-tree-view > .message');
    await message.filter({ hasText: imageName }).waitFor();
    // The side bar's title can be cut beside the view's buttons, and VS Code shows it whole on hover.
    const title = page.locator('.sidebar .composite.title .title-label h2');
    await title.hover();
    const hover = page.locator('.monaco-hover', { hasText: /LAYER LENS: .*DOCKERFILE/i });
    await hover.waitFor();
    await saveScreenshot(page, '13-linked-view-heading');

    assert.strictEqual((await message.innerText()).trim(), `Layers of Dockerfile read from the image ${imageName}.`);
    assert.match(await hover.innerText(), /Layer Lens: (rm-rf\/)?Dockerfile/i);
  });

  it('workbench sent no request beyond 127.0.0.1', () => {
    assert.deepStrictEqual(workbench().outsideRequests, []);
  });
});
