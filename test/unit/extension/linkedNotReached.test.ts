/**
 * The sentences of a linked image's steps that the build does not reach, in the panel's layer
 * list and the hover. The step the build stops at takes the number of its row, which counts the
 * base image's layers first. A line with several errors states once when its step would fail.
 */
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { stepErrors } from '../../../src/core/analysis/notReached';
import type { LinkedAnalysis } from '../../../src/core/image/linkedAnalysis';
import { renderStepHover } from '../../../src/extension/hover/renderHover';
import { linkArchive } from '../image/linkArchive';
import { panelExplanation, rowAt } from './linkedRows';

const fixtures = join(__dirname, '../../fixtures');
const dockerfilePath = join(fixtures, 'cases', '16-rm-rf-recreate', 'Dockerfile');
const archive = join(fixtures, 'images', '16-rm-rf-recreate.docker-overlay2.tar');
const uri = 'file:///project/Dockerfile';

/** Links the archive to the case's Dockerfile with `RUN exit 3` inserted as line 2 and, when given, `line3` in place of the line after it. */
async function linkEdited(line3?: string): Promise<LinkedAnalysis> {
  const [from, ...rest] = readFileSync(dockerfilePath, 'utf8').split('\n');
  const tail = line3 === undefined ? rest : [line3, ...rest.slice(1)];
  const text = [from, 'RUN exit 3', ...tail].join('\n');
  return linkArchive(archive, dockerfilePath, text);
}

function occurrences(text: string, phrase: string): number {
  return text.split(phrase).length - 1;
}

describe('linked image: steps not reached', () => {
  it('failing step: its row number', async () => {
    const linked = await linkEdited();
    // The base image's layer is row #0 and the FROM row #1, so `RUN exit 3` is row #2.
    assert.equal(linked.image.baseSteps, 2);
    assert.equal(rowAt(linked, 2).index, 2);
    assert.equal(rowAt(linked, 2).failed, true);

    for (const line of [3, 4, 5]) {
      assert.equal(panelExplanation(linked, line), 'Not reached: the build stops at step #2 (line 2). The prediction is made without the changes of that step.');
      const hover = renderStepHover(linked, rowAt(linked, line), uri);
      assert.ok(hover.includes('**Not reached:** the build stops at step #2 (line 2).'), hover);
    }
  });

  it('rejected line: its row number', async () => {
    const linked = await linkEdited('COPY --frm=build nothere1 nothere2 /dst');
    assert.equal(rowAt(linked, 3).index, 3);

    for (const line of [2, 4, 5]) {
      assert.ok(panelExplanation(linked, line).startsWith('Not reached: the builder rejects the whole Dockerfile at step #3 (line 3), so no step runs.'), panelExplanation(linked, line));
      const hover = renderStepHover(linked, rowAt(linked, line), uri);
      assert.ok(hover.includes('**Not reached:** the builder rejects the whole Dockerfile at step #3 (line 3), so no step runs.'), hover);
    }
  });

  it('misspelt --chown: failure sentence once', async () => {
    const linked = await linkEdited('COPY --chwn=1 nothere1 nothere2 /dst/');
    const errors = stepErrors(linked.problems, rowAt(linked, 3));

    assert.equal(errors.length, 3, errors.join('\n'));
    assert.equal(occurrences(errors.join(' '), 'would fail once'), 1, errors.join('\n'));
    assert.ok(errors[2].endsWith('This step would fail once line 2 and the Dockerfile error on this line are fixed.'), errors[2]);
    assert.equal(occurrences(panelExplanation(linked, 3), 'would fail once'), 1);
  });

  it('misspelt --chmod: no added sentence', async () => {
    const linked = await linkEdited('COPY --chmd=644 nothere1 nothere2 /dst');
    const errors = stepErrors(linked.problems, rowAt(linked, 3));

    assert.equal(errors.length, 4, errors.join('\n'));
    assert.equal(occurrences(errors.join(' '), 'would fail once'), 1, errors.join('\n'));
    assert.match(errors[1], /^This step would fail once line 2 and the Dockerfile error on this line are fixed: the classic builder rejects --chmod/);
  });
});
