import * as assert from 'assert';
import * as vscode from 'vscode';
import { hoverTextAt, layerLensApi, openDockerfile, waitForAnalysis, type LayerLensTestApi } from './helpers';

describe('builder setting', () => {
  let api: LayerLensTestApi;

  before(async () => {
    api = await layerLensApi();
  });

  after(async () => {
    await vscode.workspace.getConfiguration('layerLens').update('builder', undefined, vscode.ConfigurationTarget.Workspace);
  });

  it('layerLens.builder reaches the hover', async () => {
    const { document } = await openDockerfile('images/waste/Dockerfile');
    await waitForAnalysis(api, document.uri);
    assert.match(await hoverTextAt(document.uri, 2), /Modelled on BuildKit with overlay storage\./);

    await vscode.workspace.getConfiguration('layerLens').update('builder', 'classic', vscode.ConfigurationTarget.Workspace);

    const analysis = await waitForAnalysis(api, document.uri, (found) => found.builder === 'classic');
    assert.strictEqual(analysis.builder, 'classic');
    assert.match(await hoverTextAt(document.uri, 2), /Modelled on the classic Docker builder with overlay storage\./);
  });
});
