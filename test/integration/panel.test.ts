import * as assert from 'assert';
import * as vscode from 'vscode';
import * as path from 'path';
import { layerLensApi, openDockerfile, waitForAnalysis, workspaceFolder, workspaceUri } from './helpers';
import { waitUntil } from '../vscode/waitUntil';

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
