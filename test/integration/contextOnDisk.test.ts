import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import type { Analysis } from '../../src/core/analysis/types';
import { closeOf, layerLensApi, waitForAnalysis, waitForDiagnostics, workspaceUri, type LayerLensTestApi } from './helpers';
import { rowsOf, spokenOf } from './treeText';

const dockerfileText = [
  'FROM scratch',
  'COPY nginx.conf /etc/nginx/conf.d/default.conf',
  'COPY static/ /usr/share/nginx/html/',
  '',
].join('\n');

/** Writes a Dockerfile whose context contains a 10-byte `nginx.conf` and three files in `static/`. */
function makeProject(folder: string): vscode.Uri {
  const root = workspaceUri(folder).fsPath;
  fs.mkdirSync(path.join(root, 'static'), { recursive: true });
  fs.writeFileSync(path.join(root, 'Dockerfile'), dockerfileText);
  fs.writeFileSync(path.join(root, 'nginx.conf'), 'a'.repeat(10));
  for (const name of ['index.html', 'site.css', 'site.js']) fs.writeFileSync(path.join(root, 'static', name), name);
  return workspaceUri(`${folder}/Dockerfile`);
}

/** Changes the context as a shell outside the editor does: a larger `nginx.conf`, and `mv static static-old`. */
function changeProject(folder: string): void {
  const root = workspaceUri(folder).fsPath;
  fs.writeFileSync(path.join(root, 'nginx.conf'), 'b'.repeat(50));
  fs.renameSync(path.join(root, 'static'), path.join(root, 'static-old'));
}

/** Returns the bytes that the step starting with `prefix` adds. */
function addedBytes(analysis: Analysis, prefix: string): number {
  const step = analysis.steps.find((candidate) => candidate.text.startsWith(prefix));
  assert.ok(step, `no step starts with "${prefix}"`);
  return analysis.stack.layers[step.index].summary.added.bytes;
}

/** Returns the Image Layers row of the step starting with `prefix`, as `label — description`. */
async function layersRow(api: LayerLensTestApi, prefix: string): Promise<string> {
  const [stage] = await rowsOf(api.layersTree, undefined);
  assert.ok(stage, 'the Image Layers view shows no stage');
  const row = (await rowsOf(api.layersTree, stage.element)).find((candidate) => spokenOf(candidate.item).startsWith(prefix));
  assert.ok(row, `no row of the Image Layers view starts with "${prefix}"`);
  return row.text;
}

const notFound = /The source "static\/?" was not found in the build context/;

describe('build context changed on disk', () => {
  let api: LayerLensTestApi;

  before(async () => {
    api = await layerLensApi();
  });

  it('reopened Dockerfile reads it again', async () => {
    const uri = makeProject('context-on-disk/closed');
    // Opened as a user opens it, so that closing its editor closes the document.
    await vscode.commands.executeCommand('vscode.open', uri);
    const first = await waitForAnalysis(api, uri);
    assert.strictEqual(addedBytes(first, 'COPY nginx.conf'), 10);
    assert.deepStrictEqual(vscode.languages.getDiagnostics(uri).filter((diagnostic) => diagnostic.source === 'Layer Lens'), []);

    const closed = closeOf(uri);
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    await closed;
    changeProject('context-on-disk/closed');
    await vscode.commands.executeCommand('vscode.open', uri);

    const reopened = await waitForAnalysis(api, uri);
    assert.strictEqual(addedBytes(reopened, 'COPY nginx.conf'), 50);
    assert.match(await layersRow(api, 'COPY nginx.conf'), / — 50 B\b/);
    const diagnostics = await waitForDiagnostics(uri, (found) => found.length > 0);
    assert.match(diagnostics.map((diagnostic) => diagnostic.message).join('\n'), notFound);
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });

  it('open Dockerfile follows it', async () => {
    const uri = makeProject('context-on-disk/open');
    await vscode.commands.executeCommand('vscode.open', uri);
    const first = await waitForAnalysis(api, uri);
    assert.strictEqual(addedBytes(first, 'COPY nginx.conf'), 10);

    changeProject('context-on-disk/open');

    // The two changes may arrive in separate bursts, so the wait takes the analysis that shows both.
    const changed = await waitForAnalysis(api, uri, (analysis) => addedBytes(analysis, 'COPY nginx.conf') === 50 && analysis.problems.some((problem) => notFound.test(problem.message)));
    assert.ok(changed.steps.find((step) => step.text.startsWith('COPY static/'))?.failed);
    const diagnostics = await waitForDiagnostics(uri, (found) => found.length > 0);
    assert.match(diagnostics.map((diagnostic) => diagnostic.message).join('\n'), notFound);
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });
});
