/** ONBUILD triggers run after the FROM of a stage or image that records them, checked against real builds. */
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyze } from '../../../src/core/analysis/analyze';
import { IncrementalPredictions } from '../../../src/core/analysis/incremental';
import type { Analysis, Step } from '../../../src/core/analysis/types';
import { walkContext } from '../../../src/core/context/walk';
import { planBuild } from '../../../src/core/dockerfile/plan';
import { imageConfig } from '../../../src/core/image/knownImage';
import type { KnownImage } from '../../../src/core/predict/baseImage';
import { explainJson } from '../../../src/core/report/explainJson';
import { makeContext, predict, removeContexts, shellOnlyImage, testImages } from './helpers';

const fixtures = join(__dirname, '../../fixtures/onbuild');

/** Lists the steps as `line instruction`, with `(trigger of line N)` on the steps of triggers. */
function stepLines(analysis: Analysis): string[] {
  return analysis.steps.map((step) => {
    if (!step.trigger) return `${step.line} ${step.text}`;
    return `${step.line} ${step.text} (trigger of ${step.trigger.line === undefined ? 'the base image' : `line ${step.trigger.line}`})`;
  });
}

/** Renders a step's layer as `path type size mode uid:gid` lines, sorted, as `tar -tvf` lines are read below. */
function layerLines(analysis: Analysis, step: Step): string[] {
  return analysis.stack.layers[step.index].entries
    .map(({ entry }) => (entry.op === 'write' ? `${entry.path} ${entry.type} ${entry.size} ${entry.mode?.toString(8)} ${entry.uid}:${entry.gid}` : `${entry.path} deleted`))
    .sort();
}

/** Reads `tar -tvf` lines (`drwxr-xr-x root/root 0 DATE TIME path`) in the form of `layerLines`. Only `root` owns these files. */
function tarLines(lines: string[]): string[] {
  const types: Record<string, string> = { d: 'directory', '-': 'file', l: 'symlink' };
  return lines.map((line) => {
    const [permissions, owner, size, , , name] = line.trim().split(/\s+/);
    assert.equal(owner, 'root/root', line);
    let mode = 0;
    for (const char of permissions.slice(1)) mode = mode * 2 + (char === '-' ? 0 : 1);
    return `/${name.replace(/^\.?\/?/, '').replace(/\/$/, '')} ${types[permissions[0]]} ${size} ${mode.toString(8)} 0:0`;
  }).sort();
}

/** Splits the real listing of the child image into its layers, keyed by the history entry's text. */
function childLayers(): Map<string, string[]> {
  const layers = new Map<string, string[]>();
  let current: string[] | undefined;
  for (const line of readFileSync(join(fixtures, 'image', 'child-layers.classic.txt'), 'utf8').split('\n')) {
    if (line.startsWith('== LAYER')) layers.set(line.replace(/^== LAYER \d+ /, '').trim(), (current = []));
    else if (line.startsWith('-- ')) current = undefined;
    else if (line.trim() !== '' && current) current.push(line);
  }
  return layers;
}

/** Returns the image `onb:1` of the real build: its configuration as read, with nothing but a shell for files. */
function parentImage(): KnownImage {
  const config = imageConfig(JSON.parse(readFileSync(join(fixtures, 'image', 'parent.config.json'), 'utf8')) as Record<string, unknown>);
  return { ...shellOnlyImage(), config };
}

describe('ONBUILD triggers', () => {
  after(removeContexts);

  it('FROM of a stage runs its triggers in order', async () => {
    const text = 'FROM shell-only AS base\nONBUILD COPY a.txt /t/\nONBUILD RUN echo x > /made\nFROM base\nCOPY b.txt /b.txt\n';
    const analysis = await predict(text, { 'a.txt': 'a', 'b.txt': 'b' });
    assert.deepEqual(stepLines(analysis), [
      '1 FROM shell-only AS base', '2 ONBUILD COPY a.txt /t/', '3 ONBUILD RUN echo x > /made',
      '4 FROM base', '4 COPY a.txt /t/ (trigger of line 2)', '4 RUN echo x > /made (trigger of line 3)', '5 COPY b.txt /b.txt',
    ]);
    assert.deepEqual(layerLines(analysis, analysis.steps[4]), ['/t directory 0 755 0:0', '/t/a.txt file 1 644 0:0']);
    assert.deepEqual(layerLines(analysis, analysis.steps[5]), ['/made file 2 644 0:0']);
    assert.deepEqual(analysis.problems, []);
  });

  // The classic builder runs such a trigger, and BuildKit does from v0.17 (Dockerfile frontend
  // 1.11), as its maintainers state on its issue tracker. Earlier BuildKit versions did not wait
  // for the trigger's source stage, so they copied stale files or failed with "not found".
  for (const builder of ['buildkit', 'classic'] as const) {
    it(`ONBUILD COPY --from a stage (${builder})`, async () => {
      const text = 'FROM shell-only AS assets\nCOPY a.txt /assets/a.txt\nFROM shell-only AS base\nONBUILD COPY --from=assets /assets/a.txt /app/\nFROM base\nCOPY b.txt /b.txt\n';
      const analysis = await predict(text, { 'a.txt': 'aaa', 'b.txt': 'b' }, { builder });

      assert.deepEqual(stepLines(analysis), [
        '3 FROM shell-only AS base', '4 ONBUILD COPY --from=assets /assets/a.txt /app/',
        '5 FROM base', '5 COPY --from=assets /assets/a.txt /app/ (trigger of line 4)', '6 COPY b.txt /b.txt',
      ]);
      const trigger = analysis.steps[3];
      assert.deepEqual(layerLines(analysis, trigger), ['/app directory 0 755 0:0', '/app/a.txt file 3 644 0:0']);
      const copied = analysis.stack.layers[trigger.index].entries.find(({ entry }) => entry.path === '/app/a.txt')?.entry;
      assert.deepEqual(copied?.op === 'write' ? copied.origin : undefined, { kind: 'stage', stage: 0, path: '/assets/a.txt' });
      // The trigger, which runs on line 5, is what makes the build need stage assets.
      assert.deepEqual(analysis.stageBuilds?.[0].usedBy, { line: 5, stage: 2, kind: 'copy' });
      assert.equal(analysis.stageBuilds?.[0].built, true);
      assert.deepEqual(analysis.problems, []);
    });
  }

  it('ONBUILD COPY --from a failing stage is not reached', async () => {
    const text = 'FROM shell-only AS assets\nCOPY nothere /assets/a.txt\nFROM shell-only AS base\nONBUILD COPY --from=assets /assets/a.txt /app/\nFROM base\n';
    const analysis = await predict(text);

    const trigger = analysis.steps[3];
    assert.equal(trigger.trigger?.line, 4);
    assert.equal(trigger.notReached?.line, 2);
    assert.deepEqual(analysis.problems.map((problem) => `${problem.line} ${problem.severity}`), ['2 error', '5 warning']);
    assert.match(analysis.problems[1].message, /^The build trigger "COPY --from=assets \/assets\/a\.txt \/app\/" \(ONBUILD on line 4\): "\/assets\/a\.txt" is not in the predicted filesystem of stage "assets"\./);
  });

  it('triggers of the base of the base do not run again', () => {
    const plan = planBuild('FROM scratch AS a\nONBUILD COPY x /x\nFROM a AS b\nFROM b AS c\n');
    assert.deepEqual(plan.stages[1].steps.map((step) => step.instruction.keyword), ['FROM', 'COPY']);
    assert.deepEqual(plan.stages[2].steps.map((step) => step.instruction.keyword), ['FROM']);
  });

  it('trigger sees the stage inherited ENV and WORKDIR', () => {
    const plan = planBuild('FROM scratch AS base\nENV D=/srv\nWORKDIR /w\nONBUILD COPY x $D/\nFROM base\n');
    const trigger = plan.stages[1].steps[1];
    assert.equal(trigger.copy?.destinationPath, '/srv/');
    assert.equal(trigger.workdir, '/w');
  });

  it('buildah runs no trigger and says why', () => {
    const plan = planBuild('FROM scratch AS base\nONBUILD COPY x /x\nFROM base\n', { builder: 'buildah' });
    assert.deepEqual(plan.stages[1].steps.map((step) => step.instruction.keyword), ['FROM']);
    assert.deepEqual(plan.problems.map((problem) => `${problem.line} ${problem.severity}`), ['3 info']);
    assert.match(plan.problems[0].message, /^buildah writes the OCI image format by default, which has no ONBUILD, so this FROM does not run the build trigger \(ONBUILD\) of its parent, .* buildah --format docker run it here\.$/);
  });

  it('missing source of a trigger fails on the FROM line', async () => {
    const analysis = await predict('FROM shell-only AS base\nONBUILD COPY nothere.txt /x/\nFROM base\nCOPY b.txt /b.txt\n', { 'b.txt': 'b' }, { target: '1' });
    const errors = analysis.problems.filter((problem) => problem.severity === 'error');
    assert.deepEqual(errors.map((problem) => problem.line), [3]);
    assert.match(errors[0].message, /^The build trigger "COPY nothere\.txt \/x\/" \(ONBUILD on line 2\): /);
    const trigger = analysis.steps.find((step) => step.trigger);
    assert.equal(trigger?.failed, true);
    assert.equal(analysis.steps[analysis.steps.length - 1].notReached?.line, 3);
  });

  it('failing trigger leaves its FROM alone', async () => {
    const text = 'FROM shell-only AS base\nONBUILD COPY nothere.txt /x/\nONBUILD COPY b.txt /y/\nFROM base\nCOPY b.txt /b.txt\n';
    const analysis = await predict(text, { 'b.txt': 'b' }, { builder: 'classic' });
    const [from, failing, after] = analysis.steps.filter((step) => step.line === 4);
    assert.equal(from.failed, undefined);
    assert.equal(from.notReached, undefined);
    assert.equal(failing.failed, true);
    assert.equal(failing.notReached, undefined);
    assert.equal(after.failed, undefined);
    assert.equal(after.notReached?.line, 4);
    assert.equal(analysis.steps[analysis.steps.length - 1].notReached?.line, 4);
  });

  it('failing trigger keeps the base image layer', async () => {
    const images = (reference: string) => (reference === 'triggers' ? { ...shellOnlyImage(), config: { env: new Map<string, string>(), onBuild: ['COPY nothere.txt /x/'] } } : undefined);
    const analysis = await predict('FROM triggers\nCOPY b.txt /b.txt\n', { 'b.txt': 'b' }, { images });
    assert.equal(analysis.steps[0].failed, undefined);
    assert.equal(analysis.steps[0].emptyLayer, false);
    assert.deepEqual(layerLines(analysis, analysis.steps[0]), ['/bin directory 0 755 0:0', '/bin/sh file 1024 755 0:0']);
    assert.equal(analysis.steps[1].failed, true);
    assert.equal(analysis.steps[2].notReached?.line, 1);
  });

  it('trigger flag unknown to the classic builder fails its FROM', () => {
    const plan = planBuild('FROM scratch AS base\nONBUILD COPY --link x /x\nFROM base\n', { builder: 'classic' });
    assert.deepEqual(plan.problems.map((problem) => [problem.line, problem.scope, problem.message]), [[
      3, undefined,
      'The build trigger "COPY --link x /x" (ONBUILD on line 2): the classic builder does not know --link ("Unknown flag: link"). Choose another builder or rewrite the line. The build fails at this step.',
    ]]);
  });

  it('trigger flag unknown to BuildKit rejects the build of its stage', () => {
    const text = 'FROM scratch AS base\nONBUILD COPY --frm=x a /a\nFROM base AS used\nFROM base AS unused\nFROM used\n';
    const plan = planBuild(text);
    assert.deepEqual(plan.problems.map((problem) => `${problem.line} ${problem.scope ?? 'step'}`), ['3 dockerfile', '4 step']);
    assert.match(plan.problems[0].message, /^The build trigger "COPY --frm=x a \/a" \(ONBUILD on line 2\): COPY has no flag --frm \(did you mean --from\?\)\. Check its spelling\. BuildKit rejects the whole Dockerfile on this line while it converts the stages the target needs, so no step runs\.$/);
    assert.match(plan.problems[1].message, /Check its spelling\. The build fails at this step\.$/);
  });

  it('explain JSON names the trigger', async () => {
    const analysis = await predict('FROM scratch AS base\nONBUILD COPY a.txt /a.txt\nFROM base\n', { 'a.txt': 'a' });
    const layers = explainJson(analysis).layers;
    assert.deepEqual(layers.map((layer) => layer.trigger), [undefined, undefined, undefined, { text: 'COPY a.txt /a.txt', line: 2 }]);
    assert.equal(layers[3].line, 3);
  });

  it('edited ONBUILD line is predicted again', async () => {
    const root = makeContext({ 'a.txt': 'a', 'bb.txt': 'bb' });
    const context = await walkContext(root);
    const incremental = new IncrementalPredictions();
    const run = (text: string) => analyze({ dockerfilePath: join(root, 'Dockerfile'), text, context, images: testImages, incremental });
    await run('FROM scratch AS base\nONBUILD COPY a.txt /t.txt\nFROM base\n');
    const edited = await run('FROM scratch AS base\nONBUILD COPY bb.txt /t.txt\nFROM base\n');
    assert.deepEqual(layerLines(edited, edited.steps[3]), ['/t.txt file 2 644 0:0']);
  });

  describe('real classic builds', () => {
    it('FROM base AS final of stage/', async () => {
      const root = join(fixtures, 'stage');
      const text = readFileSync(join(root, 'Dockerfile'), 'utf8');
      const analysis = await analyze({ dockerfilePath: join(root, 'Dockerfile'), text, builder: 'classic' });
      const triggers = analysis.steps.filter((step) => step.trigger);
      assert.deepEqual(stepLines(analysis).slice(20, 22), ['24 FROM base AS final', '24 COPY other.txt /onbuild/ (trigger of line 19)']);
      assert.equal(triggers.length, 1);
      const real = readFileSync(join(root, 'trigger-layer.classic.txt'), 'utf8').trim().split('\n');
      assert.deepEqual(layerLines(analysis, triggers[0]), tarLines(real));
    });

    it('FROM onb:1 of image/', async () => {
      const root = join(fixtures, 'image');
      const text = readFileSync(join(root, 'Dockerfile'), 'utf8');
      const analysis = await analyze({ dockerfilePath: join(root, 'Dockerfile'), text, builder: 'classic', images: (reference) => (reference === 'onb:1' ? parentImage() : undefined) });
      assert.deepEqual(stepLines(analysis), [
        '1 FROM onb:1', '1 COPY trig.txt /trig/ (trigger of the base image)', '1 RUN echo made > /trig-run (trigger of the base image)', '2 COPY own.txt /own.txt',
      ]);
      const real = [...childLayers().values()].map(tarLines);
      assert.deepEqual(analysis.steps.slice(1).map((step) => layerLines(analysis, step)), real);
    });
  });
});
