/** A COPY --from of a stage that fails is never reached, so its problems follow from that failure. */
import * as assert from 'node:assert/strict';
import type { BuilderKind } from '../../../src/core/dockerfile/builders';
import { predict, removeContexts, stepAt } from './helpers';

const builders: BuilderKind[] = ['buildkit', 'classic', 'buildah'];

/** Returns the messages of the problems on `line`, each prefixed with its severity. */
function problemsOn(analysis: Awaited<ReturnType<typeof predict>>, line: number): string[] {
  return analysis.problems.filter((problem) => problem.line === line).map((problem) => `${problem.severity}: ${problem.message}`);
}

describe('COPY --from a failing stage', () => {
  after(removeContexts);

  const failingRun = [
    'FROM alpine:3.20 AS build',
    'WORKDIR /build',
    'COPY src ./src',
    'RUN cat src/missing.sh > out/app.sh',
    'FROM alpine:3.20',
    'WORKDIR /app',
    'COPY --from=build /build/out/ ./bin/',
  ].join('\n');
  it('missing folder after a failing RUN', async () => {
    for (const builder of builders) {
      const analysis = await predict(failingRun, { 'src/a.sh': 'echo a' }, { builder });
      assert.equal(analysis.stageChains?.[0].steps.find((step) => step.line === 4)?.failed, true, `${builder}: the RUN fails`);
      assert.equal(stepAt(analysis, 7).notReached?.line, 4, builder);
      assert.deepEqual(problemsOn(analysis, 7), [
        'warning: "/build/out/" is missing from stage "build", because the folder /build that this Dockerfile made there lists no such path. ' +
          'Stage "build" fails first at line 4, whose changes the prediction leaves out. If line 4, once fixed, does not make the path, this line fails too ("not found").',
      ], builder);
    }
  });

  it('no empty-layer note on the unreached COPY', async () => {
    const analysis = await predict(failingRun, { 'src/a.sh': 'echo a' }, { builder: 'classic' });
    const notes = stepAt(analysis, 7).notes;
    assert.ok(!notes.some((note) => note.includes('records no layer')), notes.join('\n'));
  });

  const failingCopy = 'FROM scratch AS build\nCOPY missing.txt /out/\nFROM scratch\nCOPY --from=build /out /out';
  it('absent path after a failing COPY', async () => {
    for (const builder of builders) {
      const analysis = await predict(failingCopy, {}, { builder });
      assert.deepEqual(problemsOn(analysis, 4), [
        'warning: "/out" is not in the predicted filesystem of stage "build". ' +
          'Stage "build" fails first at line 2, whose changes the prediction leaves out. If line 2, once fixed, does not make the path, this line fails too ("not found").',
      ], builder);
      assert.equal(stepAt(analysis, 4).failed, undefined, `${builder}: only the stage's own step fails`);
    }
  });

  it('stage that continues a failing stage', async () => {
    const analysis = await predict('FROM scratch AS base\nCOPY missing.txt /out/\nFROM base AS build\nFROM scratch\nCOPY --from=build /out /out', {});
    assert.match(problemsOn(analysis, 5)[0] ?? '', /^warning: .*Stage "build" fails first at line 2,/);
  });

  it('absent path of a stage that builds', async () => {
    const analysis = await predict('FROM scratch AS build\nCOPY a.txt /a.txt\nFROM scratch\nCOPY --from=build /out /out', { 'a.txt': 'a' });
    assert.deepEqual(problemsOn(analysis, 4), ['error: "/out" is not in the predicted filesystem of stage "build". The build fails on this line.']);
  });
});

describe('steps the build does not reach', () => {
  after(removeContexts);

  it('FROM scratch | COPY missing.txt /m | COPY empty/ / under classic', async () => {
    const analysis = await predict('FROM scratch\nCOPY missing.txt /m\nCOPY empty/ /\n', { empty: { dir: true } }, { builder: 'classic' });
    assert.equal(stepAt(analysis, 3).notReached?.line, 2);
    assert.deepEqual(stepAt(analysis, 3).notes, []);
  });

  it('FROM scratch | COPY empty/ / under classic keeps its note', async () => {
    const analysis = await predict('FROM scratch\nCOPY empty/ /\n', { empty: { dir: true } }, { builder: 'classic' });
    assert.deepEqual(stepAt(analysis, 2).notes, ['The classic builder records no layer here, because it changes nothing.']);
  });
});
