import * as assert from 'assert';
import * as vscode from 'vscode';
import { layerLensApi, waitForAnalysis, waitForDiagnostics, within, workspaceUri } from './helpers';
import type { PanelData } from '../../src/protocol/webview';
import type { ShownPanel } from '../../src/extension/panel/register';

/** Returns the tabs that show the text document `uri`, with their groups. */
function textTabsOf(uri: vscode.Uri): vscode.Tab[] {
  return vscode.window.tabGroups.all
    .flatMap((group) => group.tabs)
    .filter((tab) => tab.input instanceof vscode.TabInputText && tab.input.uri.toString() === uri.toString());
}

/** Returns the group of the Merged Filesystem panel's tab. */
function panelGroup(): vscode.TabGroup {
  const group = vscode.window.tabGroups.all.find((candidate) => candidate.tabs.some((tab) => tab.input instanceof vscode.TabInputWebview));
  assert.ok(group, 'no group shows the Merged Filesystem panel');
  return group;
}

/** Opens `uri` as a preview tab in the first group, as a single click in the Explorer does. */
async function openPreview(uri: vscode.Uri): Promise<vscode.TextDocument> {
  const document = await vscode.workspace.openTextDocument(uri);
  await vscode.window.showTextDocument(document, { preview: true, viewColumn: vscode.ViewColumn.One });
  return document;
}

/** A Dockerfile shown as a preview with its panel, whose tab a preview of another file then replaced. */
interface Replaced {
  uri: vscode.Uri;
  document: vscode.TextDocument;
  panel: ShownPanel;
  /** The panel's data after the replacement. */
  stale: PanelData;
}

/**
 * Writes `text` as `folder/Dockerfile`, shows it as a preview with its panel once it has
 * `problems` problems, and then opens a preview of another file in the same group.
 */
async function showThenReplace(folder: string, text: string, problems: number): Promise<Replaced> {
  const api = await layerLensApi();
  const uri = workspaceUri(`${folder}/Dockerfile`);
  const other = workspaceUri(`${folder}/notes.txt`);
  await vscode.workspace.fs.writeFile(uri, Buffer.from(text));
  await vscode.workspace.fs.writeFile(other, Buffer.from('Notes beside the Dockerfile.\n'));
  const document = await openPreview(uri);
  assert.strictEqual(textTabsOf(uri)[0]?.isPreview, true, 'the Dockerfile did not open as a preview');
  await waitForAnalysis(api, uri);
  await waitForDiagnostics(uri, (found) => found.length === problems);
  const panel = await vscode.commands.executeCommand<ShownPanel | undefined>('layerLens.showMergedFilesystem', { uri: uri.toString() });
  assert.ok(panel, 'the command returned no panel');
  assert.strictEqual((await within(panel.nextData(), 'the first data')).closedNotice, undefined);

  const noticed: Promise<PanelData> = panel.nextData();
  await openPreview(other);
  assert.deepStrictEqual(textTabsOf(uri), [], 'the preview of the other file did not replace the Dockerfile');
  return { uri, document, panel, stale: await within(noticed, 'the data after the tab was replaced') };
}

describe('Dockerfile in a replaced preview tab', () => {
  it('counts as closed while its document stays', async () => {
    const { uri, document, stale } = await showThenReplace('preview-replaced', 'FROM scratch\nCOPY nothere.txt /\n', 1);

    assert.strictEqual(stale.closedNotice, 'Dockerfile was closed, so this panel shows its last analysis and no longer follows its edits. Open Dockerfile again to resume.');
    await waitForDiagnostics(uri, (found) => found.length === 0);
    // VS Code keeps the document, so the close above did not wait for `onDidCloseTextDocument`.
    assert.strictEqual(document.isClosed, false, 'VS Code closed the document, so this test checks nothing new');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('open button makes a lasting tab', async () => {
    const { uri, panel, stale } = await showThenReplace('preview-button', 'FROM scratch\nCOPY <<EOF /etc/motd\nWelcome.\nEOF\n', 0);
    assert.ok(stale.closedNotice, 'the panel shows no closed notice');

    // The button is clicked in the panel, which makes the panel's group the active one.
    await vscode.commands.executeCommand('layerLens.showMergedFilesystem', { uri: uri.toString() });
    const resumed: Promise<PanelData> = panel.nextData();
    await panel.receive({ type: 'revealLine', line: 1 });

    const tabs = textTabsOf(uri);
    assert.strictEqual(tabs.length, 1, 'the button did not open one tab of the Dockerfile');
    assert.strictEqual(tabs[0].isPreview, false, 'the button opened a preview, which the next click in the Explorer replaces');
    assert.notStrictEqual(tabs[0].group.viewColumn, panelGroup().viewColumn, 'the Dockerfile opened in the panel\'s group, hiding the panel');
    assert.strictEqual((await within(resumed, 'the data after the Dockerfile opened again')).closedNotice, undefined);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('open button keeps off the panel', async () => {
    const { uri, panel, stale } = await showThenReplace('preview-other-group', 'FROM scratch\nCOPY <<EOF /etc/issue\nHello.\nEOF\n', 0);
    assert.ok(stale.closedNotice, 'the panel shows no closed notice');

    // A click in the webview may leave the other file's group active, and beside that group is the panel's.
    await vscode.commands.executeCommand('workbench.action.focusFirstEditorGroup');
    assert.notStrictEqual(vscode.window.tabGroups.activeTabGroup.viewColumn, panelGroup().viewColumn, 'the panel\'s group is active');
    await panel.receive({ type: 'revealLine', line: 1 });

    const tabs = textTabsOf(uri);
    assert.strictEqual(tabs.length, 1, 'the button did not open one tab of the Dockerfile');
    assert.notStrictEqual(tabs[0].group.viewColumn, panelGroup().viewColumn, 'the Dockerfile opened in the panel\'s group, hiding the panel');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });
});
