import * as assert from 'assert';
import * as vscode from 'vscode';
import { hoverTextAt, layerLensApi, openDockerfile, waitForAnalysis, waitForDiagnostics, workspaceUri, type LayerLensTestApi } from './helpers';

/** Lines and severities of diagnostics, sorted, for exact comparison. */
function summarize(diagnostics: vscode.Diagnostic[]): string[] {
  return diagnostics
    .map((diagnostic) => `${diagnostic.range.start.line + 1} ${vscode.DiagnosticSeverity[diagnostic.severity]}`)
    .sort();
}

describe('bad input', () => {
  let api: LayerLensTestApi;

  before(async () => {
    api = await layerLensApi();
  });

  it('broken Dockerfile gets one error per bad line', async () => {
    const { document } = await openDockerfile('faulty/broken/Dockerfile');

    const diagnostics = await waitForDiagnostics(document.uri, (found) => found.length > 0);

    assert.deepStrictEqual(summarize(diagnostics), ['2 Error', '4 Error', '5 Error']);
    const messages = diagnostics.map((diagnostic) => diagnostic.message).join('\n');
    assert.match(messages, /RUN comes before the first FROM/);
    assert.match(messages, /Unknown instruction "COPPY"/);
    assert.match(messages, /COPY needs at least one source and a destination/);
  });

  it('broken Dockerfile still has hovers', async () => {
    const { document } = await openDockerfile('faulty/broken/Dockerfile');
    await waitForAnalysis(api, document.uri);

    const text = await hoverTextAt(document.uri, 4);

    assert.match(text, /COPPY is not a Dockerfile instruction/);
    // The prediction reads COPPY as COPY, so the hover names the layer the fixed line would make.
    assert.match(text, /reject the whole Dockerfile with unknown instruction: COPPY\. Read as COPY, this step would make a layer of 39 B: adds \/app, \/app\/app\.py\./);
  });

  it('missing build context is reported on line 1', async () => {
    const { document } = await openDockerfile('faulty/orphan/Dockerfile');

    const diagnostics = await waitForDiagnostics(document.uri, (found) => found.length > 0);

    assert.deepStrictEqual(summarize(diagnostics), ['1 Error']);
    assert.match(diagnostics[0].message, /context-that-does-not-exist/);
    const analysis = await waitForAnalysis(api, document.uri);
    assert.ok(analysis.contextPath.endsWith('context-that-does-not-exist'), analysis.contextPath);
    assert.deepStrictEqual(
      analysis.steps.map((step) => step.instruction),
      ['FROM', 'COPY'],
    );
  });

  it('Dockerfile without FROM is reported', async () => {
    const uri = workspaceUri('faulty/empty/Dockerfile');
    await vscode.workspace.fs.writeFile(uri, Buffer.from('# nothing to build yet\n'));
    await openDockerfile('faulty/empty/Dockerfile');

    const diagnostics = await waitForDiagnostics(uri, (found) => found.length > 0);

    assert.deepStrictEqual(summarize(diagnostics), ['1 Error']);
    assert.match(diagnostics[0].message, /no FROM instruction/);
  });

  it('missing source names no absolute path', async () => {
    const uri = workspaceUri('faulty/missing/Dockerfile');
    await vscode.workspace.fs.writeFile(uri, Buffer.from('FROM scratch\nCOPY nowhere.txt /\n'));
    await openDockerfile('faulty/missing/Dockerfile');

    const diagnostics = await waitForDiagnostics(uri, (found) => found.length > 0);

    assert.deepStrictEqual(summarize(diagnostics), ['2 Error']);
    assert.match(diagnostics[0].message, /^The source "nowhere\.txt" was not found in the build context\. Check the path/);
    assert.ok(!diagnostics[0].message.includes(workspaceUri('faulty/missing').fsPath), diagnostics[0].message);
  });

  it('unsaved Dockerfile is not analysed', async () => {
    const document = await vscode.workspace.openTextDocument({ language: 'dockerfile', content: 'FROM alpine:3.20\nCOPY . /src\n' });
    await vscode.window.showTextDocument(document);

    const analysis = await api.analysisFor(document.uri);
    const text = await hoverTextAt(document.uri, 2);

    assert.strictEqual(analysis, undefined);
    assert.doesNotMatch(text, /filesystem layer/);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });
});
