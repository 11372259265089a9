import * as assert from 'assert';
import * as vscode from 'vscode';
import { closeOf, layerLensApi, textTabOf, waitForAnalysis, within, workspaceUri } from './helpers';
import type { PanelData } from '../../src/protocol/webview';
import type { ShownPanel } from '../../src/extension/panel/register';

describe('panel of a closed Dockerfile', () => {
  it('notice until it is opened again', async () => {
    const api = await layerLensApi();
    const uri = workspaceUri('panel-closed/Dockerfile');
    await vscode.workspace.fs.writeFile(uri, Buffer.from('FROM scratch\nCOPY <<EOF /etc/motd\nWelcome.\nEOF\n'));
    // Opened as a user opens it, so that closing its tab closes the document.
    await vscode.commands.executeCommand('vscode.open', uri);
    await waitForAnalysis(api, uri);
    const panel = await vscode.commands.executeCommand<ShownPanel | undefined>('layerLens.showMergedFilesystem', { uri: uri.toString() });
    assert.ok(panel, 'the command returned no panel');
    const first = await within(panel.nextData(), 'the first data');
    assert.strictEqual(first.closedNotice, undefined);

    const closed = closeOf(uri);
    const noticed: Promise<PanelData> = panel.nextData();
    await vscode.window.tabGroups.close(textTabOf(uri));
    await within(closed, 'the close of the Dockerfile');
    const stale = await within(noticed, 'the data after the close');

    assert.strictEqual(stale.closedNotice, 'Dockerfile was closed, so this panel shows its last analysis and no longer follows its edits. Open Dockerfile again to resume.');
    assert.deepStrictEqual(stale.view.rows.names, first.view.rows.names, 'the panel keeps the last analysis');

    const resumed: Promise<PanelData> = panel.nextData();
    // Beside the panel, because a hidden webview receives no data.
    await vscode.commands.executeCommand('vscode.open', uri, { viewColumn: vscode.ViewColumn.Beside });
    assert.strictEqual((await within(resumed, 'the data after the Dockerfile opened again')).closedNotice, undefined);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });
});
