import * as assert from 'assert';
import * as vscode from 'vscode';
import { layerLensApi, openDockerfile, waitForAnalysis, waitForDiagnostics } from './helpers';

/** The warning for `UNUSED`, which no ARG of images/waste/Dockerfile declares. */
const unusedWarning =
  /^layerLens\.buildContexts\["images\/waste\/Dockerfile"\]\.buildArgs\.UNUSED is set, but no ARG of the stages built for the target declares UNUSED, so it changes nothing\./;

function unusedProblems(diagnostics: vscode.Diagnostic[]): vscode.Diagnostic[] {
  return diagnostics.filter((diagnostic) => unusedWarning.test(diagnostic.message));
}

describe('unused buildArgs setting', () => {
  let fixtureValue: unknown;

  before(() => {
    fixtureValue = vscode.workspace.getConfiguration('layerLens').inspect('buildContexts')?.workspaceValue;
  });

  after(async () => {
    await vscode.workspace.getConfiguration('layerLens').update('buildContexts', fixtureValue, vscode.ConfigurationTarget.Workspace);
  });

  it('is a problem on line 1', async () => {
    const api = await layerLensApi();
    const { document } = await openDockerfile('images/waste/Dockerfile');
    await waitForAnalysis(api, document.uri);

    const entries = { ...(fixtureValue as Record<string, unknown>), 'images/waste/Dockerfile': { buildArgs: { UNUSED: '1', HTTP_PROXY: 'http://proxy.invalid:3128' } } };
    await vscode.workspace.getConfiguration('layerLens').update('buildContexts', entries, vscode.ConfigurationTarget.Workspace);

    const found = unusedProblems(await waitForDiagnostics(document.uri, (diagnostics) => unusedProblems(diagnostics).length > 0));
    assert.strictEqual(found.length, 1);
    assert.strictEqual(found[0].range.start.line, 0);
    assert.strictEqual(found[0].severity, vscode.DiagnosticSeverity.Warning);
    // A proxy argument needs no ARG, so it gets no warning.
    const all = vscode.languages.getDiagnostics(document.uri);
    assert.ok(!all.some((diagnostic) => diagnostic.message.includes('HTTP_PROXY')), all.map((diagnostic) => diagnostic.message).join('\n'));
  });

  it('goes when an ARG declares it', async () => {
    const { document } = await openDockerfile('images/waste/Dockerfile');
    const edit = new vscode.WorkspaceEdit();
    edit.insert(document.uri, new vscode.Position(1, 0), 'ARG UNUSED\n');
    assert.ok(await vscode.workspace.applyEdit(edit));

    try {
      await waitForDiagnostics(document.uri, (diagnostics) => unusedProblems(diagnostics).length === 0);
    } finally {
      await vscode.commands.executeCommand('workbench.action.files.revert');
    }
  });
});
