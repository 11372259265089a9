import * as assert from 'assert';
import * as vscode from 'vscode';
import { layerLensApi, openDockerfile, waitForAnalysis, type LayerLensTestApi } from './helpers';

describe('buildah format setting', () => {
  let api: LayerLensTestApi;

  before(async () => {
    api = await layerLensApi();
  });

  after(async () => {
    const configuration = vscode.workspace.getConfiguration('layerLens');
    await configuration.update('buildahFormat', undefined, vscode.ConfigurationTarget.Workspace);
    await configuration.update('builder', undefined, vscode.ConfigurationTarget.Workspace);
  });

  it('layerLens.buildahFormat runs stage triggers', async () => {
    const { document } = await openDockerfile('images/onbuild/Dockerfile');
    await vscode.workspace.getConfiguration('layerLens').update('builder', 'buildah', vscode.ConfigurationTarget.Workspace);
    const oci = await waitForAnalysis(api, document.uri, (found) => found.builder === 'buildah');
    assert.strictEqual(oci.steps.filter((step) => step.trigger).length, 0);
    assert.ok(oci.problems.some((problem) => problem.line === 8 && /ONBUILD is not supported for OCI image format/.test(problem.message)));

    await vscode.workspace.getConfiguration('layerLens').update('buildahFormat', 'docker', vscode.ConfigurationTarget.Workspace);
    const docker = await waitForAnalysis(api, document.uri, (found) => found.steps.some((step) => step.trigger));
    const triggers = docker.steps.filter((step) => step.trigger);
    assert.deepStrictEqual(triggers.map((step) => step.line), [8]);
    assert.ok(!docker.problems.some((problem) => /OCI image format/.test(problem.message)));
  });
});
