import * as assert from 'assert';
import * as vscode from 'vscode';
import { layerLensApi, openDockerfile, waitForAnalysis, waitForDiagnostics, type LayerLensTestApi } from './helpers';

const dockerfile = 'images/waste/Dockerfile';
const cleanupTitle = 'Move the cleanup into the RUN on line 2';

/** Returns whether a diagnostic is the waste hint of the RUN on line 3. */
function isHint(diagnostic: vscode.Diagnostic): boolean {
  return diagnostic.range.start.line === 2 && diagnostic.message.startsWith('This RUN deletes the cache /var/cache/shop, written by line 2 (RUN).');
}

describe('waste quick fixes', () => {
  let api: LayerLensTestApi;
  let editor: vscode.TextEditor;
  let original: string;

  before(async () => {
    api = await layerLensApi();
    editor = await openDockerfile(dockerfile);
    original = editor.document.getText();
  });

  after(async () => {
    const document = editor.document;
    const edit = new vscode.WorkspaceEdit();
    edit.replace(document.uri, new vscode.Range(0, 0, document.lineCount, 0), original);
    await vscode.workspace.applyEdit(edit);
    await document.save();
  });

  it('hint line offers both fixes', async () => {
    await waitForDiagnostics(editor.document.uri, (found) => found.some(isHint));

    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', editor.document.uri, new vscode.Range(2, 0, 2, 0));
    const ours = actions.filter((action) => action.title.includes('RUN on line 2'));

    assert.deepStrictEqual(ours.map((action) => action.title).sort(), ['Merge into the RUN on line 2', cleanupTitle]);
    assert.ok(ours.every((action) => action.kind?.value === vscode.CodeActionKind.QuickFix.value));
  });

  it('moving the cleanup removes the hint', async () => {
    const document = editor.document;
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', document.uri, new vscode.Range(2, 0, 2, 0));
    const move = actions.find((action) => action.title === cleanupTitle);
    assert.ok(move?.edit, `no "${cleanupTitle}" action with an edit`);

    assert.ok(await vscode.workspace.applyEdit(move.edit));

    assert.strictEqual(
      document.getText(),
      [
        'FROM busybox-local:2',
        'RUN mkdir -p /var/cache/shop && echo index > /var/cache/shop/index && \\',
        '    rm -rf /var/cache/shop',
        'RUN echo ready > /ready',
        '',
      ].join('\n'),
    );
    const analysis = await waitForAnalysis(api, document.uri, (found) => found.steps.length === 3);
    assert.deepStrictEqual(analysis.problems.filter((problem) => problem.writtenBy !== undefined), []);
    const diagnostics = await waitForDiagnostics(document.uri, (found) => !found.some(isHint));
    assert.deepStrictEqual(diagnostics.map((diagnostic) => diagnostic.message), []);
  });
});
