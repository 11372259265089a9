/**
 * Runs in the multi-root workspace test/fixtures/workspaces/multi-root, which the code-server
 * launcher opens for the test files of this folder after the main suite. There, VS Code applies
 * a folder's own `.vscode/settings.json` only to settings of resource scope.
 */
import * as assert from 'assert';
import * as vscode from 'vscode';
import { layerLensApi, waitForAnalysis, waitForDiagnostics, type LayerLensTestApi } from '../helpers';

const dockerfileKey = 'services/api/Dockerfile';

function folderNamed(name: string): vscode.WorkspaceFolder {
  const folder = vscode.workspace.workspaceFolders?.find((candidate) => candidate.name === name);
  assert.ok(folder, `the workspace has no folder "${name}"`);
  return folder;
}

describe('multi-root folder settings', () => {
  let api: LayerLensTestApi;
  let dockerfile: vscode.Uri;

  before(async () => {
    assert.ok(vscode.workspace.workspaceFile, 'no .code-workspace file is open');
    assert.strictEqual(vscode.workspace.workspaceFolders?.length, 2);
    api = await layerLensApi();
    dockerfile = vscode.Uri.joinPath(folderNamed('mono').uri, ...dockerfileKey.split('/'));
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(dockerfile), { preview: false });
  });

  it('folder buildContexts takes effect', async () => {
    const analysis = await waitForAnalysis(api, dockerfile);

    assert.strictEqual(analysis.contextPath, folderNamed('mono').uri.fsPath);
    assert.deepStrictEqual(analysis.problems.map((problem) => problem.message), []);
  });

  it('problem names the folder', async () => {
    const configuration = vscode.workspace.getConfiguration('layerLens', dockerfile);
    const fixture = configuration.inspect('buildContexts')?.workspaceFolderValue;
    await configuration.update('buildContexts', { [dockerfileKey]: { context: '.', target: 'prod' } }, vscode.ConfigurationTarget.WorkspaceFolder);
    try {
      const diagnostics = await waitForDiagnostics(dockerfile, (found) => found.length > 0);

      assert.deepStrictEqual(diagnostics.map((diagnostic) => diagnostic.message), [
        `layerLens.buildContexts["${dockerfileKey}"].target "prod" in the settings of workspace folder "mono" names no stage of the Dockerfile. ` +
          'Give the index 0. The last stage is analysed instead.',
      ]);
    } finally {
      await configuration.update('buildContexts', fixture, vscode.ConfigurationTarget.WorkspaceFolder);
    }
  });
});
