/** The certainty reason of a FROM whose base image was read, in the hover and the Image Layers view. */
import * as assert from 'node:assert/strict';
import { findStageStep } from '../../../src/core/analysis/stageViews';
import { certaintyExplanations } from '../../../src/extension/format';
import { renderStepHover } from '../../../src/extension/hover/renderHover';
import { stepCertainty } from '../../../src/extension/image/sourceLabel';
import { predict, removeContexts, stepAt } from '../predict/helpers';

const uri = 'file:///project/Dockerfile';
const dockerfile = 'ARG BASE=shell-only\nFROM ${BASE} AS app\nCOPY a.txt /a.txt\nFROM app\nFROM unread:1\nFROM scratch\nCOPY a.txt /a.txt\n';

describe('certainty of a read base image', () => {
  after(removeContexts);

  it('FROM ${BASE} of a read image: hover', async () => {
    const analysis = await predict(dockerfile, { 'a.txt': 'a' }, { target: 'app' });
    const hover = renderStepHover(analysis, stepAt(analysis, 2), uri);
    assert.ok(hover.includes('**Exact:** read from the image `shell-only`.'), hover);
    assert.ok(!hover.includes('follows from the Dockerfile'), hover);
  });

  it('COPY after a read image: hover', async () => {
    const analysis = await predict(dockerfile, { 'a.txt': 'a' }, { target: 'app' });
    const hover = renderStepHover(analysis, stepAt(analysis, 3), uri);
    assert.ok(hover.includes(`**Exact:** ${certaintyExplanations.exact}`), hover);
  });

  it('FROM ${BASE} of a read image: view tooltip', async () => {
    const analysis = await predict(dockerfile, { 'a.txt': 'a' }, { target: 'app' });
    assert.deepEqual(stepCertainty(analysis, stepAt(analysis, 2)), { certainty: 'exact', explanation: 'read from the image shell-only.' });
  });

  it('FROM of a stage, an unread image and scratch', async () => {
    const analysis = await predict(dockerfile, { 'a.txt': 'a' });
    for (const line of [4, 5, 6]) {
      const found = findStageStep(analysis, line);
      assert.ok(found, `no step on line ${line}`);
      const { explanation } = stepCertainty(found.view, found.step);
      assert.ok(!explanation.startsWith('read from the image'), `line ${line}: ${explanation}`);
      assert.ok(!renderStepHover(found.view, found.step, uri, analysis).includes('read from the image'), `line ${line}`);
    }
  });
});
