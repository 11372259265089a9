/** The hover's reason for a step that makes no filesystem layer. */
import * as assert from 'node:assert/strict';
import type { BuilderKind } from '../../../src/core/dockerfile/builders';
import { renderStepHover, stepAtLine } from '../../../src/extension/hover/renderHover';
import { predict, removeContexts } from '../predict/helpers';

const classicNote = 'The classic builder records no layer here';

async function hoverOf(dockerfile: string, line: number, builder: BuilderKind): Promise<string> {
  const analysis = await predict(dockerfile, {}, { builder });
  const step = stepAtLine(analysis, line);
  assert.ok(step, `no step on line ${line}`);
  return renderStepHover(analysis, step, 'file:///project/Dockerfile');
}

describe('hover of a step without a layer', () => {
  after(removeContexts);

  it('RUN that changes nothing (classic)', async () => {
    const hover = await hoverOf('FROM shell-only\nRUN true\n', 2, 'classic');
    assert.ok(hover.includes('This instruction **makes no filesystem layer**: it runs a command that leaves the filesystem unchanged, and the classic builder records no layer for such a step.'), hover);
    assert.doesNotMatch(hover, /changes only the image configuration/);
    // The first sentence gives the reason, so the step's note does not repeat it.
    assert.ok(!hover.includes(classicNote), hover);
  });

  it('RUN that changes nothing, not reached (classic)', async () => {
    const hover = await hoverOf('FROM shell-only\nRUN exit 1\nRUN true\n', 3, 'classic');
    assert.ok(hover.includes('**Not reached:**'), hover);
    assert.ok(hover.includes('it runs a command that leaves the filesystem unchanged, and the classic builder records no layer for such a step.'), hover);
  });

  it('RUN that changes nothing (buildkit)', async () => {
    const hover = await hoverOf('FROM shell-only\nRUN true\n', 2, 'buildkit');
    assert.doesNotMatch(hover, /makes no filesystem layer/);
  });

  it('WORKDIR of an existing folder keeps its note (classic)', async () => {
    const hover = await hoverOf('FROM shell-only\nWORKDIR /bin\n', 2, 'classic');
    assert.ok(hover.includes('it sets the working directory for the later steps and the container.'), hover);
    assert.ok(hover.includes(`- ${classicNote}, because its folder already exists\\.`), hover);
  });
});
