import * as assert from 'assert';
import * as vscode from 'vscode';
import { layerLensApi, openDockerfile, waitForAnalysis, waitForDiagnostics, workspaceUri, type LayerLensTestApi } from './helpers';

/** The fixture's Dockerfile whose workspace settings choose a context folder that does not exist. */
const orphan = 'faulty/orphan/Dockerfile';

/** Sets the workspace's `layerLens.buildContexts` entry of `key`, keeping the fixture's other entries. */
async function setEntry(fixture: Record<string, unknown>, key: string, entry: unknown): Promise<void> {
  await vscode.workspace.getConfiguration('layerLens').update('buildContexts', { ...fixture, [key]: entry }, vscode.ConfigurationTarget.Workspace);
}

describe('build context settings in problems', () => {
  let api: LayerLensTestApi;
  let fixture: Record<string, unknown>;

  before(async () => {
    api = await layerLensApi();
    fixture = vscode.workspace.getConfiguration('layerLens').inspect<Record<string, unknown>>('buildContexts')?.workspaceValue ?? {};
  });

  after(async () => {
    const configuration = vscode.workspace.getConfiguration('layerLens');
    await configuration.update('builder', undefined, vscode.ConfigurationTarget.Workspace);
    await configuration.update('buildContexts', fixture, vscode.ConfigurationTarget.Workspace);
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

  it('unknown target names its setting', async () => {
    const { document } = await openDockerfile('images/stages/Dockerfile');
    await waitForAnalysis(api, document.uri);

    await setEntry(fixture, 'images/stages/Dockerfile', { target: 'nosuch' });

    const expected = 'layerLens.buildContexts["images/stages/Dockerfile"].target "nosuch" in the workspace settings names no stage of the Dockerfile. ' +
      'Give a stage name (builder, runtime) or an index from 0 to 1. The last stage, runtime, is analysed instead.';
    await waitForDiagnostics(document.uri, (found) => found.some((diagnostic) => diagnostic.message === expected));
  });
});
