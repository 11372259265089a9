import * as assert from 'node:assert/strict';
import type { Analysis, Step } from '../../../src/core/analysis/types';
import type { BuilderKind } from '../../../src/core/dockerfile/builders';
import { predict, removeContexts } from '../predict/helpers';
import { notReachedReason, predictedWithoutCause, stepFailureWords } from '../../../src/core/analysis/notReached';
import { quotedStageName } from '../../../src/core/analysis/stageBuildText';

/** Lists the steps of a chain as `line: cause line`, or `line: -` for a step the build reaches. */
function marks(steps: readonly Step[]): string[] {
  return steps.map((step) => `${step.line}: ${step.notReached ? step.notReached.line : '-'}`);
}

/** Returns the own steps of a stage from its chain. */
function stageSteps(analysis: Analysis, stage: number): Step[] {
  const chain = analysis.stageChains?.[stage];
  assert.ok(chain, `no chain for stage ${stage}`);
  return chain.steps.filter((step) => step.stage === stage);
}

describe('steps after a failing step', () => {
  after(removeContexts);

  const oneStage = 'FROM alpine:3.20\nCOPY a.txt /a.txt\nCOPY missing.txt /m.txt\nRUN echo hi > /x\nCOPY gone.txt /g.txt\nENV A=1';
  it(oneStage.replace(/\n/g, ' | '), async () => {
    for (const builder of ['buildkit', 'classic', 'buildah'] as BuilderKind[]) {
      const analysis = await predict(oneStage, { 'a.txt': 'a' }, { builder });
      assert.deepEqual(marks(analysis.steps), ['1: -', '2: -', '3: -', '4: 3', '5: 3', '6: 3'], builder);
      assert.deepEqual(analysis.steps[3].notReached, { stage: 0, index: 2, line: 3 }, builder);
      assert.equal(analysis.steps[4].failed, true, 'a later failing step stays failed');
      assert.notEqual(analysis.stack.layers[3].entries.length, 0, 'the RUN after it is still predicted');
    }
  });

  const copied = [
    'FROM alpine:3.20 AS build',
    'COPY missing.txt /m.txt',
    'RUN echo built > /out',
    'FROM alpine:3.20 AS other',
    'RUN echo other > /other',
    'FROM alpine:3.20 AS final',
    'COPY a.txt /a.txt',
    'COPY --from=other /other /other',
    'COPY --from=build /out /out',
    'CMD ["sh"]',
  ].join('\n');
  it('buildkit marks what depends on the failing stage', async () => {
    const analysis = await predict(copied, { 'a.txt': 'a' });
    assert.deepEqual(marks(stageSteps(analysis, 0)), ['1: -', '2: -', '3: 2']);
    assert.deepEqual(marks(stageSteps(analysis, 1)), ['4: -', '5: -'], 'a stage that does not use "build" may still run');
    assert.deepEqual(marks(analysis.steps), ['6: -', '7: -', '8: -', '9: 2', '10: 2']);
    assert.deepEqual(analysis.steps[3].notReached, { stage: 0, index: 1, line: 2 });
  });

  it('classic marks every later step it builds', async () => {
    const analysis = await predict(copied, { 'a.txt': 'a' }, { builder: 'classic' });
    assert.deepEqual(marks(stageSteps(analysis, 1)), ['4: 2', '5: 2']);
    assert.deepEqual(marks(analysis.steps), ['6: 2', '7: 2', '8: 2', '9: 2', '10: 2']);
  });

  const continued = 'FROM alpine:3.20 AS base\nRUN false\nRUN echo next > /next\nFROM base AS final\nRUN echo final > /final';
  it(continued.replace(/\n/g, ' | '), async () => {
    const analysis = await predict(continued);
    assert.deepEqual(marks(analysis.steps), ['1: -', '2: -', '3: 2', '4: 2', '5: 2']);
    assert.deepEqual(marks(stageSteps(analysis, 0)), ['1: -', '2: -', '3: 2'], 'the stage chain agrees with the target chain');
  });

  const transitive = [
    'FROM alpine:3.20 AS first',
    'RUN false',
    'FROM alpine:3.20 AS second',
    'RUN echo second > /second',
    'COPY --from=first / /first',
    'FROM alpine:3.20 AS final',
    'COPY --from=second /second /second',
  ].join('\n');
  it('buildkit follows uses from stage to stage', async () => {
    const analysis = await predict(transitive);
    assert.deepEqual(marks(stageSteps(analysis, 1)), ['3: -', '4: -', '5: 2']);
    assert.deepEqual(marks(analysis.steps), ['6: -', '7: 2']);
  });

  const forward = 'FROM alpine:3.20 AS final\nRUN true\nCOPY --from=later /x /x\nFROM alpine:3.20 AS later\nRUN false';
  it(`${forward.replace(/\n/g, ' | ')} with --target final`, async () => {
    const analysis = await predict(forward, {}, { target: 'final' });
    assert.deepEqual(marks(analysis.steps), ['1: -', '2: -', '3: 5']);
  });

  const mounted = 'FROM alpine:3.20 AS cache\nRUN false\nFROM alpine:3.20 AS final\nRUN --mount=from=cache,target=/c true';
  it(mounted.replace(/\n/g, ' | '), async () => {
    const analysis = await predict(mounted);
    assert.deepEqual(marks(analysis.steps), ['3: -', '4: 2']);
  });

  const unused = 'FROM alpine:3.20 AS unused\nCOPY missing.txt /m.txt\nRUN true\nFROM alpine:3.20 AS final\nRUN true';
  it('a skipped stage marks nothing', async () => {
    const analysis = await predict(unused);
    assert.deepEqual(marks(stageSteps(analysis, 0)), ['1: -', '2: -', '3: -']);
    assert.deepEqual(marks(analysis.steps), ['4: -', '5: -']);
    const classic = await predict(unused, {}, { builder: 'classic' });
    assert.deepEqual(marks(stageSteps(classic, 0)), ['1: -', '2: -', '3: 2'], 'classic builds the stage before the target');
    assert.deepEqual(marks(classic.steps), ['4: 2', '5: 2']);
  });

  it('classic stops before the stages after the target', async () => {
    const analysis = await predict(unused, {}, { builder: 'classic', target: 'unused' });
    assert.deepEqual(marks(analysis.steps), ['1: -', '2: -', '3: 2']);
    assert.deepEqual(marks(stageSteps(analysis, 1)), ['4: -', '5: -'], 'classic does not build stage "final"');
  });

  describe('a parse error rejects the whole Dockerfile', () => {
    const rejected = 'FROM alpine:3.20 AS build\nRUN echo built > /out\nFROM alpine:3.20\nCOPY a.txt /a.txt\nENV A=1 B\nRUN echo after > /x';

    it('marks every other step of every stage', async () => {
      for (const builder of ['buildkit', 'classic', 'buildah'] as BuilderKind[]) {
        const analysis = await predict(rejected, { 'a.txt': 'a' }, { builder });
        assert.deepEqual(marks(analysis.steps), ['3: 5', '4: 5', '5: -', '6: 5'], builder);
        assert.deepEqual(marks(stageSteps(analysis, 0)), ['1: 5', '2: 5'], builder);
        assert.equal(analysis.steps[1].notReached?.rejects, true, builder);
        assert.equal(analysis.steps[2].failed, true, builder);
      }
    });

    it('names the rejection in the reason', async () => {
      const analysis = await predict(rejected, { 'a.txt': 'a' });
      assert.equal(notReachedReason(analysis, analysis.steps[1], quotedStageName), 'the builder rejects the whole Dockerfile at step #2 (line 5), so no step runs');
    });

    it('marks the other failing steps too', async () => {
      const analysis = await predict('FROM alpine:3.20\nCOPY missing.txt /m\nENV A=1 B\nFROB x\nRUN echo after > /x', {});
      assert.deepEqual(analysis.steps.map((step) => [step.line, step.failed ?? false, step.notReached?.line ?? '-']), [
        [1, false, 3], [2, true, 3], [3, true, '-'], [4, true, 3], [5, false, 3],
      ]);
    });

    it('words the rejecting step as rejecting', async () => {
      const analysis = await predict(rejected, { 'a.txt': 'a' });
      const step = analysis.steps[2];
      assert.equal(step.rejectsDockerfile, true);
      assert.deepEqual(stepFailureWords(step), { mark: 'build fails here', lead: 'the builder rejects the whole Dockerfile on this step', rest: 'so no step runs' });
      assert.equal(analysis.steps[0].rejectsDockerfile, undefined);
    });

    it('predicts only the steps after it without its changes', async () => {
      const analysis = await predict(rejected, { 'a.txt': 'a' });
      assert.deepEqual(analysis.steps.map((step) => [step.line, predictedWithoutCause(analysis, step)]), [[3, false], [4, false], [5, false], [6, true]]);
    });

    it('names a rejected line outside every step', async () => {
      const analysis = await predict('RUN echo early\nFROM alpine:3.20\nRUN echo after > /x', {});
      assert.deepEqual(analysis.steps[1].notReached, { stage: -1, index: -1, line: 1, rejects: true });
      assert.equal(notReachedReason(analysis, analysis.steps[1], quotedStageName), 'the builder rejects the whole Dockerfile at line 1, so no step runs');
    });

    it('leaves a conversion error to its own step', async () => {
      const analysis = await predict('FROM alpine:3.20\nRUN echo one > /one\nWORKDIR ${A/b}\nRUN echo two > /two', {}, { builder: 'buildkit' });
      assert.deepEqual(marks(analysis.steps), ['1: -', '2: -', '3: -', '4: 3']);
    });
  });
});
