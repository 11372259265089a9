import * as assert from 'assert';
import * as vscode from 'vscode';
import { layerLensApi, openDockerfile, waitForAnalysis } from './helpers';
import { waitUntil } from '../vscode/waitUntil';

describe('Image Layers heading', () => {
  it('names the active Dockerfile', async () => {
    const api = await layerLensApi();
    const view = (api.layersTree as unknown as { view: vscode.TreeView<unknown> }).view;
    const waste = (await openDockerfile('images/waste/Dockerfile')).document.uri;
    await waitForAnalysis(api, waste);
    // Both files are named Dockerfile, so the title adds the folder.
    await waitUntil('the title of waste/Dockerfile', 15_000, () => view.title === 'waste/Dockerfile');

    const stages = (await openDockerfile('images/stages/Dockerfile')).document.uri;
    await waitForAnalysis(api, stages);

    await waitUntil('the title of stages/Dockerfile', 15_000, () => view.title === 'stages/Dockerfile');
    assert.strictEqual(view.description, undefined);
  });
});
