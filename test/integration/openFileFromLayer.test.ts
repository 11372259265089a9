import * as assert from 'assert';
import * as path from 'path';
import * as vscode from 'vscode';
import { linkedImageOf } from '../../src/core/image/linkedAnalysis';
import { extensionId, layerLensApi, openDockerfile, waitForAnalysis } from './helpers';

/** The archive fixture, read from the extension's own folder because the workspace is a copy without it. */
function archivePath(): string {
  const extension = vscode.extensions.getExtension(extensionId);
  assert.ok(extension, `${extensionId} is not installed in this editor`);
  return path.join(extension.extensionPath, 'test', 'fixtures', 'images', '16-rm-rf-recreate.docker-overlay2.tar');
}

/** Runs the command and returns the text of the editor it opened. */
async function openFromLayer(uri: vscode.Uri, layer: number, file: string): Promise<vscode.TextDocument> {
  const opened = await vscode.commands.executeCommand('layerLens.openFileFromLayer', { uri: uri.toString(), layer, path: file });
  assert.strictEqual(opened, true);
  const document = vscode.window.activeTextEditor?.document;
  assert.ok(document, 'no editor is active after opening the file');
  return document;
}

describe('open file from layer', () => {
  let dockerfile: vscode.Uri;

  before(async () => {
    const api = await layerLensApi();
    dockerfile = (await openDockerfile('images/rm-rf/Dockerfile')).document.uri;
    await waitForAnalysis(api, dockerfile);
    const linked = await vscode.commands.executeCommand('layerLens.analyzeImage', { uri: dockerfile.toString(), source: archivePath() });
    assert.strictEqual(linked, true);
    await waitForAnalysis(api, dockerfile, (analysis) => linkedImageOf(analysis) !== undefined);
  });

  after(async () => {
    await vscode.commands.executeCommand('layerLens.unlinkImage', { uri: dockerfile.toString() });
  });

  // Steps: 0 the base layer, 1 FROM, 2 COPY data/ /data/, 3 the RUN that writes "again" into /data/a.txt.
  it('file of the COPY layer', async () => {
    const document = await openFromLayer(dockerfile, 2, '/data/a.txt');

    assert.strictEqual(document.uri.scheme, 'layer-lens-layer');
    assert.strictEqual(document.uri.path, '/data/a (step #2).txt');
    assert.strictEqual(document.getText(), 'a\n');
    assert.strictEqual(vscode.window.tabGroups.activeTabGroup.activeTab?.label, 'a (step #2).txt');
  });

  it('file the RUN layer rewrote', async () => {
    const document = await openFromLayer(dockerfile, 3, '/data/a.txt');

    assert.strictEqual(document.getText(), 'again\n');
    assert.strictEqual(vscode.window.tabGroups.activeTabGroup.activeTab?.label, 'a (step #3).txt');
  });

  it('symlink of the base layer', async () => {
    const document = await openFromLayer(dockerfile, 0, '/bin/sh');

    assert.strictEqual(document.getText(), '/bin/sh is a symbolic link to busybox\n');
  });

  it('path the layer lacks', async () => {
    const opened = await vscode.commands.executeCommand('layerLens.openFileFromLayer', { uri: dockerfile.toString(), layer: 2, path: '/bin/sh' });

    assert.strictEqual(opened, false);
  });
});
