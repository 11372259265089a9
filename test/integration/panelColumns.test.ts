import * as assert from 'assert';
import * as vscode from 'vscode';
import { layerLensApi, waitForAnalysis, workspaceUri } from './helpers';
import { waitUntil } from '../vscode/waitUntil';

/** Returns the columns of the groups that hold a Merged Filesystem tab. */
function panelColumns(): vscode.ViewColumn[] {
  return vscode.window.tabGroups.all
    .filter((group) => group.tabs.some((tab) => tab.input instanceof vscode.TabInputWebview && tab.input.viewType.endsWith('layerLens.mergedFilesystem')))
    .map((group) => group.viewColumn);
}

describe('Merged Filesystem columns', () => {
  before(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllGroups');
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllGroups');
  });

  it('second panel joins the first', async () => {
    const api = await layerLensApi();
    const first = workspaceUri('Dockerfile');
    const second = workspaceUri('images/waste/Dockerfile');
    await vscode.window.showTextDocument(first, { viewColumn: vscode.ViewColumn.One });
    await vscode.commands.executeCommand('layerLens.showMergedFilesystem');
    await waitUntil('the first panel', 15_000, () => panelColumns().length === 1);

    // Quick Open opens a file in the active group, which is the panel's.
    await vscode.window.showTextDocument(second, { viewColumn: vscode.ViewColumn.Active });
    await waitForAnalysis(api, second);
    await vscode.commands.executeCommand('layerLens.showMergedFilesystem');
    await waitUntil('the second panel', 15_000, () => vscode.window.tabGroups.all.flatMap((group) => group.tabs).filter((tab) => tab.input instanceof vscode.TabInputWebview).length === 2);

    assert.deepStrictEqual(panelColumns(), [vscode.ViewColumn.Two]);
    assert.strictEqual(vscode.window.tabGroups.all.length, 2);
  });
});
