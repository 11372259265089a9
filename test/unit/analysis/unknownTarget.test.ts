import * as assert from 'node:assert/strict';
import { planBuild } from '../../../src/core/dockerfile/plan';

const twoStages = 'FROM alpine:3.20 AS base\nRUN true\nFROM base AS runtime\nRUN true';

describe('a target that names no stage', () => {
  it('names the option, the stages and the fallback', () => {
    const option = 'layerLens.buildContexts["docker/Dockerfile"].target "nosuch" in the workspace settings';
    const plan = planBuild(twoStages, { target: 'nosuch', targetOption: option });
    assert.equal(plan.target, 1);
    assert.deepEqual(plan.problems.map((problem) => problem.message), [
      `${option} names no stage of the Dockerfile. Give a stage name (base, runtime) or an index from 0 to 1. The last stage, runtime, is analysed instead.`,
    ]);
    assert.equal(plan.problems[0].severity, 'error');
    assert.equal(plan.problems[0].line, 1);
  });

  it('unnamed stages offer indexes only', () => {
    const plan = planBuild('FROM alpine:3.20\nRUN true\nFROM alpine:3.20\nRUN true', { target: '7', targetOption: '--target "7"' });
    assert.deepEqual(plan.problems.map((problem) => problem.message), [
      '--target "7" names no stage of the Dockerfile. Give an index from 0 to 1. The last stage is analysed instead.',
    ]);
  });

  it('keeps its message without an option', () => {
    const plan = planBuild(twoStages, { target: 'nosuch' });
    assert.deepEqual(plan.problems.map((problem) => problem.message), ['Target stage "nosuch" not found. Stages: base, runtime; the last stage is analysed instead.']);
  });
});
