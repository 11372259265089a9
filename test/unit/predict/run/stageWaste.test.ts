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

describe('waste hint severity by stage', () => {
  after(removeContexts);

  const big = 'x'.repeat(2 * 1024 * 1024);
  const severities = (analysis: Analysis, line: number) => analysis.problems.filter((problem) => problem.line === line).map((problem) => problem.severity);

  it('large deletion outside the target is an info', async () => {
    const analysis = await predict(twoStages, { 'big.txt': big });
    assert.deepEqual(severities(analysis, 3), ['info']);
  });

  it('large deletion in the target is a warning', async () => {
    const analysis = await predict(twoStages, { 'big.txt': big }, { target: 'build' });
    assert.deepEqual(severities(analysis, 3), ['warning']);
  });

  it('large move outside the target is an info', async () => {
    const moved = twoStages.replace('rm /src/big.txt', 'mv /src/big.txt /src/moved.txt');
    const analysis = await predict(moved, { 'big.txt': big });
    assert.deepEqual(severities(analysis, 3), ['info']);
  });

  it('large copy-up outside the target is an info', async () => {
    const copyUp = twoStages.replace('rm /src/big.txt', 'chmod 600 /src/big.txt');
    assert.deepEqual(severities(await predict(copyUp, { 'big.txt': big }), 3), ['info']);
    assert.deepEqual(severities(await predict(copyUp, { 'big.txt': big }, { target: 'build' }), 3), ['warning']);
  });

  it('large credential outside the target stays a warning', async () => {
    const secret = twoStages.replace(/big\.txt/g, 'id_rsa');
    const analysis = await predict(secret, { id_rsa: big });
    assert.deepEqual(severities(analysis, 3), ['warning']);
  });
});
