import * as assert from 'assert';
import * as fs from 'fs';
import * as vscode from 'vscode';
import { extensionId, layerLensApi, lineStartingWith, openDockerfile, waitForAnalysis, workspaceUri, type LayerLensTestApi } from './helpers';
import { rowsOf, stepRow, type Row } from './treeText';

const command = 'layerLens.openSourceFile';

/** Returns the pattern of `viewItem` in the `when` clause of the command's entry in the view's row menu. */
function menuPattern(): RegExp {
  const manifest = vscode.extensions.getExtension(extensionId)?.packageJSON as { contributes: { menus: Record<string, Array<{ command: string; when: string }>> } };
  const entry = manifest.contributes.menus['view/item/context'].find((candidate) => candidate.command === command);
  assert.ok(entry, `package.json has no row menu entry for ${command}`);
  const pattern = /viewItem =~ \/(.*)\/$/.exec(entry.when)?.[1];
  assert.ok(pattern, `the when clause "${entry.when}" tests no viewItem pattern`);
  return new RegExp(pattern);
}

describe('open source file', () => {
  let api: LayerLensTestApi;
  let dockerfile: vscode.TextDocument;

  before(async () => {
    api = await layerLensApi();
    dockerfile = (await openDockerfile('sources/Dockerfile')).document;
    await waitForAnalysis(api, dockerfile.uri);
  });

  /** Finds the row of `imagePath` among the changes of the step whose instruction starts with `prefix`. */
  async function fileRow(prefix: string, imagePath: string): Promise<Row> {
    const pending = await rowsOf(api.layersTree, await stepRow(api.layersTree, prefix));
    while (pending.length > 0) {
      const row = pending.shift() as Row;
      if (row.item.tooltip !== undefined && String(row.item.tooltip).split('\n')[0] === imagePath) return row;
      pending.push(...(await rowsOf(api.layersTree, row.element)));
    }
    assert.fail(`no row ${imagePath} below "${prefix}"`);
  }

  async function showDockerfile(): Promise<void> {
    await vscode.window.showTextDocument(dockerfile, { preview: false });
  }

  it('COPY opens the context file', async () => {
    await showDockerfile();
    const row = await fileRow('COPY notes.txt', '/srv/notes.txt');
    assert.match(String(row.item.contextValue), menuPattern(), 'the row menu does not offer the command');

    const opened = await vscode.commands.executeCommand(command, row.element);

    assert.strictEqual(opened, true);
    const editor = vscode.window.activeTextEditor;
    assert.strictEqual(editor?.document.uri.fsPath, workspaceUri('sources/notes.txt').fsPath);
    assert.strictEqual(editor?.document.getText(), 'Notes on the shop image.\n');
  });

  it('heredoc shows its COPY line', async () => {
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    const row = await fileRow('COPY <<EOF', '/etc/motd');
    assert.match(String(row.item.contextValue), menuPattern());

    assert.strictEqual(await vscode.commands.executeCommand(command, row.element), true);

    const editor = vscode.window.activeTextEditor;
    assert.strictEqual(editor?.document.uri.toString(), dockerfile.uri.toString());
    assert.strictEqual(editor?.selection.active.line, lineStartingWith(dockerfile, 'COPY <<EOF') - 1);
  });

  it('RUN output shows its RUN line', async () => {
    const row = await fileRow('RUN echo ready', '/srv/status');

    assert.strictEqual(await vscode.commands.executeCommand(command, row.element), true);

    assert.strictEqual(vscode.window.activeTextEditor?.selection.active.line, lineStartingWith(dockerfile, 'RUN echo ready') - 1);
  });

  it('stage copy shows its COPY line', async () => {
    const row = await fileRow('COPY --from=tools', '/usr/local/bin/tool');
    assert.match(String(row.item.contextValue), menuPattern(), 'the row menu does not offer the command');

    assert.strictEqual(await vscode.commands.executeCommand(command, row.element), true);

    assert.strictEqual(vscode.window.activeTextEditor?.selection.active.line, lineStartingWith(dockerfile, 'COPY --from=tools') - 1);
  });

  // Last, because the deletion makes the COPY of gone.txt fail in the next analysis.
  it('file deleted since the analysis', async () => {
    await showDockerfile();
    const row = await fileRow('COPY gone.txt', '/srv/gone.txt');
    fs.rmSync(workspaceUri('sources/gone.txt').fsPath);

    const opened = await vscode.commands.executeCommand(command, row.element);

    assert.strictEqual(opened, false);
    assert.strictEqual(vscode.window.activeTextEditor?.document.uri.toString(), dockerfile.uri.toString());
  });
});
