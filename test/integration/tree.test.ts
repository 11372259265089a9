import * as assert from 'assert';
import * as vscode from 'vscode';
import { fileSize, layerLensApi, lineStartingWith, openDockerfile, waitForAnalysis, type LayerLensTestApi } from './helpers';
import { waitUntil } from '../vscode/waitUntil';
import { labelOf, renderTree, rowsOf, stepRow, type Row } from './treeText';

describe('Image Layers tree', () => {
  let api: LayerLensTestApi;
  let document: vscode.TextDocument;

  before(async () => {
    api = await layerLensApi();
    document = (await openDockerfile('Dockerfile')).document;
    await waitForAnalysis(api, document.uri);
  });

  it('root lists every stage, the target marked', async () => {
    const rows = await rowsOf(api.layersTree, undefined);

    assert.deepStrictEqual(
      rows.map((row) => row.text),
      ['stage base — node:20-alpine', 'stage deps — base', 'stage runtime — target · base'],
    );
    assert.deepStrictEqual(
      rows.map((row) => row.item.collapsibleState),
      [vscode.TreeItemCollapsibleState.Expanded, vscode.TreeItemCollapsibleState.Collapsed, vscode.TreeItemCollapsibleState.Expanded],
    );
    assert.match(String(rows[1].item.tooltip), /BuildKit builds stage deps for the target stage runtime, because line 15 copies from it\./);
  });

  it('stage deps lists its own steps', async () => {
    const [, deps] = (await api.layersTree.getChildren()) ?? [];
    const rows = await rowsOf(api.layersTree, deps);

    assert.deepStrictEqual(
      rows.map((row) => row.text),
      [
        'FROM base — no layer',
        `COPY package.json… — ${fileSize('package.json') + fileSize('package-lock.json')} B · +2`,
        'RUN npm ci… — size unknown · +2',
      ],
    );
    // Steps are numbered from #0 in their stage's chain, as the hover numbers them.
    assert.match((rows[2].item.tooltip as vscode.MarkdownString).value, /^Step #5 · line 11\n/);
    const ids = new Set<string | undefined>();
    for (const stage of (await api.layersTree.getChildren()) ?? []) {
      for (const row of await rowsOf(api.layersTree, stage)) ids.add(row.item.id);
    }
    assert.strictEqual(ids.size, 3 + 3 + 10, 'every step row has an id of its own');
  });

  it('COPY of stage deps shows its files', async () => {
    const step = await stepRow(api.layersTree, 'COPY package.json package-lock.json');

    const text = await renderTree(api.layersTree, step);

    assert.strictEqual(
      text,
      ['srv/shop', `  package-lock.json — ${fileSize('package-lock.json')} B · added`, `  package.json — ${fileSize('package.json')} B · added`].join('\n'),
    );
  });

  it('runtime stage lists its steps and layer summaries', async () => {
    const [, , runtime] = (await api.layersTree.getChildren()) ?? [];
    const rows = await rowsOf(api.layersTree, runtime);

    assert.deepStrictEqual(
      rows.map((row) => row.text),
      [
        'FROM base — no layer',
        'ARG APP_USER=node — no layer',
        'COPY ←deps… — size unknown · +1',
        `COPY package.json ./ — ${fileSize('package.json')} B · +1`,
        'COPY src/ ./src/ — 1.0 kB · +5',
        'COPY config ./config — 115 B · +3',
        'COPY deploy/default.j… — 84 B · ~1',
        'USER ${APP_USER} — no layer',
        'EXPOSE ${PORT} — no layer',
        'CMD ["node", "src/serv… — no layer',
      ],
    );
  });

  it('cut label keeps the instruction elsewhere', async () => {
    const step = await stepRow(api.layersTree, 'COPY deploy/default.json');
    const item = await api.layersTree.getTreeItem(step);

    assert.strictEqual(labelOf(item), 'COPY deploy/default.j…');
    const line = lineStartingWith(document, 'COPY deploy/default.json');
    const index = (await waitForAnalysis(api, document.uri)).steps.find((candidate) => candidate.line === line)?.index;
    assert.strictEqual(item.accessibilityInformation?.label, `COPY deploy/default.json ./config/default.json, step #${index} on line ${line}, 84 B · 1 modified`);
    assert.ok((item.tooltip as vscode.MarkdownString).value.includes('COPY deploy/default.json ./config/default.json'));
  });

  it('COPY of a folder shows its changed paths', async () => {
    const step = await stepRow(api.layersTree, 'COPY src/ ./src/');

    const text = await renderTree(api.layersTree, step);

    assert.strictEqual(
      text,
      [
        'srv/shop',
        '  src — added',
        '    routes — added',
        `      catalog.js — ${fileSize('src/routes/catalog.js')} B · added`,
        `      orders.js — ${fileSize('src/routes/orders.js')} B · added`,
        `    server.js — ${fileSize('src/server.js')} B · added`,
      ].join('\n'),
    );
  });

  it('shadowing COPY shows a modified file', async () => {
    const step = await stepRow(api.layersTree, 'COPY deploy/default.json');

    const text = await renderTree(api.layersTree, step);

    assert.strictEqual(text, ['srv/shop/config', `  default.json — ${fileSize('deploy/default.json')} B · modified · shadows line 18`].join('\n'));
    // A screen reader hears one line that names the kind of each row, not the multi-line tooltip.
    const [folder] = await rowsOf(api.layersTree, step);
    const [file] = await rowsOf(api.layersTree, folder.element);
    assert.strictEqual(folder.item.accessibilityInformation?.label, 'folder srv/shop/config, contains 1 modified path');
    assert.strictEqual(file.item.accessibilityInformation?.label, `file default.json, ${fileSize('deploy/default.json')} B, modified, shadows line 18, mode 0644, owner 0:0`);
  });

  it('leaf directory gets a folder icon', async () => {
    const step = await stepRow(api.layersTree, 'WORKDIR /srv/shop');
    const [parent] = await rowsOf(api.layersTree, step);
    const [row] = await rowsOf(api.layersTree, parent.element);

    assert.strictEqual(labelOf(row.item), 'shop');
    assert.strictEqual(row.item.collapsibleState, vscode.TreeItemCollapsibleState.None);
    assert.strictEqual((row.item.iconPath as vscode.ThemeIcon).id, 'file-directory');
  });

  it('metadata step has no children', async () => {
    const step = await stepRow(api.layersTree, 'USER ${APP_USER}');
    const item = await api.layersTree.getTreeItem(step);

    assert.strictEqual(item.collapsibleState, vscode.TreeItemCollapsibleState.None);
    assert.strictEqual(labelOf(item), 'USER ${APP_USER}');
  });
  it('reveal selects a step of any stage', async () => {
    const view = (api.layersTree as unknown as { view: vscode.TreeView<unknown> }).view;
    const selected = async () => labelOf(await api.layersTree.getTreeItem(view.selection[0]));

    // Step #5 of the target is its first COPY; step #4 of stage deps (index 1) is its COPY.
    await vscode.commands.executeCommand('layerLens.revealLayer', 5, document.uri.toString());
    await waitUntil('the runtime COPY selected', 5_000, async () => view.selection.length === 1 && (await selected()).startsWith('COPY ←deps'));
    await vscode.commands.executeCommand('layerLens.revealLayer', 4, document.uri.toString(), 1);
    await waitUntil('the deps COPY selected', 5_000, async () => view.selection.length === 1 && (await selected()).startsWith('COPY package.json…'));
  });
});

describe('Image Layers tree of a broken Dockerfile', () => {
  it('failing steps are marked', async () => {
    const api = await layerLensApi();
    const { document } = await openDockerfile('faulty/broken/Dockerfile');
    await waitForAnalysis(api, document.uri);
    // The view follows the active editor once its analysis is ready.
    let rows: Row[] = [];
    await waitUntil('the broken Dockerfile in the Image Layers view', 15_000, async () => {
      const [stage] = (await api.layersTree.getChildren()) ?? [];
      rows = stage === undefined ? [] : await rowsOf(api.layersTree, stage);
      return rows.some((row) => row.text.startsWith('COPPY'));
    });

    assert.deepStrictEqual(
      rows.map((row) => row.text),
      // The RUN before FROM on line 2 makes builders reject the whole Dockerfile, so no step runs.
      [
        'FROM python:… — not read · not run',
        // COPPY is read as COPY, so its row names the correction, as its hover does, not a failure.
        'COPPY app.py /app/ — read as COPY',
        'COPY app.py — would fail',
        'CMD ["python3… — no layer · not run',
      ],
    );
    assert.deepStrictEqual(
      rows.map((row) => (row.item.iconPath as vscode.ThemeIcon).id),
      ['layers', 'error', 'error', 'symbol-property'],
    );
    // A failing row's tooltip gives the errors on its line.
    // The tooltip's plain-text parts are escaped markdown, so undo the escapes to read its words.
    const tooltipOf = (row: Row) => (row.item.tooltip as vscode.MarkdownString).value.replace(/&nbsp;/g, ' ').replace(/\\(.)/g, '$1');
    const copy = tooltipOf(rows[2]);
    assert.ok(copy.includes('**This step would fail too**, so it makes no layer.'), copy);
    assert.ok(copy.includes('COPY needs at least one source and a destination'), copy);
    // COPPY is read as COPY, so its tooltip names the layer the fixed line would make, as the merged tree shows it.
    const misspelt = tooltipOf(rows[1]);
    assert.ok(misspelt.includes('Unknown instruction "COPPY"'), misspelt);
    assert.ok(misspelt.includes('Read as COPY, this step would make a layer of 39 B: adds /app, /app/app.py.'), misspelt);
    assert.ok(!misspelt.includes('would fail too'), misspelt);
  });
});
