import * as assert from 'assert';
import * as vscode from 'vscode';
import { layerLensApi, openDockerfile, waitForAnalysis, waitForDiagnostics } from './helpers';

/**
 * Line 4 deletes a cache that line 3 wrote (a waste hint with quick fixes) and a .netrc that line
 * 2 wrote (a credential). Line 5 copies a source that is not in the build context (an error).
 */
const dockerfile = 'images/waste-setting/Dockerfile';

function isCacheHint(diagnostic: vscode.Diagnostic): boolean {
  return diagnostic.range.start.line === 3 && diagnostic.message.startsWith('This RUN deletes the cache /var/cache/shop, written by line 3 (RUN).');
}

function isCredentialHint(diagnostic: vscode.Diagnostic): boolean {
  return diagnostic.range.start.line === 3 && diagnostic.message.includes('can read /root/.netrc, which looks like a credential');
}

function isMissingSourceError(diagnostic: vscode.Diagnostic): boolean {
  return diagnostic.range.start.line === 4 && diagnostic.severity === vscode.DiagnosticSeverity.Error && diagnostic.message.startsWith('The source "missing.txt" was not found');
}

/**
 * Returns the titles of the quick fixes on line 4 that move work into the RUN on line 3. The rm is
 * the whole RUN on line 4, so moving it would be the merge, and the merge is the only fix offered.
 */
async function cacheFixTitles(uri: vscode.Uri): Promise<string[]> {
  const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, new vscode.Range(3, 0, 3, 0));
  return actions.map((action) => action.title).filter((title) => title.includes('RUN on line 3')).sort();
}

async function updateWasteHints(value: unknown): Promise<void> {
  await vscode.workspace.getConfiguration('layerLens').update('wasteHints', value, vscode.ConfigurationTarget.Workspace);
}

describe('wasteHints setting', () => {
  let fixtureValue: unknown;
  let uri: vscode.Uri;

  before(async () => {
    fixtureValue = vscode.workspace.getConfiguration('layerLens').inspect('wasteHints')?.workspaceValue;
    const api = await layerLensApi();
    const { document } = await openDockerfile(dockerfile);
    uri = document.uri;
    await waitForAnalysis(api, uri);
  });

  after(async () => {
    await updateWasteHints(fixtureValue);
  });

  it('hints show by default', async () => {
    const diagnostics = await waitForDiagnostics(uri, (found) => found.some(isCacheHint));

    assert.ok(diagnostics.some(isCredentialHint), diagnostics.map((diagnostic) => diagnostic.message).join('\n'));
    assert.ok(diagnostics.some(isMissingSourceError), diagnostics.map((diagnostic) => diagnostic.message).join('\n'));
    assert.deepStrictEqual(await cacheFixTitles(uri), ['Merge into the RUN on line 3']);
  });

  it('false hides hints and fixes', async () => {
    await updateWasteHints(false);

    const diagnostics = await waitForDiagnostics(uri, (found) => !found.some(isCacheHint));

    const messages = diagnostics.map((diagnostic) => diagnostic.message).join('\n');
    assert.ok(diagnostics.some(isMissingSourceError), messages);
    assert.ok(diagnostics.some(isCredentialHint), messages);
    assert.strictEqual(diagnostics.length, 2, messages);
    assert.deepStrictEqual(await cacheFixTitles(uri), []);
  });

  it('true shows them again', async () => {
    await updateWasteHints(true);

    const diagnostics = await waitForDiagnostics(uri, (found) => found.some(isCacheHint));

    assert.ok(diagnostics.some(isMissingSourceError), diagnostics.map((diagnostic) => diagnostic.message).join('\n'));
    assert.deepStrictEqual(await cacheFixTitles(uri), ['Merge into the RUN on line 3']);
  });
});
