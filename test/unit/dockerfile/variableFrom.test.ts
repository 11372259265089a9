/** `COPY --from` with a variable, per builder: each test name is the case. */
import * as assert from 'node:assert/strict';
import type { Analysis } from '../../../src/core/analysis/types';
import { planBuild } from '../../../src/core/dockerfile/plan';
import { changesAt, predict, removeContexts, stepAt } from '../predict/helpers';

// The Dockerfile of the real builds, on scratch: Docker Engine 20.10.24's classic builder and
// buildah 1.28 failed on the COPY with the errors quoted below, and built a literal --from=build.
const variableFrom = 'ARG SRC=build\nFROM scratch AS build\nCOPY s.txt /out/s.txt\nFROM scratch\nARG SRC\nCOPY --from=${SRC} /out/s.txt /got-from\n';

function errorsOf(analysis: Analysis): string[] {
  return analysis.problems.filter((problem) => problem.severity === 'error').map((problem) => `${problem.line}: ${problem.message}`);
}

describe('COPY --from with a variable', () => {
  after(removeContexts);

  it('BuildKit expands it', async () => {
    const analysis = await predict(variableFrom, { 's.txt': 's' });
    assert.deepEqual(errorsOf(analysis), []);
    assert.deepEqual(changesAt(analysis, 6), ['/got-from added file']);
  });

  it('classic builder reads it as an image name', async () => {
    const analysis = await predict(variableFrom, { 's.txt': 's' }, { builder: 'classic' });
    assert.deepEqual(errorsOf(analysis), [
      '6: The build fails here: the classic builder does not expand variables in --from, so it reads "${SRC}" as an image name ("invalid from flag value ${SRC}: invalid reference format: repository name must be lowercase"). Choose another builder or rewrite the line.',
    ]);
    assert.equal(stepAt(analysis, 6).failed, true);
    // The COPY copies nothing, so the stage is built only because it comes before the target.
    assert.equal(analysis.stageBuilds?.[0].usedBy, undefined);
  });

  it('classic builder on a name in lower case', () => {
    const plan = planBuild('FROM scratch AS build\nFROM scratch\nARG src=build\nCOPY --from=$src /a /b\n', { builder: 'classic' });
    const messages = plan.problems.map((problem) => problem.message);
    assert.deepEqual(messages, ['The build fails here: the classic builder does not expand variables in --from, so it reads "$src" as an image name ("invalid from flag value $src: invalid reference format"). Choose another builder or rewrite the line.']);
  });

  it('buildah skips the stage it names', async () => {
    const analysis = await predict(variableFrom, { 's.txt': 's' }, { builder: 'buildah' });
    assert.deepEqual(errorsOf(analysis), [
      '6: buildah 1.28 chooses the stages to build from --from as written, before it expands the variable, so it skips stage "build" and this COPY finds no stage of that name ("COPY --from=build: no stage or image found with that name"). The build fails at this step. Write the stage name in --from, or use BuildKit.',
    ]);
    assert.equal(stepAt(analysis, 6).failed, true);
    assert.equal(analysis.stageBuilds?.[0].built, false);
  });

  it('buildah with the stage named by index', () => {
    const plan = planBuild('FROM scratch\nCOPY s.txt /s.txt\nFROM scratch\nARG N=0\nCOPY --from=$N /s.txt /t\n', { builder: 'buildah' });
    assert.deepEqual(plan.problems.map((problem) => problem.line), [5]);
    assert.match(plan.problems[0].message, /skips stage "0" .*\("COPY --from=0: no stage or image found with that name"\)/);
  });

  it('buildah with the stage built for another line', () => {
    // The literal --from on line 7 makes buildah build the stage, so the variable finds it.
    const text = `${variableFrom}COPY --from=build /out/s.txt /again\n`;
    const plan = planBuild(text, { builder: 'buildah' });
    assert.deepEqual(plan.problems, []);
  });
});
