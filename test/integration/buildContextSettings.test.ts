import * as assert from 'assert';
import * as vscode from 'vscode';
import { layerLensApi, openDockerfile, waitForAnalysis, waitForDiagnostics, workspaceUri, type LayerLensTestApi } from './helpers';

/** The fixture's Dockerfile whose workspace settings choose a context folder that does not exist. */
const orphan = 'faulty/orphan/Dockerfile';

describe('build context settings in problems', () => {
  let api: LayerLensTestApi;

  before(async () => {
    api = await layerLensApi();
  });

  after(async () => {
    await vscode.workspace.getConfiguration('layerLens').update('builder', undefined, vscode.ConfigurationTarget.Workspace);
  });

  it('missing context names its setting', async () => {
    const { document } = await openDockerfile(orphan);

    const diagnostics = await waitForDiagnostics(document.uri, (found) => found.length > 0);

    const missing = workspaceUri('faulty/orphan/context-that-does-not-exist').fsPath;
    assert.deepStrictEqual(diagnostics.map((diagnostic) => diagnostic.message), [
      `layerLens.buildContexts["faulty/orphan/Dockerfile"].context "faulty/orphan/context-that-does-not-exist" in the workspace settings names ${missing}, ` +
        'which cannot be opened (not found). Choose an existing folder. The files that COPY and ADD read from the build context are unknown until it can be read.',
    ]);
  });

  it('missing context under classic leaves COPY unknown', async () => {
    const { document } = await openDockerfile(orphan);
    await vscode.workspace.getConfiguration('layerLens').update('builder', 'classic', vscode.ConfigurationTarget.Workspace);

    const analysis = await waitForAnalysis(api, document.uri, (found) => found.builder === 'classic');

    assert.deepStrictEqual(analysis.problems.map((problem) => problem.line), [1]);
    const copy = analysis.steps.find((step) => step.instruction === 'COPY');
    assert.ok(copy, 'no COPY step');
    assert.strictEqual(copy.certainty, 'unknown');
  });
});
