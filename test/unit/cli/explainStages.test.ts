import * as assert from 'node:assert/strict';
import { join } from 'node:path';
import { main } from '../../../src/cli/main';
import type { ExplainJson } from '../../../src/core/report/explainJson';
import { makeContext, removeContexts } from '../predict/helpers';
import { captureCli, type CliRun } from './capture';

const threeStages = 'FROM alpine:3.20 AS build\nRUN echo built > /app\nFROM alpine:3.20 AS unused\nCOPY missing.txt /m.txt\nRUN true\nFROM alpine:3.20 AS final\nCOPY --from=build /app /app';

/** Writes `dockerfile` with `files` into a new folder and runs `explain` on it. */
function explain(dockerfile: string, files: Record<string, string>, ...options: string[]): Promise<CliRun> {
  const root = makeContext({ Dockerfile: dockerfile, ...files });
  return captureCli(main, ['explain', ...options, join(root, 'Dockerfile')]);
}

/** Returns the lines of the text's "Other stages" section, heading included. */
function otherStages(text: string): string[] {
  const lines = text.split('\n');
  const start = lines.findIndex((line) => line.startsWith('Other stages'));
  if (start < 0) return [];
  const end = lines.indexOf('', start);
  return lines.slice(start, end);
}

describe('explain and the stages outside the target', () => {
  after(removeContexts);

  it('text lists the other stages', async () => {
    const result = await explain(threeStages, {});
    assert.equal(result.status, 0, result.stderr);
    assert.deepEqual(otherStages(result.stdout), [
      'Other stages (their layers are not listed):',
      '  Stage 0 "build", 2 steps: BuildKit builds stage "build" for the target stage "final", because line 7 copies from it.',
      '  Stage 1 "unused", 3 steps: BuildKit skips stage "unused": the target stage "final" does not continue it, copy from it or mount it, directly or through another stage.',
    ]);
    assert.match(result.stdout, /line 4: warning: The source "missing.txt" was not found/);
  });

  it('text under classic --target build', async () => {
    const result = await explain(threeStages, {}, '--builder', 'classic', '--target', 'build');
    assert.equal(result.status, 0, result.stderr);
    assert.deepEqual(otherStages(result.stdout).slice(1), [
      '  Stage 1 "unused", 3 steps: The classic Docker builder stops after the target stage "build", so it never builds stage "unused".',
      '  Stage 2 "final", 2 steps: The classic Docker builder stops after the target stage "build", so it never builds stage "final".',
    ]);
  });

  it('text of a single stage has no section', async () => {
    const result = await explain('FROM alpine:3.20\nRUN true', {});
    assert.equal(result.status, 0, result.stderr);
    assert.deepEqual(otherStages(result.stdout), []);
  });

  it('json built per stage', async () => {
    for (const [options, built] of [[[], [true, false, true]], [['--builder', 'classic'], [true, true, true]]] as const) {
      const result = await explain(threeStages, {}, '--json', ...options);
      assert.equal(result.status, 0, result.stderr);
      const json = JSON.parse(result.stdout) as ExplainJson;
      assert.deepEqual(json.stages.map((stage) => stage.built), built, options.join(' '));
    }
  });
});

describe('explain of a step the build fails on', () => {
  after(removeContexts);

  const missing = 'FROM alpine:3.20\nCOPY missing.txt /m/\nCOPY a.txt /a.txt';

  it('json emptyLayer for every builder', async () => {
    for (const builder of ['buildkit', 'classic', 'buildah']) {
      const result = await explain(missing, { 'a.txt': 'a' }, '--json', '--builder', builder);
      assert.equal(result.status, 0, result.stderr);
      const json = JSON.parse(result.stdout) as ExplainJson;
      assert.deepEqual(json.layers.map((layer) => layer.emptyLayer), [false, true, false], builder);
    }
  });

  it('text says the build fails', async () => {
    const result = await explain(missing, { 'a.txt': 'a' });
    assert.equal(result.status, 0, result.stderr);
    const lines = result.stdout.split('\n');
    const step = lines.findIndex((line) => line.includes('COPY missing.txt /m/'));
    assert.equal(lines[step + 1].trim(), 'the build fails on this step, so it makes no layer and the steps after it do not run');
  });
});

describe('explain of steps after a failing step', () => {
  after(removeContexts);

  /** Returns the lines below the step line that contains `instruction`, up to the next step. */
  function detailsOf(text: string, instruction: string): string[] {
    const lines = text.split('\n');
    const start = lines.findIndex((line) => line.includes(instruction));
    assert.ok(start >= 0, `no step ${instruction}`);
    const end = lines.findIndex((line, index) => index > start && !/^ {8}\S/.test(line));
    return lines.slice(start + 1, end).map((line) => line.trim());
  }

  const sameStage = 'FROM alpine:3.20\nCOPY missing.txt /m/\nCOPY a.txt /a.txt\nCOPY gone.txt /g/';
  it('text of the same stage', async () => {
    const result = await explain(sameStage, { 'a.txt': 'a' });
    assert.equal(result.status, 0, result.stderr);
    assert.deepEqual(detailsOf(result.stdout, 'COPY missing.txt /m/'), ['the build fails on this step, so it makes no layer and the steps after it do not run']);
    assert.deepEqual(detailsOf(result.stdout, 'COPY a.txt /a.txt'), ['not reached: the build stops at step #1 (line 2)', 'adds 1 (1 B); exact']);
    assert.deepEqual(detailsOf(result.stdout, 'COPY gone.txt /g/'), ['not reached: the build stops at step #1 (line 2)', 'this step would fail too, so it makes no layer']);
  });

  const otherStage = 'FROM alpine:3.20 AS build\nRUN false\nFROM alpine:3.20 AS final\nCOPY a.txt /a.txt\nCOPY --from=build / /build';
  it('text names the failing stage', async () => {
    const result = await explain(otherStage, { 'a.txt': 'a' });
    assert.equal(result.status, 0, result.stderr);
    assert.deepEqual(detailsOf(result.stdout, 'COPY a.txt /a.txt'), ['adds 1 (1 B); exact']);
    assert.deepEqual(detailsOf(result.stdout, 'COPY --from=build / /build')[0], 'not reached: the build stops at step #1 of stage "build" (line 2)');
  });
});
