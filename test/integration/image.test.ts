import * as assert from 'assert';
import * as path from 'path';
import * as vscode from 'vscode';
import { linkedImageOf } from '../../src/core/image/linkedAnalysis';
import { extensionId, hoverTextAt, layerLensApi, openDockerfile, waitForAnalysis, waitForDiagnostics, type LayerLensTestApi } from './helpers';
import { waitUntil } from '../vscode/waitUntil';
import { labelOf, renderTree, rowsOf, stepRow, type Row } from './treeText';

const imageName = 'oracle/16-rm-rf-recreate:docker-overlay2';

/** The archive fixture, read from the extension's own folder because the workspace is a copy without it. */
function archivePath(): string {
  const extension = vscode.extensions.getExtension(extensionId);
  assert.ok(extension, `${extensionId} is not installed in this editor`);
  return path.join(extension.extensionPath, 'test', 'fixtures', 'images', '16-rm-rf-recreate.docker-overlay2.tar');
}

async function link(uri: vscode.Uri, source: string): Promise<unknown> {
  return vscode.commands.executeCommand('layerLens.analyzeImage', { uri: uri.toString(), source });
}

/** Returns the step rows of the first stage once there are `count`, because the view redraws after the analysis. */
async function stepRows(api: LayerLensTestApi, count: number): Promise<Row[]> {
  let rows: Row[] = [];
  await waitUntil(`${count} step rows in the Image Layers view`, 15_000, async () => {
    const [stage] = await rowsOf(api.layersTree, undefined);
    rows = stage ? await rowsOf(api.layersTree, stage.element) : [];
    return rows.length === count;
  });
  return rows;
}

describe('linked image', () => {
  let api: LayerLensTestApi;
  let document: vscode.TextDocument;

  before(async () => {
    api = await layerLensApi();
    document = (await openDockerfile('images/rm-rf/Dockerfile')).document;
    await waitForAnalysis(api, document.uri);
    assert.strictEqual(await link(document.uri, archivePath()), true);
    await waitForAnalysis(api, document.uri, (analysis) => linkedImageOf(analysis) !== undefined);
  });

  after(async () => {
    await vscode.commands.executeCommand('layerLens.unlinkImage', { uri: document.uri.toString() });
  });

  it('hover shows the opaque directory', async () => {
    const text = await hoverTextAt(document.uri, 3);

    assert.match(text, /Step #3 of stage 0 · line 3 · from image oracle\/16-rm-rf-recreate:docker-overlay2/);
    assert.ok(text.includes('- /data directory, opaque, hides the 6 paths in it, shadows line 2'), text);
    assert.ok(text.includes('- /data/new.txt 6 B'), text);
    assert.ok(text.includes('Exact: read from the image.'), text);
    // The heading names the image, so no other line repeats it.
    assert.strictEqual(text.split(imageName).length - 1, 1, text);
  });

  it('hover shows the deletion', async () => {
    const text = await hoverTextAt(document.uri, 4);

    assert.match(text, /Deletes 1 path and 1 path below it \(18 B\):/);
    assert.ok(text.includes('- /usr/share/doc/base removes the folder and the path in it'), text);
  });

  it('FROM hover names the base layers', async () => {
    const text = await hoverTextAt(document.uri, 1);

    assert.ok(text.includes('Base image busybox-local:2: 1 layer (2.0 MB) read from the image.'), text);
  });

  it('tree lists the image layers', async () => {
    const rows = await stepRows(api, 5);

    assert.deepStrictEqual(
      rows.map((row) => row.text),
      [
        'base layer 1 of 1… — 2.0 MB · +62',
        'FROM busybox-local:2 — no layer',
        'COPY data/ /data/ — 1.0 kB · +7',
        'RUN rm -rf /data… — 12 B · +1 ~2',
        'RUN rm -rf /usr/s… — 9 B · +1 ~3 -1',
      ],
    );
    // The view's message names the image once, so that the rows keep their room for the counts, and
    // the Dockerfile, which VS Code cuts in the title beside the title actions of a linked view.
    const view = (api.layersTree as unknown as { view: vscode.TreeView<unknown> }).view;
    assert.ok(view.title?.endsWith('Dockerfile'), view.title);
    assert.strictEqual(view.message, `Layers of ${view.title} read from the image ${imageName}.`);
  });

  it('tree lists the changes of a layer', async () => {
    const step = await stepRow(api.layersTree, 'RUN rm -rf /usr/share/doc/*');

    const text = await renderTree(api.layersTree, step);

    assert.strictEqual(
      text,
      [
        'usr/share/doc — modified · shadows line 1',
        // Names in natural order, as the Merged Filesystem panel sorts them: `base` before `NOTE`.
        '  base — deleted · removes the folder and the path in it',
        '  NOTE — 9 B · added',
      ].join('\n'),
    );
  });

  it('image layer tooltip names the image', async () => {
    const rows = await stepRows(api, 5);

    for (const row of [rows[0], rows[2]]) {
      // The tooltip's plain-text parts are escaped markdown, so undo the escapes to read its words.
      const tooltip = (row.item.tooltip as vscode.MarkdownString).value.replace(/&nbsp;/g, ' ').replace(/\\(.)/g, '$1');
      assert.ok(tooltip.includes(`**Exact:** read from the image ${imageName}.`), tooltip);
      assert.ok(!tooltip.includes('follows from the Dockerfile'), tooltip);
    }
  });

  it('folder rows get folder icons', async () => {
    const step = await stepRow(api.layersTree, 'RUN rm -rf /usr/share/doc/*');
    const [folder] = await rowsOf(api.layersTree, step);
    const rows = [folder, ...(await rowsOf(api.layersTree, folder.element))];

    const icons = rows.map((row) => `${labelOf(row.item)} ${(row.item.iconPath as vscode.ThemeIcon).id}`);

    assert.deepStrictEqual(icons, ['usr/share/doc file-directory', 'base file-directory', 'NOTE diff-added']);
  });

  it('added line gets a warning', async () => {
    const edited = (await openDockerfile('images/rm-rf/Dockerfile.edited')).document;
    assert.strictEqual(await link(edited.uri, archivePath()), true);

    const diagnostics = await waitForDiagnostics(edited.uri, (found) => found.some((diagnostic) => diagnostic.range.start.line === 4));

    const onLine5 = diagnostics.filter((diagnostic) => diagnostic.range.start.line === 4);
    assert.deepStrictEqual(onLine5.map((diagnostic) => diagnostic.severity), [vscode.DiagnosticSeverity.Warning]);
    assert.match(onLine5[0].message, /No history entry of the image matches this COPY/);
    const hover = await hoverTextAt(edited.uri, 5);
    assert.match(hover, /line 5 · predicted/);
    await vscode.commands.executeCommand('layerLens.unlinkImage', edited.uri);
  });

  it('relative source is rejected', async () => {
    assert.strictEqual(await link(document.uri, 'images/missing.tar'), false);
  });

  it('missing archive is rejected', async () => {
    const missing = path.join(path.dirname(document.uri.fsPath), 'missing.tar');

    assert.strictEqual(await link(document.uri, missing), false);
    const analysis = await api.analysisFor(document.uri);
    assert.ok(analysis, 'no analysis');
    assert.strictEqual(linkedImageOf(analysis)?.name, imageName, 'a failed link keeps the earlier one');
  });

  it('unlink restores the prediction', async () => {
    assert.strictEqual(await vscode.commands.executeCommand('layerLens.unlinkImage', { uri: document.uri.toString() }), true);
    await waitForAnalysis(api, document.uri, (analysis) => linkedImageOf(analysis) === undefined);

    const text = await hoverTextAt(document.uri, 4);

    assert.match(text, /Step #3 of stage 0 · line 4\n/);
    assert.doesNotMatch(text, /from image/);
    assert.match(text, /Adds 2 paths \(at least 9 B\):/);
    await openDockerfile('images/rm-rf/Dockerfile');
    const rows = await stepRows(api, 4);
    assert.strictEqual(rows[0].text, 'FROM busybox-local:2 — not read');
  });
});
