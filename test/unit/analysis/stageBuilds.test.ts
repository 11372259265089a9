import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { analyze } from '../../../src/core/analysis/analyze';
import { stageBuilds } from '../../../src/core/analysis/stageBuilds';
import { findStageStep, stageView } from '../../../src/core/analysis/stageViews';
import type { BuilderKind } from '../../../src/core/dockerfile/builders';
import { planBuild } from '../../../src/core/dockerfile/plan';

/** Returns `reason` per stage, with the line that uses it when there is one. */
function reasons(text: string, builder?: BuilderKind, target?: string): string[] {
  return stageBuilds(planBuild(text, { builder, target })).map((build) => (build.usedBy ? `${build.reason} (line ${build.usedBy.line} ${build.usedBy.kind})` : build.reason));
}

describe('stageBuilds', () => {
  const chain = ['FROM busybox AS tools', 'FROM busybox AS cache', 'FROM tools AS build', 'RUN --mount=type=cache,target=/root/.cache,from=cache make', 'FROM busybox AS docs', 'FROM scratch', 'COPY --from=build /out /out'].join('\n');

  it(chain.replace(/\n/g, ' | '), () => {
    assert.deepEqual(reasons(chain), ['needed (line 3 from)', 'needed (line 4 mount)', 'needed (line 7 copy)', 'unused', 'target']);
  });

  it('classic builder builds every stage up to the target', () => {
    assert.deepEqual(reasons(chain, 'classic'), ['before-target (line 3 from)', 'before-target (line 4 mount)', 'before-target (line 7 copy)', 'before-target', 'target']);
  });

  it('buildah skips unused stages', () => {
    assert.deepEqual(reasons(chain, 'buildah'), ['needed (line 3 from)', 'needed (line 4 mount)', 'needed (line 7 copy)', 'unused', 'target']);
  });

  it('--target build', () => {
    assert.deepEqual(reasons(chain, 'buildkit', 'build'), ['needed (line 3 from)', 'needed (line 4 mount)', 'target', 'unused', 'unused']);
    assert.deepEqual(reasons(chain, 'classic', 'build'), ['before-target (line 3 from)', 'before-target (line 4 mount)', 'target', 'after-target', 'after-target']);
  });

  const byIndex = 'FROM busybox\nFROM scratch\nCOPY --from=0 /bin/busybox /busybox\nCOPY --from=alpine:3.20 /etc/os-release /';
  it(byIndex.replace(/\n/g, ' | '), () => {
    assert.deepEqual(reasons(byIndex), ['needed (line 3 copy)', 'target']);
  });

  const variable = 'ARG CACHE=deps\nFROM busybox AS deps\nFROM busybox\nARG CACHE\nRUN --mount=type=cache,target=/c,from=${CACHE} true';
  it(variable.replace(/\n/g, ' | '), () => {
    // BuildKit expands the variables in a mount's fields, so the mount names stage deps.
    assert.deepEqual(reasons(variable), ['needed (line 5 mount)', 'target']);
  });

  const later = 'FROM scratch AS app\nCOPY --from=Late /a /a\nFROM busybox AS late';
  it(later.replace(/\n/g, ' | '), () => {
    // BuildKit resolves a stage named further down, case-insensitively, so it builds that stage too.
    assert.deepEqual(reasons(later, 'buildkit', 'app'), ['target', 'needed (line 2 copy)']);
  });
});

describe('analysis of every stage', () => {
  const dockerfilePath = path.resolve(__dirname, '../../fixtures/hover/project/Dockerfile');
  const text = 'FROM scratch AS build\nCOPY notes.txt /out/notes.txt\nCOPY missing.txt /out/\nFROM scratch\nCOPY --from=build /out/notes.txt /notes.txt\n';

  it('chains and builds per stage', async () => {
    const analysis = await analyze({ dockerfilePath, text });
    assert.equal(analysis.stageChains?.length, 2);
    assert.deepEqual(analysis.stageChains?.[0].steps.map((step) => step.line), [1, 2, 3]);
    assert.deepEqual(analysis.stageBuilds?.map((build) => build.reason), ['needed', 'target']);
    assert.deepEqual(analysis.steps.map((step) => step.line), [4, 5]);
  });

  it('failed marks the missing source only', async () => {
    const analysis = await analyze({ dockerfilePath, text });
    assert.deepEqual(analysis.stageChains?.[0].steps.map((step) => step.failed ?? false), [false, false, true]);
    assert.ok(analysis.steps.every((step) => !step.failed));
  });

  it('stageView of the other stage', async () => {
    const analysis = await analyze({ dockerfilePath, text });
    const view = stageView(analysis, 0);
    assert.ok(view);
    assert.equal(view.target, 0);
    assert.equal(view.stack.layers[1].entries.some((classified) => classified.entry.path === '/out/notes.txt'), true);
    assert.equal(stageView(analysis, 1), analysis);
  });

  it('findStageStep on each stage', async () => {
    const analysis = await analyze({ dockerfilePath, text });
    assert.equal(findStageStep(analysis, 2)?.step.text, 'COPY notes.txt /out/notes.txt');
    assert.equal(findStageStep(analysis, 2)?.view.target, 0);
    assert.equal(findStageStep(analysis, 5)?.view, analysis);
    assert.equal(findStageStep(analysis, 6), undefined);
  });
});
