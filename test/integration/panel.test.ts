import * as assert from 'assert';
import * as vscode from 'vscode';
import * as path from 'path';
import { layerLensApi, openDockerfile, waitForAnalysis, workspaceFolder, workspaceUri } from './helpers';
import { waitUntil } from '../vscode/waitUntil';
import type { PanelData } from '../../src/protocol/webview';
import type { ShownPanel } from '../../src/extension/panel/register';

/** VS Code prefixes the view type of an extension's webview panels in `TabInputWebview`. */
function mergedFilesystemTabs(): vscode.Tab[] {
  return vscode.window.tabGroups.all
    .flatMap((group) => group.tabs)
    .filter((tab) => tab.input instanceof vscode.TabInputWebview && tab.input.viewType.endsWith('layerLens.mergedFilesystem'));
}

/** Returns the label of the tab that has the focus. */
function focusedTabLabel(): string | undefined {
  return vscode.window.tabGroups.activeTabGroup.activeTab?.label;
}

async function closeMergedFilesystemTabs(): Promise<void> {
  await vscode.window.tabGroups.close(mergedFilesystemTabs());
}

/** Waits for the next data that a panel sends, or rejects after `timeoutMs`. */
async function nextData(shown: ShownPanel | undefined, timeoutMs = 15_000): Promise<PanelData> {
  assert.ok(shown, 'the command returned no panel');
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${timeoutMs / 1000} s waiting for the panel's data`)), timeoutMs);
  });
  try {
    return await Promise.race([shown.nextData(), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** Returns the paths of the rows of a panel's view, as `/parent/name`. */
function pathsOf(data: PanelData): string[] {
  const { names, parents } = data.view.rows;
  const paths: string[] = [];
  for (let row = 0; row < names.length; row++) paths.push(parents[row] < 0 ? `/${names[row]}` : `${paths[parents[row]]}/${names[row]}`);
  return paths;
}

describe('Show Merged Filesystem', () => {
  let document: vscode.TextDocument;

  before(async () => {
    document = (await openDockerfile('Dockerfile')).document;
    await waitForAnalysis(await layerLensApi(), document.uri);
  });

  afterEach(closeMergedFilesystemTabs);

  it('command opens the panel for the active Dockerfile', async () => {
    await vscode.commands.executeCommand('layerLens.showMergedFilesystem');

    await waitUntil('the Merged Filesystem panel', 15_000, () => mergedFilesystemTabs().length === 1);
    assert.match(mergedFilesystemTabs()[0].label, /^Merged Filesystem: .+\/Dockerfile$/);
  });

  it('hover link arguments open the panel', async () => {
    await vscode.commands.executeCommand('layerLens.showMergedFilesystem', { uri: document.uri.toString(), layer: 7 });

    await waitUntil('the Merged Filesystem panel', 15_000, () => mergedFilesystemTabs().length === 1);
  });

  it('one panel per Dockerfile', async () => {
    const first = `Merged Filesystem: ${path.basename(workspaceFolder().uri.fsPath)}/Dockerfile`;
    const other = workspaceUri('images/waste/Dockerfile');
    await vscode.commands.executeCommand('layerLens.showMergedFilesystem', { uri: document.uri.toString() });
    await vscode.commands.executeCommand('layerLens.showMergedFilesystem', { uri: other.toString() });
    await waitUntil('two Merged Filesystem panels', 15_000, () => mergedFilesystemTabs().length === 2);

    const labels = mergedFilesystemTabs().map((tab) => tab.label);
    assert.ok(labels.includes(first), `tabs: ${labels.join(', ')}`);
    assert.ok(labels.includes('Merged Filesystem: waste/Dockerfile'), `tabs: ${labels.join(', ')}`);
    assert.strictEqual(focusedTabLabel(), 'Merged Filesystem: waste/Dockerfile');

    await vscode.commands.executeCommand('layerLens.showMergedFilesystem', { uri: document.uri.toString() });
    await waitUntil('the first panel in front', 15_000, () => focusedTabLabel() === first);
    assert.strictEqual(mergedFilesystemTabs().length, 2);
  });

  it('invalid arguments are rejected without throwing', async () => {
    await vscode.commands.executeCommand('layerLens.showMergedFilesystem', { uri: 42, layer: 'top' });

    assert.strictEqual(mergedFilesystemTabs().length, 0);
  });
});

describe('Show Merged Filesystem of a stage', () => {
  // Stage 0 `builder` writes /opt/tool, and the target `runtime` copies only its tool.
  let uri: vscode.Uri;

  before(async () => {
    uri = (await openDockerfile('images/stages/Dockerfile')).document.uri;
    await waitForAnalysis(await layerLensApi(), uri);
  });

  afterEach(closeMergedFilesystemTabs);

  it('stage argument shows the builder stage', async () => {
    const shown = await vscode.commands.executeCommand<ShownPanel | undefined>('layerLens.showMergedFilesystem', { uri: uri.toString(), stage: 0 });

    const data = await nextData(shown);
    assert.strictEqual(data.stage, 0);
    assert.deepStrictEqual(data.stages.map((stage) => stage.label), ['stage builder', 'stage runtime']);
    const paths = pathsOf(data);
    assert.ok(paths.includes('/opt/tool/NOTES.txt'), paths.join(' '));
    assert.ok(paths.includes('/opt/tool/bin/tool.sh'), paths.join(' '));
    assert.ok(!paths.includes('/srv/app.txt'), 'the target\'s own file is not in stage builder');
  });

  it('layer without a stage shows the target', async () => {
    const shown = await vscode.commands.executeCommand<ShownPanel | undefined>('layerLens.showMergedFilesystem', { uri: uri.toString(), stage: 0 });
    await nextData(shown);

    // The open panel switches back, because a layer without a stage counts in the target's chain.
    const again = await vscode.commands.executeCommand<ShownPanel | undefined>('layerLens.showMergedFilesystem', { uri: uri.toString(), layer: 1 });

    const data = await nextData(again);
    assert.strictEqual(data.stage, 1);
    assert.strictEqual(data.view.asOf, 1);
    assert.deepStrictEqual(pathsOf(data), ['/usr', '/usr/local', '/usr/local/bin', '/usr/local/bin/tool']);
    assert.strictEqual(mergedFilesystemTabs().length, 1, 'one panel per Dockerfile');
  });
});

describe('Show Merged Filesystem of a failing build', () => {
  // The builder rejects this Dockerfile for the RUN on line 2, before its first FROM.
  let uri: vscode.Uri;

  before(async () => {
    uri = (await openDockerfile('faulty/broken/Dockerfile')).document.uri;
    await waitForAnalysis(await layerLensApi(), uri);
  });

  afterEach(closeMergedFilesystemTabs);

  it('opens at the top with a notice', async () => {
    const shown = await vscode.commands.executeCommand<ShownPanel | undefined>('layerLens.showMergedFilesystem', { uri: uri.toString() });

    const data = await nextData(shown);
    // No step runs, so no layer is a build's result, and the panel shows the full prediction under the notice, as `explain` does.
    assert.strictEqual(data.layers.length, 4);
    assert.strictEqual(data.view.asOf, 3);
    assert.deepStrictEqual(data.stopNotice, {
      line: 2,
      message: 'The builder rejects the whole Dockerfile at line 2, so no step runs. RUN comes before the first FROM, where only ARG may appear.',
    });
  });
});
