/** A layer picked in the Merged Filesystem panel follows its step across edits of the Dockerfile. */
import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { analyze } from '../../../src/core/analysis/analyze';
import type { Step } from '../../../src/core/analysis/types';
import { describeLostPick, followPickedStep, pickStep, type PickedStep } from '../../../src/extension/panel/pickedStep';

const ORIGINAL = ['FROM scratch', 'WORKDIR /srv', 'ENV MODE=prod', 'RUN echo one > /srv/a', 'RUN echo two > /srv/b', 'USER app', 'CMD ["/srv/run"]'];

describe('picked layer across edits', () => {
  let folder: string;

  before(() => {
    folder = mkdtempSync(path.join(tmpdir(), 'layer-lens-pick-'));
  });

  after(() => {
    rmSync(folder, { recursive: true, force: true });
  });

  async function stepsOf(lines: string[]): Promise<Step[]> {
    const analysis = await analyze({ dockerfilePath: path.join(folder, 'Dockerfile'), text: `${lines.join('\n')}\n` });
    return analysis.steps;
  }

  /** Picks the step whose text is `text` in the analysis of `lines`. */
  async function pick(lines: string[], text: string): Promise<PickedStep> {
    const steps = await stepsOf(lines);
    const step = steps.find((candidate) => candidate.text === text);
    assert.ok(step, `no step reads ${text}`);
    const picked = pickStep(steps, step.index);
    assert.ok(picked, `layer ${step.index} has no step`);
    return picked;
  }

  /** Returns the text of the step of `layer`. */
  function textOf(steps: Step[], layer: number | undefined): string | undefined {
    return steps.find((step) => step.index === layer)?.text;
  }

  it('line inserted above the pick', async () => {
    const picked = await pick(ORIGINAL, 'RUN echo two > /srv/b');
    const edited = await stepsOf([...ORIGINAL.slice(0, 3), 'ENV X=1', ...ORIGINAL.slice(3)]);

    const followed = followPickedStep(edited, picked);

    assert.deepEqual(followed, { layer: 5, lost: false });
    assert.equal(textOf(edited, followed?.layer), 'RUN echo two > /srv/b');
  });

  it('last layer picked, RUN added before it', async () => {
    const picked = await pick(ORIGINAL, 'CMD ["/srv/run"]');
    const edited = await stepsOf([...ORIGINAL.slice(0, 5), 'RUN echo three > /srv/c', ...ORIGINAL.slice(5)]);

    const followed = followPickedStep(edited, picked);

    assert.deepEqual(followed, { layer: 7, lost: false });
    assert.equal(textOf(edited, followed?.layer), 'CMD ["/srv/run"]');
  });

  it('second of two equal steps', async () => {
    const lines = ['FROM scratch', 'RUN echo hi > /a', 'ENV A=1', 'RUN echo hi > /a'];
    const steps = await stepsOf(lines);
    const picked = pickStep(steps, 3);
    assert.ok(picked);
    const edited = await stepsOf(['FROM scratch', 'WORKDIR /', ...lines.slice(1)]);

    assert.deepEqual(followPickedStep(edited, picked), { layer: 4, lost: false });
  });

  it('edited step is lost, shown in place', async () => {
    const picked = await pick(ORIGINAL, 'RUN echo one > /srv/a');
    const edited = await stepsOf([...ORIGINAL.slice(0, 3), 'RUN echo uno > /srv/a', ...ORIGINAL.slice(4)]);

    const followed = followPickedStep(edited, picked);

    assert.deepEqual(followed, { layer: 3, lost: true });
  });

  it('removed step is lost, next step shown', async () => {
    const picked = await pick(ORIGINAL, 'RUN echo one > /srv/a');
    const edited = await stepsOf([...ORIGINAL.slice(0, 3), ...ORIGINAL.slice(4)]);

    const followed = followPickedStep(edited, picked);

    assert.deepEqual(followed, { layer: 3, lost: true });
    assert.equal(textOf(edited, followed?.layer), 'RUN echo two > /srv/b');
  });

  it('removed last step, last step shown', async () => {
    const picked = await pick(ORIGINAL, 'CMD ["/srv/run"]');
    const edited = await stepsOf(ORIGINAL.slice(0, 6));

    assert.deepEqual(followPickedStep(edited, picked), { layer: 5, lost: true });
  });

  it('no steps left', async () => {
    const picked = await pick(ORIGINAL, 'USER app');

    assert.equal(followPickedStep([], picked), undefined);
  });

  it('notice names both steps', async () => {
    const picked = await pick(ORIGINAL, 'RUN echo one > /srv/a');
    const edited = await stepsOf([...ORIGINAL.slice(0, 3), ...ORIGINAL.slice(4)]);

    assert.deepEqual(describeLostPick(picked, edited[3]), {
      line: 4,
      message: 'The step you picked (RUN echo one > /srv/a, line 4) was changed or removed, so the panel shows the nearest step, #3 RUN on line 4.',
    });
  });
});
