/**
 * An exec-form RUN with no program: `RUN []` and `RUN [""]`. The classic and buildah errors are
 * from real builds (Docker Engine 20.10, buildah 1.28.2) on a BusyBox base. BuildKit's come from
 * its LLB `ExecOp.Validate`.
 */
import * as assert from 'node:assert/strict';
import type { BuilderKind } from '../../../src/core/dockerfile/builders';
import { planBuild } from '../../../src/core/dockerfile/plan';
import { predict, removeContexts, stepAt } from '../predict/helpers';

function errorsOf(text: string, builder: BuilderKind) {
  return planBuild(text, { builder }).problems.filter((problem) => problem.severity === 'error');
}

describe('RUN with an empty exec form', () => {
  after(removeContexts);

  it('RUN [] fails its step (classic)', () => {
    const [error, ...others] = errorsOf('FROM busybox\nRUN echo a\nRUN []\n', 'classic');
    assert.deepEqual(others, []);
    assert.equal(error.line, 3);
    assert.equal(error.scope, undefined);
    assert.match(error.message, /\("No command specified"\)/);
  });

  it('RUN [] fails its step (buildah)', () => {
    const [error] = errorsOf('FROM busybox\nRUN []\n', 'buildah');
    assert.equal(error.scope, undefined);
    assert.match(error.message, /buildah 1\.28 crashes on it with exit status 2/);
  });

  it('RUN [] rejects the whole Dockerfile (buildkit)', () => {
    const [error, ...others] = errorsOf('FROM busybox\nRUN echo a\nRUN []\n', 'buildkit');
    assert.deepEqual(others, []);
    assert.equal(error.scope, 'dockerfile');
    assert.match(error.message, /\("arguments are required"\)/);
  });

  it('RUN [] in a skipped stage (buildkit)', () => {
    const [error] = errorsOf('FROM busybox AS unused\nRUN []\nFROM busybox\nRUN echo a\n', 'buildkit');
    assert.equal(error.scope, undefined);
  });

  it('RUN [ ] with a space (classic)', () => {
    assert.match(errorsOf('FROM busybox\nRUN [ ]\n', 'classic')[0]?.message ?? 'no error', /No command specified/);
  });

  const emptyProgram: Array<[BuilderKind, RegExp]> = [
    ['classic', /exec: "": executable file not found in \$PATH/],
    ['buildah', /\("exec: no command"\)/],
    ['buildkit', /the runtime cannot start it\./],
  ];
  for (const [builder, printed] of emptyProgram) {
    it(`RUN [""] fails its step (${builder})`, () => {
      const [error, ...others] = errorsOf('FROM busybox\nRUN [""]\n', builder);
      assert.deepEqual(others, []);
      assert.equal(error.scope, undefined);
      assert.match(error.message, printed);
    });
  }

  it('RUN [] leaves no unknown layer (classic)', async () => {
    const analysis = await predict('FROM shell-only\nRUN []\nRUN echo b > /b\n', {}, { builder: 'classic' });
    const step = stepAt(analysis, 2);
    assert.equal(step.failed, true);
    assert.equal(step.certainty, 'exact');
    assert.deepEqual(step.notes, []);
    assert.ok(stepAt(analysis, 3).notReached, 'line 3 is reached');
  });
});
