import * as assert from 'assert';
import * as vscode from 'vscode';
import { layerLensApi, lineStartingWith, openDockerfile, waitForAnalysis } from './helpers';
import type { ShownPanel } from '../../src/extension/panel/register';

describe('panel open action on a stage copy', () => {
  it('reveals the COPY --from line', async () => {
    const editor = await openDockerfile('sources/Dockerfile');
    const analysis = await waitForAnalysis(await layerLensApi(), editor.document.uri);
    // Another test deletes a file the Dockerfile copies, so the panel may open below the COPY --from; the step's own layer has the file.
    const copy = analysis.steps.find((step) => step.text.startsWith('COPY --from=tools'));
    assert.ok(copy, 'no COPY --from=tools step');
    const panel = await vscode.commands.executeCommand<ShownPanel | undefined>('layerLens.showMergedFilesystem', { uri: editor.document.uri.toString() });
    assert.ok(panel, 'the command returned no panel');
    await panel.nextData();

    const problem = await panel.openPath('/usr/local/bin/tool', copy.index);

    assert.strictEqual(problem, undefined);
    const active = vscode.window.activeTextEditor;
    assert.strictEqual(active?.document.uri.toString(), editor.document.uri.toString());
    assert.strictEqual(active?.selection.active.line, lineStartingWith(editor.document, 'COPY --from=tools') - 1);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });
});
