/**
 * The sentences of a linked image's steps that the build does not reach, when the base image has
 * several layers. Their rows come after those layers, so their numbers are larger than the
 * prediction's, which the step that stops the build keeps. Only the steps below that step are
 * predicted without its changes.
 */
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { LinkedAnalysis } from '../../../src/core/image/linkedAnalysis';
import { renderStepHover } from '../../../src/extension/hover/renderHover';
import { linkArchive } from '../image/linkArchive';
import { panelExplanation, rowAt } from './linkedRows';

const fixture = join(__dirname, '../../fixtures/images/real-layers');
const dockerfilePath = join(fixture, 'Dockerfile');
const archive = join(fixture, 'real-layers.docker-overlay2.tar');
const uri = 'file:///project/Dockerfile';
const withoutCause = 'is made without the changes of that step.';

/**
 * Links the image to a Dockerfile that builds its last three lines on a base containing the layers
 * of the lines before, with `thirdLine` between the first of them and the others.
 */
async function linkOnLayeredBase(thirdLine: string): Promise<LinkedAnalysis> {
  const lines = readFileSync(dockerfilePath, 'utf8').split('\n');
  const text = ['FROM localhost/app-base', lines[4], thirdLine, lines[5], lines[6], ''].join('\n');
  const linked = await linkArchive(archive, dockerfilePath, text);
  // Rows #0 to #2 are the base image's layers (BusyBox, COPY, RUN) and row #3 the FROM.
  assert.equal(linked.image.baseSteps, 4);
  return linked;
}

describe('linked image on a base of several layers: steps not reached', () => {
  it('rejected line: only steps below', async () => {
    const linked = await linkOnLayeredBase('FOO bar');
    assert.equal(rowAt(linked, 3).index, 5);
    const rejection = 'Not reached: the builder rejects the whole Dockerfile at step #5 (line 3), so no step runs.';

    for (const line of [1, 2]) {
      assert.equal(panelExplanation(linked, line), rejection);
      const hover = renderStepHover(linked, rowAt(linked, line), uri);
      assert.ok(hover.includes('**Not reached:**'), hover);
      assert.ok(!hover.includes(withoutCause), hover);
    }
    for (const line of [4, 5]) {
      assert.equal(panelExplanation(linked, line), `${rejection} The prediction ${withoutCause}`);
      const hover = renderStepHover(linked, rowAt(linked, line), uri);
      assert.ok(hover.includes(`so no step runs. The prediction below ${withoutCause}`), hover);
    }
  });

  it('no stage chains: failing step row', async () => {
    // `Analysis.stageChains` is optional, so the failing step is then looked up among the rows.
    const linked = { ...(await linkOnLayeredBase('RUN exit 3')), stageChains: undefined };
    assert.equal(rowAt(linked, 3).failed, true);

    for (const line of [4, 5]) {
      assert.equal(panelExplanation(linked, line), `Not reached: the build stops at step #5 (line 3). The prediction ${withoutCause}`);
    }
  });
});
