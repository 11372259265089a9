/** The hovers of a FROM that runs ONBUILD triggers and of the ONBUILD line itself. */
import * as assert from 'node:assert/strict';
import type { BuilderKind } from '../../../src/core/dockerfile/builders';
import { findStageStep } from '../../../src/core/analysis/stageViews';
import { renderStepHover } from '../../../src/extension/hover/renderHover';
import { predict, removeContexts } from '../predict/helpers';

const dockerfile = 'FROM scratch AS base\nONBUILD COPY a.txt /onbuild/\nFROM base AS final\nCOPY b.txt /b.txt\n';

async function hoverOf(line: number, builder: BuilderKind = 'buildkit'): Promise<string> {
  const analysis = await predict(dockerfile, { 'a.txt': 'abc', 'b.txt': 'b' }, { builder });
  const found = findStageStep(analysis, line);
  assert.ok(found, `no step on line ${line}`);
  return renderStepHover(found.view, found.step, 'file:///project/Dockerfile', analysis);
}

describe('hover of build triggers', () => {
  after(removeContexts);

  it('FROM names the triggers it runs', async () => {
    const hover = await hoverOf(3);
    assert.match(hover, /^\*\*Step #2 of stage final\*\*/);
    assert.ok(hover.includes('**Runs 1 build trigger** (ONBUILD of its parent) right after the FROM'), hover);
    assert.ok(hover.includes('- #3 `COPY a.txt /onbuild/` \\(ONBUILD on line 2\\): 3 B · 2 added'), hover);
  });

  it('ONBUILD names the FROM that runs it', async () => {
    const hover = await hoverOf(2);
    assert.ok(hover.includes('**Runs after the FROM of** stage final (line 3), as a step of that stage.'), hover);
  });

  it('ONBUILD under buildah', async () => {
    const hover = await hoverOf(2, 'buildah');
    assert.ok(hover.includes('so it drops this trigger with a warning; `buildah bud --format docker` keeps it.'), hover);
    const from = await hoverOf(3, 'buildah');
    assert.doesNotMatch(from, /Runs 1 build trigger/);
  });
});
