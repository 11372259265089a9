import * as assert from 'assert';
import * as vscode from 'vscode';
import { fileSize, hoverTextAt, layerLensApi, lineStartingWith, openDockerfile, waitForAnalysis, type LayerLensTestApi } from './helpers';
import { rowsOf, spokenOf } from './treeText';
import { waitUntil } from '../vscode/waitUntil';

const addedLine = 'COPY config/logging.json ./logging.json';

/**
 * Returns the step rows of the last stage in the Image Layers view as a screen reader announces
 * them, because a label may cut the instruction short, but without the step number, which an
 * inserted step changes: `INSTRUCTION, line N, DESCRIPTION`.
 */
async function runtimeRows(api: LayerLensTestApi): Promise<string[]> {
  const stages = await rowsOf(api.layersTree, undefined);
  if (stages.length === 0) return [];
  return (await rowsOf(api.layersTree, stages[stages.length - 1].element)).map((row) => spokenOf(row.item).replace(/, step #\d+ on line /, ', line '));
}

/** Returns the row of `runtimeRows` for an instruction on `line` with a description. */
function spokenRow(instruction: string, line: number, description: string): string {
  return `${instruction}, line ${line}, ${description}`;
}

describe('editing the Dockerfile', () => {
  let api: LayerLensTestApi;
  let editor: vscode.TextEditor;
  let original: string;

  before(async () => {
    api = await layerLensApi();
    editor = await openDockerfile('Dockerfile');
    original = editor.document.getText();
    await waitForAnalysis(api, editor.document.uri);
  });

  after(async () => {
    // Later test files expect the fixture as committed.
    const document = editor.document;
    const whole = new vscode.Range(0, 0, document.lineCount, 0);
    const edit = new vscode.WorkspaceEdit();
    edit.replace(document.uri, whole, original);
    await vscode.workspace.applyEdit(edit);
    await document.save();
    await waitForAnalysis(api, document.uri, (analysis) => analysis.steps.length === 13);
  });

  it('new COPY line appears before saving', async () => {
    const deployLine = lineStartingWith(editor.document, 'COPY deploy/default.json');
    const edit = new vscode.WorkspaceEdit();
    edit.insert(editor.document.uri, new vscode.Position(deployLine, 0), `${addedLine}\n`);
    assert.ok(await vscode.workspace.applyEdit(edit));

    const expectedRow = spokenRow(addedLine, lineStartingWith(editor.document, addedLine), `${fileSize('config/logging.json')} B · 1 added`);
    await waitUntil('the new step in the Image Layers view', 15_000, async () => (await runtimeRows(api)).includes(expectedRow));
    const text = await hoverTextAt(editor.document.uri, deployLine + 1);

    assert.ok(editor.document.isDirty);
    assert.ok(text.includes(`- /srv/shop/logging.json ${fileSize('config/logging.json')} B`), text);
  });

  it('saved edit keeps the new layer', async () => {
    assert.ok(await editor.document.save());

    const analysis = await waitForAnalysis(api, editor.document.uri);

    assert.strictEqual(editor.document.isDirty, false);
    assert.strictEqual(analysis.steps.length, 14);
    assert.strictEqual(analysis.steps[10].text, addedLine);
    const rows = await runtimeRows(api);
    assert.ok(rows.includes(spokenRow(addedLine, lineStartingWith(editor.document, addedLine), `${fileSize('config/logging.json')} B · 1 added`)), rows.join('\n'));
  });

  it('deleting the shadowing COPY clears the shadow', async () => {
    const line = lineStartingWith(editor.document, 'COPY deploy/default.json');
    const edit = new vscode.WorkspaceEdit();
    edit.delete(editor.document.uri, new vscode.Range(line - 1, 0, line, 0));
    assert.ok(await vscode.workspace.applyEdit(edit));
    assert.ok(await editor.document.save());

    await waitUntil('the shadowing step to leave the view', 15_000, async () =>
      (await runtimeRows(api)).every((row) => !row.startsWith('COPY deploy/default.json')),
    );
    const analysis = await waitForAnalysis(api, editor.document.uri);

    const modified = analysis.stack.layers.flatMap((layer) => layer.entries.filter((entry) => entry.change === 'modified'));
    assert.deepStrictEqual(modified, []);
  });

  it('edits wait for refreshDelay', async () => {
    const settings = vscode.workspace.getConfiguration('layerLens');
    await settings.update('refreshDelay', 600_000, vscode.ConfigurationTarget.Workspace);
    try {
      const delayedLine = 'COPY config/logging.json ./delayed.json';
      const end = editor.document.lineCount;
      const edit = new vscode.WorkspaceEdit();
      edit.insert(editor.document.uri, new vscode.Position(end, 0), `${delayedLine}\n`);
      assert.ok(await vscode.workspace.applyEdit(edit));
      const expectedRow = spokenRow(delayedLine, lineStartingWith(editor.document, delayedLine), `${fileSize('config/logging.json')} B · 1 added`);

      // VS Code requests code actions after each keystroke, so they must not start the analysis early.
      await vscode.commands.executeCommand('vscode.executeCodeActionProvider', editor.document.uri, new vscode.Range(end, 0, end, 0));
      assert.ok(!(await runtimeRows(api)).includes(expectedRow));

      // A hover is a request the user makes, so it analyses at once.
      const text = await hoverTextAt(editor.document.uri, lineStartingWith(editor.document, delayedLine));
      assert.ok(text.includes('/srv/shop/delayed.json'), text);
      const rows = await runtimeRows(api);
      assert.ok(rows.includes(expectedRow), rows.join('\n'));
    } finally {
      await settings.update('refreshDelay', undefined, vscode.ConfigurationTarget.Workspace);
    }
  });
});
