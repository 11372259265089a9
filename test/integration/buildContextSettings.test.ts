import * as assert from 'assert';
import * as vscode from 'vscode';
import { hoverTextAt, layerLensApi, openDockerfile, waitForAnalysis, waitForDiagnostics, workspaceUri, type LayerLensTestApi } from './helpers';

/** The fixture's Dockerfile whose workspace settings choose a context folder that does not exist. */
const orphan = 'faulty/orphan/Dockerfile';

/** A Dockerfile that the tests write, which copies from the named context "shared". */
const named = 'faulty/named/Dockerfile';

/** Sets the workspace's `layerLens.buildContexts` entry of `key`, keeping the fixture's other entries. */
async function setEntry(fixture: Record<string, unknown>, key: string, entry: unknown): Promise<void> {
  await vscode.workspace.getConfiguration('layerLens').update('buildContexts', { ...fixture, [key]: entry }, vscode.ConfigurationTarget.Workspace);
}

describe('build context settings in problems', () => {
  let api: LayerLensTestApi;
  let fixture: Record<string, unknown>;

  before(async () => {
    api = await layerLensApi();
    fixture = vscode.workspace.getConfiguration('layerLens').inspect<Record<string, unknown>>('buildContexts')?.workspaceValue ?? {};
  });

  after(async () => {
    const configuration = vscode.workspace.getConfiguration('layerLens');
    await configuration.update('builder', undefined, vscode.ConfigurationTarget.Workspace);
    await configuration.update('buildContexts', fixture, vscode.ConfigurationTarget.Workspace);
  });

  it('missing context names its setting', async () => {
    const { document } = await openDockerfile(orphan);

    const diagnostics = await waitForDiagnostics(document.uri, (found) => found.length > 0);

    const missing = workspaceUri('faulty/orphan/context-that-does-not-exist').fsPath;
    assert.deepStrictEqual(diagnostics.map((diagnostic) => diagnostic.message), [
      `layerLens.buildContexts["faulty/orphan/Dockerfile"].context "faulty/orphan/context-that-does-not-exist" in the workspace settings names ${missing}, ` +
        'which cannot be opened (not found). Choose an existing folder. The files that COPY and ADD read from the build context are unknown until it can be read.',
    ]);
  });

  it('missing context under classic leaves COPY unknown', async () => {
    const { document } = await openDockerfile(orphan);
    await vscode.workspace.getConfiguration('layerLens').update('builder', 'classic', vscode.ConfigurationTarget.Workspace);

    const analysis = await waitForAnalysis(api, document.uri, (found) => found.builder === 'classic');

    assert.deepStrictEqual(analysis.problems.map((problem) => problem.line), [1]);
    const copy = analysis.steps.find((step) => step.instruction === 'COPY');
    assert.ok(copy, 'no COPY step');
    assert.strictEqual(copy.certainty, 'unknown');
  });

  it('unknown target names its setting', async () => {
    const { document } = await openDockerfile('images/stages/Dockerfile');
    await waitForAnalysis(api, document.uri);

    await setEntry(fixture, 'images/stages/Dockerfile', { target: 'nosuch' });

    const expected = 'layerLens.buildContexts["images/stages/Dockerfile"].target "nosuch" in the workspace settings names no stage of the Dockerfile. ' +
      'Give a stage name (builder, runtime) or an index from 0 to 1. The last stage, runtime, is analysed instead.';
    await waitForDiagnostics(document.uri, (found) => found.some((diagnostic) => diagnostic.message === expected));
  });

  it('missing named context names its setting', async () => {
    const uri = workspaceUri(named);
    await vscode.workspace.fs.writeFile(uri, Buffer.from('FROM scratch\nCOPY --from=shared common.txt /srv/common.txt\n'));
    await openDockerfile(named);
    await vscode.workspace.getConfiguration('layerLens').update('builder', undefined, vscode.ConfigurationTarget.Workspace);

    await setEntry(fixture, named, { namedContexts: { shared: 'faulty/missing-shared' } });

    const missing = workspaceUri('faulty/missing-shared').fsPath;
    const expected = `layerLens.buildContexts["faulty/named/Dockerfile"].namedContexts.shared "faulty/missing-shared" in the workspace settings names ${missing}, ` +
      'which cannot be opened (not found). docker buildx build fails before the first step when a named build context cannot be read, ' +
      'so what COPY --from=shared copies is unknown. Choose an existing folder.';
    const diagnostics = await waitForDiagnostics(uri, (found) => found.some((diagnostic) => diagnostic.message.startsWith('layerLens.')));
    assert.deepStrictEqual(diagnostics.map((diagnostic) => diagnostic.message), [expected]);
    const hover = await hoverTextAt(uri, 2);
    assert.match(hover, /The copied files are unknown, because the build context "shared" could not be read/);
    assert.doesNotMatch(hover, /comes from the image/);
  });

  it('classic names the ignored setting', async () => {
    const uri = workspaceUri(named);
    await vscode.workspace.fs.writeFile(uri, Buffer.from('FROM scratch\nCOPY --from=shared common.txt /srv/common.txt\n'));
    await openDockerfile(named);

    await setEntry(fixture, named, { builder: 'classic', namedContexts: { shared: 'faulty/orphan' } });

    const expected = 'The classic Docker builder has no named build contexts, so ' +
      'layerLens.buildContexts["faulty/named/Dockerfile"].namedContexts.shared "faulty/orphan" in the workspace settings is ignored. ' +
      'A COPY --from=shared or FROM shared reads an image called "shared" instead. BuildKit, the default builder, reads the folder.';
    const diagnostics = await waitForDiagnostics(uri, (found) => found.some((diagnostic) => diagnostic.message.startsWith('The classic Docker builder')));
    assert.deepStrictEqual(diagnostics.map((diagnostic) => diagnostic.message), [expected]);
  });
});
