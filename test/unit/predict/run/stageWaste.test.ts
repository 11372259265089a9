import * as assert from 'node:assert/strict';
import { join } from 'node:path';
import { analyze } from '../../../../src/core/analysis/analyze';
import { IncrementalPredictions } from '../../../../src/core/analysis/incremental';
import type { Analysis } from '../../../../src/core/analysis/types';
import { walkContext } from '../../../../src/core/context/walk';
import { makeContext, predict, removeContexts } from '../helpers';

const twoStages = [
  'FROM busybox AS build',
  'COPY big.txt /src/big.txt',
  'RUN rm /src/big.txt && echo out > /out.txt',
  '',
  'FROM busybox',
  'COPY --from=build /out.txt /out.txt',
  '',
].join('\n');

const inTargetMessage = 'This RUN deletes /src/big.txt, written by line 2 (COPY). The image still holds those bytes (5 B) in that earlier layer; ' +
  'leave them out of the COPY (a narrower source or a .dockerignore line) instead.';
const otherStageMessage = 'This RUN deletes /src/big.txt, written by line 2 (COPY). That earlier layer still holds those bytes (5 B) in this ' +
  "stage's image. The target image does not contain this stage's layers, so it does not hold those bytes. To keep this stage's image small, " +
  'leave them out of the COPY (a narrower source or a .dockerignore line) instead.';

function wasteMessages(analysis: Analysis): string[] {
  return analysis.problems.filter((problem) => problem.line === 3).map((problem) => `${problem.severity}: ${problem.message}`);
}

describe('waste hints by stage', () => {
  after(removeContexts);

  it('RUN rm /src/big.txt in a stage the target copies from', async () => {
    const analysis = await predict(twoStages, { 'big.txt': 'big!\n' });
    assert.deepEqual(wasteMessages(analysis), [`info: ${otherStageMessage}`]);
  });

  it('RUN rm /src/big.txt in the target stage', async () => {
    const analysis = await predict(twoStages, { 'big.txt': 'big!\n' }, { target: 'build' });
    assert.deepEqual(wasteMessages(analysis), [`info: ${inTargetMessage}`]);
  });

  it('RUN rm /src/big.txt in a stage the target continues', async () => {
    const continued = twoStages.replace('FROM busybox\n', 'FROM build\n');
    const analysis = await predict(continued, { 'big.txt': 'big!\n' });
    assert.deepEqual(wasteMessages(analysis), [`info: ${inTargetMessage}`]);
  });

  it('another target rewords a kept prediction', async () => {
    const root = makeContext({ Dockerfile: twoStages, 'big.txt': 'big!\n' });
    const incremental = new IncrementalPredictions();
    const dockerfilePath = join(root, 'Dockerfile');
    // The same walked context, so that the second run may keep the first run's predictions.
    const context = await walkContext(root, { dockerfilePath });
    const input = { dockerfilePath, text: twoStages, context, incremental };
    assert.deepEqual(wasteMessages(await analyze(input)), [`info: ${otherStageMessage}`]);
    assert.deepEqual(wasteMessages(await analyze({ ...input, target: 'build' })), [`info: ${inTargetMessage}`]);
    assert.deepEqual(wasteMessages(await analyze(input)), [`info: ${otherStageMessage}`]);
  });
});
