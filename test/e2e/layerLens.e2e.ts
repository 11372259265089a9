import * as assert from 'assert';
import type { FrameLocator, Locator } from 'playwright-core';
import { saveScreenshot, useWorkbench } from './workbench';
import { expandTreeRow, hoverLine, openViewContainer, openWithQuickOpen, rowTexts, runCommand, webviewFrame } from './ui';
import { cellTexts, expandPanelFolder, panelRow } from './panelUi';

describe('Layer Lens in code-server', function () {
  const workbench = useWorkbench();
  let editor: Locator;
  let layersPane: Locator;
  let panel: FrameLocator;

  it('opens the Dockerfile', async () => {
    editor = await openWithQuickOpen(workbench().page, 'Dockerfile', 'The shop API');
    await saveScreenshot(workbench().page, '01-dockerfile');

    assert.ok(await editor.locator('.view-line', { hasText: 'COPY src/ ./src/' }).isVisible());
  });

  it('COPY hover lists the added files', async () => {
    const text = await hoverLine(workbench().page, editor, 'COPY src/ ./src/', 'Makes a filesystem layer');
    await saveScreenshot(workbench().page, '02-hover-copy');

    assert.match(text, /Step #7/);
    assert.match(text, /Adds 5 paths \(1\.0 kB\)/);
    assert.match(text, /\/srv\/shop\/src\/server\.js 717 B/);
    assert.match(text, /\/srv\/shop\/src\/routes\/orders\.js 164 B/);
  });

  it('shadowing COPY hover names the lower line', async () => {
    const text = await hoverLine(workbench().page, editor, 'COPY deploy/default.json', 'Modifies');
    await saveScreenshot(workbench().page, '03-hover-shadow');

    assert.match(text, /\/srv\/shop\/config\/default\.json 84 B, shadows line 18/);
  });

  it('ENV hover says it makes no layer', async () => {
    const text = await hoverLine(workbench().page, editor, 'ENV NODE_ENV=production', 'no filesystem layer');
    await saveScreenshot(workbench().page, '04-hover-env');

    assert.match(text, /This instruction makes no filesystem layer/);
  });

  it('Layer Lens view lists stages and steps', async () => {
    // The view's title names the Dockerfile it shows, after the container's name.
    layersPane = await openViewContainer(workbench().page, 'Layer Lens', 'Dockerfile');
    await layersPane.locator('.monaco-list-row', { hasText: 'COPY src/ ./src/' }).waitFor();
    await saveScreenshot(workbench().page, '05-layers-view');

    const title = await workbench().page.locator('.part.sidebar .composite.title h2').innerText();
    assert.strictEqual(title.toUpperCase(), 'LAYER LENS: DOCKERFILE');
    const rows = await rowTexts(layersPane);

    assert.deepStrictEqual(rows, [
      'stage base — node:20-alpine',
      'FROM node:${NODE_V… — not read',
      'ENV NODE_ENV=produ… — no layer',
      'WORKDIR /srv/shop — 0 B · +1',
      'stage deps — base',
      'stage runtime — target · base',
      'FROM base — no layer',
      'ARG APP_USER=node — no layer',
      'COPY ←deps… — size unknown · +1',
      'COPY package.json ./ — 221 B · +1',
      'COPY src/ ./src/ — 1.0 kB · +5',
      'COPY config ./config — 115 B · +3',
      'COPY deploy/default.j… — 84 B · ~1',
      'USER ${APP_USER} — no layer',
      'EXPOSE ${PORT} — no layer',
      'CMD ["node", "src/serv… — no layer',
    ]);
  });

  it('expanded layer shows its files', async () => {
    await expandTreeRow(layersPane, 'COPY src/ ./src/', 'srv/shop');
    await expandTreeRow(layersPane, 'srv/shop', 'src');
    await expandTreeRow(layersPane, 'src', 'routes');
    await expandTreeRow(layersPane, 'routes', 'catalog.js');
    await saveScreenshot(workbench().page, '06-layer-files');

    const rows = await rowTexts(layersPane);
    const start = rows.indexOf('COPY src/ ./src/ — 1.0 kB · +5');

    assert.deepStrictEqual(rows.slice(start + 1, start + 7), [
      'srv/shop',
      'src — added',
      'routes — added',
      'catalog.js — 140 B · added',
      'orders.js — 164 B · added',
      'server.js — 717 B · added',
    ]);
  });

  it('command palette opens the merged filesystem', async () => {
    await editor.click();
    await runCommand(workbench().page, 'Layer Lens: Show Merged Filesystem');
    panel = webviewFrame(workbench().page);
    await panelRow(panel, 'srv/').waitFor();
    await saveScreenshot(workbench().page, '07-merged-filesystem');

    assert.match(await panel.locator('.layer-select').inputValue(), /^12$/);
    assert.match(await panel.locator('.status').innerText(), /as of #12 CMD, the same as layer #9 COPY/);
  });

  it('merged file shows its layer and shadowed version', async () => {
    await expandPanelFolder(panel, 'srv/', 'shop/');
    await expandPanelFolder(panel, 'shop/', 'config/');
    await expandPanelFolder(panel, 'config/', 'default.json');
    // The middle of a row is its layer cell, which reveals the line instead of selecting.
    await panelRow(panel, 'default.json').locator('.label').click();
    await panel.locator('.details', { hasText: 'Shadowed versions' }).waitFor();
    await saveScreenshot(workbench().page, '08-merged-shadowed');

    const cells = await cellTexts(panelRow(panel, 'default.json'));
    const details = await panel.locator('.details').innerText();

    assert.deepStrictEqual(cells, { badge: 'shadows #8', layer: '#9 COPY', line: '19', size: '84 B' });
    assert.match(details, /Provided by\s+#9 · line 19 · COPY deploy\/default\.json \.\/config\/default\.json · 84 B/);
    assert.match(details, /Shadowed versions \(1\)/);
    assert.match(details, /65 B\s*#8 · line 18 · COPY config \.\/config · 115 B/);
  });

  it('layer selector shows an earlier filesystem', async () => {
    await panel.locator('.layer-select').selectOption('8');
    const row = panelRow(panel, 'default.json');
    await row.locator('.cell.layer', { hasText: '#8 COPY' }).waitFor();
    await saveScreenshot(workbench().page, '09-layer-selector');

    assert.deepStrictEqual(await cellTexts(row), { badge: '', layer: '#8 COPY', line: '18', size: '65 B' });
    assert.match(await panel.locator('.status').innerText(), /as of layer #8 COPY/);

    await panel.locator('.layer-select').selectOption('7');
    await panelRow(panel, 'config/').waitFor({ state: 'detached' });
    await saveScreenshot(workbench().page, '10-layer-before-config');

    assert.strictEqual(await panelRow(panel, 'src/').count(), 1);
  });

  it('workbench sent no request beyond 127.0.0.1', () => {
    assert.deepStrictEqual(workbench().outsideRequests, []);
  });
});
