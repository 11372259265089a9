import * as assert from 'assert';
import * as vscode from 'vscode';
import { closeOf, layerLensApi, waitForAnalysis, waitForDiagnostics, workspaceUri } from './helpers';
import type { ShownPanel } from '../../src/extension/panel/register';

describe('closing a Dockerfile', () => {
  it('clears problems with its panel open', async () => {
    const api = await layerLensApi();
    const uri = workspaceUri('faulty/closing/Dockerfile');
    await vscode.workspace.fs.writeFile(uri, Buffer.from('FROM scratch\nCOPY nothere.txt /\n'));
    // Opened as a user opens it, so that closing its editor closes the document.
    await vscode.commands.executeCommand('vscode.open', uri);
    await waitForAnalysis(api, uri);
    await waitForDiagnostics(uri, (found) => found.length === 1);
    const panel = await vscode.commands.executeCommand<ShownPanel | undefined>('layerLens.showMergedFilesystem');
    await panel?.nextData();

    // The panel closes first, so the Dockerfile's editor is active for a moment before it closes too.
    const closed = closeOf(uri);
    await vscode.commands.executeCommand('workbench.action.closeAllGroups');
    await closed;

    await waitForDiagnostics(uri, (found) => found.length === 0);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    assert.deepStrictEqual(vscode.languages.getDiagnostics(uri).filter((diagnostic) => diagnostic.source === 'Layer Lens'), []);
  });
});
