import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { analyze } from '../../../src/core/analysis/analyze';
import type { Analysis } from '../../../src/core/analysis/types';
import { predictedContextFile } from '../../../src/extension/image/predictedFile';
import { namedContextFile, sourceOf } from '../../../src/extension/panel/sourceOf';

const contextPath = path.resolve(__dirname, '../../fixtures/workspaces/shop/named-context');
const dockerfilePath = path.join(contextPath, 'Dockerfile');
const libs = path.join(contextPath, 'libs');

/** Returns the index of the step whose instruction starts with `prefix`. */
function stepIndex(analysis: Analysis, prefix: string): number {
  const step = analysis.steps.find((candidate) => candidate.text.startsWith(prefix));
  assert.ok(step, `no step starts with "${prefix}"`);
  return step.index;
}

describe('files of a named build context', () => {
  let analysis: Analysis;

  before(async () => {
    analysis = await analyze({ dockerfilePath, text: readFileSync(dockerfilePath, 'utf8'), namedContexts: { shared: libs } });
  });

  it('sourceOf names the context', () => {
    const source = sourceOf(analysis, '/srv/SHARED_VERSION', stepIndex(analysis, 'COPY --from=shared VERSION'));

    assert.deepEqual(source, { kind: 'named-context', context: 'shared', path: 'VERSION' });
  });

  it('folder from the setting', () => {
    const source = sourceOf(analysis, '/srv/js/index.js', stepIndex(analysis, 'COPY --from=shared js/'));
    assert.equal(source.kind, 'named-context');

    const file = namedContextFile('/srv/js/index.js', source as { context: string; path: string }, { shared: libs });

    assert.deepEqual(file, { kind: 'file', hostPath: path.join(libs, 'js', 'index.js'), contextPath: libs });
  });

  it('context no longer set', () => {
    const file = namedContextFile('/srv/SHARED_VERSION', { context: 'shared', path: 'VERSION' }, { other: libs });

    assert.deepEqual(file, {
      kind: 'none',
      message:
        '/srv/SHARED_VERSION comes from VERSION of the named build context "shared", but the Dockerfile\'s layerLens.buildContexts entry ' +
        'now sets no namedContexts folder for "shared", so Layer Lens cannot open the file. Set one, as --build-context shared=DIR does.',
    });
  });

  it('path climbing out of the folder', () => {
    const file = namedContextFile('/srv/x', { context: 'shared', path: '../Dockerfile' }, { shared: libs });

    assert.deepEqual(file, { kind: 'none', message: `/srv/x comes from ../Dockerfile, which is outside the named build context "shared" (${libs}).` });
  });

  it('Open File from Layer on a predicted step', () => {
    const result = predictedContextFile(analysis, stepIndex(analysis, 'COPY --from=shared VERSION'), '/srv/SHARED_VERSION', { shared: libs });

    assert.deepEqual(result, { file: { hostPath: path.join(libs, 'VERSION'), contextPath: libs, imagePath: '/srv/SHARED_VERSION' } });
  });
});
