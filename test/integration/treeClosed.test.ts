import * as assert from 'assert';
import * as vscode from 'vscode';
import { layerLensApi, textTabOf, waitForAnalysis, workspaceUri, type LayerLensTestApi } from './helpers';
import { waitUntil } from '../vscode/waitUntil';

/** The parts of the Image Layers tree that these tests read, beyond the test API's type. */
interface ShownTree {
  view: vscode.TreeView<unknown>;
  documentUri: vscode.Uri | undefined;
}

function treeOf(api: LayerLensTestApi): ShownTree {
  return api.layersTree as unknown as ShownTree;
}

/**
 * Writes a Dockerfile and shows it in `column`. It is opened through `openTextDocument`, as other
 * extensions open files, so VS Code keeps the document in `workspace.textDocuments` after its tab
 * closes. Only the tabs then show that it was closed.
 */
async function showDockerfile(api: LayerLensTestApi, relativePath: string, column: vscode.ViewColumn): Promise<vscode.Uri> {
  const uri = workspaceUri(relativePath);
  await vscode.workspace.fs.writeFile(uri, Buffer.from('FROM scratch\nCOPY <<EOF /etc/motd\nWelcome.\nEOF\n'));
  const document = await vscode.workspace.openTextDocument(uri);
  await vscode.window.showTextDocument(document, { preview: false, viewColumn: column });
  await waitForAnalysis(api, uri);
  await waitUntil(`the view to show ${relativePath}`, 15_000, () => treeOf(api).documentUri?.toString() === uri.toString());
  return uri;
}

function isOpen(uri: vscode.Uri): boolean {
  return vscode.workspace.textDocuments.some((document) => document.uri.toString() === uri.toString());
}

describe('Image Layers view of a closed Dockerfile', () => {
  beforeEach(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('welcome text once no tab shows it', async () => {
    const api = await layerLensApi();
    const tree = treeOf(api);
    const uri = await showDockerfile(api, 'tree-closed/alone/Dockerfile', vscode.ViewColumn.One);

    await vscode.window.tabGroups.close(textTabOf(uri));
    await waitUntil('the view to leave the closed Dockerfile', 15_000, () => tree.documentUri === undefined || tree.view.message !== undefined);

    assert.ok(isOpen(uri), 'VS Code closed the document with its tab, so this test no longer covers a document kept open');
    assert.strictEqual(tree.view.message, undefined, 'a closed Dockerfile is no failed analysis');
    assert.strictEqual(tree.documentUri, undefined);
    assert.strictEqual(tree.view.title, 'Image Layers');
    assert.deepStrictEqual(await api.layersTree.getChildren(), [], 'an empty tree shows the welcome text');
  });

  it('shows the Dockerfile left beside it', async () => {
    const api = await layerLensApi();
    const tree = treeOf(api);
    const left = await showDockerfile(api, 'tree-closed/left/Dockerfile', vscode.ViewColumn.One);
    // A text file under the closed Dockerfile becomes the active editor, so only the visible editors lead the view to `left`.
    const notes = workspaceUri('tree-closed/right/notes.txt');
    await vscode.workspace.fs.writeFile(notes, Buffer.from('Not a Dockerfile.\n'));
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(notes), { preview: false, viewColumn: vscode.ViewColumn.Two });
    const closed = await showDockerfile(api, 'tree-closed/right/Dockerfile', vscode.ViewColumn.Two);

    await vscode.window.tabGroups.close(textTabOf(closed));
    await waitUntil('the view to leave the closed Dockerfile', 15_000, () => tree.documentUri?.toString() !== closed.toString() || tree.view.message !== undefined);

    assert.strictEqual(tree.view.message, undefined, 'a closed Dockerfile is no failed analysis');
    assert.strictEqual(tree.documentUri?.toString(), left.toString());
    assert.strictEqual(vscode.window.activeTextEditor?.document.uri.toString(), notes.toString());
    await waitForAnalysis(api, left);
    await waitUntil('the rows of the Dockerfile left open', 15_000, async () => ((await api.layersTree.getChildren()) ?? []).length > 0);
  });
});
