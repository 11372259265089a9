/**
 * The Image Layers view's title buttons: shown only while the view shows a Dockerfile, through a
 * context key in their `when` clauses. Their commands stay in the Command Palette, where they
 * reject the run with a message when no Dockerfile is open.
 */
import * as assert from 'assert';
import * as vscode from 'vscode';
import { extensionId, layerLensApi, textTabOf, waitForAnalysis, workspaceUri, type LayerLensTestApi } from './helpers';
import { waitUntil } from '../vscode/waitUntil';
import type { ShownPanel } from '../../src/extension/panel/register';

const key = 'layerLens.showsDockerfile';
const titleCommands = ['layerLens.showMergedFilesystem', 'layerLens.refresh', 'layerLens.analyzeImage'];

/** The parts of the Image Layers tree that these tests read, beyond the test API's type. */
interface ShownTree {
  documentUri: vscode.Uri | undefined;
  showsDockerfile: boolean | undefined;
}

type MenuEntry = { command: string; when?: string };

function menusOf(): Record<string, MenuEntry[]> {
  const manifest = vscode.extensions.getExtension(extensionId)?.packageJSON as { contributes: { menus: Record<string, MenuEntry[]> } };
  return manifest.contributes.menus;
}

function treeOf(api: LayerLensTestApi): ShownTree {
  return api.layersTree as unknown as ShownTree;
}

/** Writes a small Dockerfile at `path` in the workspace, opens it, and waits until the view shows it. */
async function showDockerfile(api: LayerLensTestApi, path: string): Promise<vscode.Uri> {
  const uri = workspaceUri(path);
  await vscode.workspace.fs.writeFile(uri, Buffer.from('FROM scratch\nCOPY <<EOF /etc/motd\nWelcome.\nEOF\n'));
  await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri), { preview: false });
  await waitForAnalysis(api, uri);
  await waitUntil('the view to show the Dockerfile', 15_000, () => treeOf(api).documentUri?.toString() === uri.toString());
  return uri;
}

describe('view title buttons', () => {
  let api: LayerLensTestApi;

  before(async () => {
    api = await layerLensApi();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('when clauses test the key', () => {
    const title = menusOf()['view/title'];
    for (const command of titleCommands) {
      const entry = title.find((candidate) => candidate.command === command);
      assert.ok(entry, `package.json has no view title entry for ${command}`);
      assert.match(entry.when ?? '', new RegExp(`(^|&& )${key.replace('.', '\\.')}( &&|$)`), `the when clause of ${command}`);
    }
  });

  it('palette keeps the commands', () => {
    const hidden = (menusOf().commandPalette ?? []).filter((entry) => titleCommands.includes(entry.command));
    assert.deepStrictEqual(hidden, []);
  });

  it('key follows the shown Dockerfile', async () => {
    const tree = treeOf(api);
    const uri = await showDockerfile(api, 'view-title/Dockerfile');
    assert.strictEqual(tree.showsDockerfile, true);

    await vscode.window.tabGroups.close(textTabOf(uri));
    await waitUntil('the view to leave the closed Dockerfile', 15_000, () => tree.documentUri === undefined);
    assert.strictEqual(tree.showsDockerfile, false);
  });

  it('Show Merged Filesystem takes the view\'s Dockerfile', async () => {
    const tree = treeOf(api);
    const uri = await showDockerfile(api, 'view-title/panel/Dockerfile');

    // The title button stays while another kind of file is active, so its command must not ask for one.
    const notes = workspaceUri('view-title/panel/notes.txt');
    await vscode.workspace.fs.writeFile(notes, Buffer.from('not a Dockerfile\n'));
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(notes), { preview: false });
    assert.strictEqual(tree.documentUri?.toString(), uri.toString());
    const panel = await vscode.commands.executeCommand<ShownPanel | undefined>('layerLens.showMergedFilesystem');
    assert.ok(panel, 'the command showed no panel');
    assert.strictEqual((await panel.nextData()).uri, uri.toString());
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('commands reject without a Dockerfile', async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await waitUntil('the view to show no Dockerfile', 15_000, () => treeOf(api).documentUri === undefined);
    assert.strictEqual(await vscode.commands.executeCommand('layerLens.showMergedFilesystem'), undefined);
    assert.strictEqual(await vscode.commands.executeCommand('layerLens.analyzeImage'), false);
  });
});
