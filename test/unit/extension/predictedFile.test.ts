import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { analyze } from '../../../src/core/analysis/analyze';
import { stageView } from '../../../src/core/analysis/stageViews';
import type { Analysis } from '../../../src/core/analysis/types';
import { predictedContextFile } from '../../../src/extension/image/predictedFile';

const contextPath = path.resolve(__dirname, '../../fixtures/workspaces/shop/open-paths');
const dockerfilePath = path.join(contextPath, 'Dockerfile');

/** Returns the index of the step whose instruction starts with `prefix`. */
function stepIndex(analysis: Analysis, prefix: string): number {
  const step = analysis.steps.find((candidate) => candidate.text.startsWith(prefix));
  assert.ok(step, `no step of the chain starts with "${prefix}"`);
  return step.index;
}

describe('predictedContextFile', () => {
  let analysis: Analysis;

  before(async () => {
    analysis = await analyze({ dockerfilePath, text: readFileSync(dockerfilePath, 'utf8') });
  });

  it('COPY of the target stage', () => {
    const result = predictedContextFile(analysis, stepIndex(analysis, 'COPY kept.txt'), '/srv/kept.txt');

    assert.deepEqual(result, { file: { hostPath: path.join(contextPath, 'kept.txt'), contextPath, imagePath: '/srv/kept.txt' } });
  });

  it('COPY of a stage outside the target chain', () => {
    const view = stageView(analysis, 0);
    assert.ok(view, 'the analysis has no chain for stage 0');
    assert.notEqual(view, analysis, 'stage 0 is in the target chain, so this test checks nothing');

    const result = predictedContextFile(view, stepIndex(view, 'COPY tool.sh /opt/helper.sh'), '/opt/helper.sh');

    assert.deepEqual(result, { file: { hostPath: path.join(contextPath, 'tool.sh'), contextPath, imagePath: '/opt/helper.sh' } });
  });

  it('path the step does not change', () => {
    // In the target's chain, the index of the tools stage's COPY names a step that does not write the path.
    const view = stageView(analysis, 0);
    assert.ok(view);
    const index = stepIndex(view, 'COPY tool.sh /opt/helper.sh');

    const result = predictedContextFile(analysis, index, '/opt/helper.sh');

    assert.deepEqual(result, { error: `Step #${index} does not change /opt/helper.sh, so its layer has no such file.` });
  });

  it('copy from another stage', () => {
    const index = stepIndex(analysis, 'COPY --from=tools');

    const result = predictedContextFile(analysis, index, '/usr/local/bin/helper');

    assert.deepEqual(result, {
      error:
        `/usr/local/bin/helper comes from line ${analysis.steps[index].line} of the Dockerfile, not from a build-context file. ` +
        `Step #${index} is predicted, and only layers read from an image linked with "Analyze Image..." have files of their own to open.`,
    });
  });
});
