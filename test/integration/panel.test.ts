import * as assert from 'assert';
import * as vscode from 'vscode';
import { layerLensApi, openDockerfile, waitForAnalysis } from './helpers';
import { waitUntil } from '../vscode/waitUntil';

/** VS Code prefixes the view type of an extension's webview panels in `TabInputWebview`. */
function mergedFilesystemTabs(): vscode.Tab[] {
  return vscode.window.tabGroups.all
    .flatMap((group) => group.tabs)
    .filter((tab) => tab.input instanceof vscode.TabInputWebview && tab.input.viewType.endsWith('layerLens.mergedFilesystem'));
}

async function closeMergedFilesystemTabs(): Promise<void> {
  await vscode.window.tabGroups.close(mergedFilesystemTabs());
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
    assert.match(mergedFilesystemTabs()[0].label, /Dockerfile/);
  });

  it('hover link arguments open the panel', async () => {
    await vscode.commands.executeCommand('layerLens.showMergedFilesystem', { uri: document.uri.toString(), layer: 7 });

    await waitUntil('the Merged Filesystem panel', 15_000, () => mergedFilesystemTabs().length === 1);
  });

  it('invalid arguments are rejected without throwing', async () => {
    await vscode.commands.executeCommand('layerLens.showMergedFilesystem', { uri: 42, layer: 'top' });

    assert.strictEqual(mergedFilesystemTabs().length, 0);
  });
});
