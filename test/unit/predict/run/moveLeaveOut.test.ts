/**
 * The ways a move hint gives to leave the moved folder out of the COPY that wrote it: narrower
 * sources, or `--exclude` where the builder accepts it, never a `.dockerignore` line.
 */
import * as assert from 'node:assert/strict';
import type { Analysis } from '../../../../src/core/analysis/types';
import type { BuilderKind } from '../../../../src/core/dockerfile/builders';
import { changesAt, predict, removeContexts } from '../helpers';

const app = { 'app/main.txt': 'main\n', 'app/util/a.go': 'package util\n', 'app/util/b.txt': 'b\n' };
const moveUtil = 'RUN mv /srv/app/util /srv/app/lib && ln -sf /srv/app/lib /srv/app/util\n';

function moveHint(analysis: Analysis, line: number): string {
  const hint = analysis.problems.find((problem) => problem.line === line && problem.message.startsWith('This RUN moves'));
  assert.ok(hint, analysis.problems.map((problem) => problem.message).join('\n'));
  return hint.message;
}

/** Predicts the Dockerfile on the busybox-like base `shell-only`, with the COPY on line 2 and the RUN on line 3. */
function predictMove(copy: string, files: Record<string, string>, builder: BuilderKind = 'buildkit', run = moveUtil): Promise<Analysis> {
  return predict(`FROM shell-only\n${copy}\n${run}`, files, { builder });
}

describe('move hints: leaving the moved folder out', () => {
  after(removeContexts);

  it('COPY app/ /srv/app/ under BuildKit', async () => {
    const hint = moveHint(await predictMove('COPY app/ /srv/app/', app), 3);
    assert.ok(hint.endsWith(
      'To store them once, copy it to /srv/app/lib with a COPY of its own instead (COPY app/util /srv/app/lib), and leave it out of the COPY on line 2 ' +
      'with narrower sources (COPY app/main.txt /srv/app/) or, from Dockerfile syntax 1.19, with --exclude (COPY --exclude=util app/ /srv/app/). ' +
      'A .dockerignore line for it would make the new COPY fail.',
    ), hint);
  });

  for (const builder of ['classic', 'buildah'] as const) {
    it(`COPY app/ /srv/app/ under ${builder}, no --exclude`, async () => {
      const hint = moveHint(await predictMove('COPY app/ /srv/app/', app, builder), 3);
      assert.ok(hint.endsWith('leave it out of the COPY on line 2 with narrower sources (COPY app/main.txt /srv/app/). A .dockerignore line for it would make the new COPY fail.'), hint);
      assert.doesNotMatch(hint, /--exclude/);
    });
  }

  it('folder beside the moved one', async () => {
    const hint = moveHint(await predictMove('COPY app/ /srv/app/', { ...app, 'app/docs/x.md': 'x\n' }), 3);
    assert.match(hint, /with narrower sources \(COPY app\/main\.txt \/srv\/app\/ and COPY app\/docs \/srv\/app\/docs\)/);
  });

  it('too many paths beside it to name', async () => {
    const files = { ...app, 'app/b.txt': 'b', 'app/c.txt': 'c', 'app/d.txt': 'd' };
    const hint = moveHint(await predictMove('COPY app/ /srv/app/', files), 3);
    assert.match(hint, /leave it out of the COPY on line 2 with narrower sources or, from Dockerfile syntax 1\.19, with --exclude \(COPY --exclude=util app\/ \/srv\/app\/\)\./);
  });

  it('moved folder deeper than the destination', async () => {
    const files = { 'app/main.txt': 'main\n', 'app/pkg/util/a.go': 'package util\n' };
    const hint = moveHint(await predictMove('COPY app/ /srv/app/', files, 'buildkit', 'RUN mv /srv/app/pkg/util /srv/app/lib\n'), 3);
    assert.match(hint, /with narrower sources or, from Dockerfile syntax 1\.19, with --exclude \(COPY --exclude=pkg\/util app\/ \/srv\/app\/\)\./);
  });

  it('COPY that wrote nothing else', async () => {
    const hint = moveHint(await predictMove('COPY app/ /srv/app/', { 'app/util/a.go': 'package util\n' }), 3);
    assert.ok(hint.endsWith('(COPY app/util /srv/app/lib), and drop the COPY on line 2, which copies nothing else.'), hint);
  });

  it('advice followed: no hint, same files', async () => {
    const before = await predictMove('COPY app/ /srv/app/', app);
    const narrower = await predict(`FROM shell-only\nCOPY app/main.txt /srv/app/\nCOPY app/util /srv/app/lib\nRUN ln -sf /srv/app/lib /srv/app/util\n`, app);
    const excluded = await predict(`FROM shell-only\nCOPY --exclude=util app/ /srv/app/\nCOPY app/util /srv/app/lib\nRUN ln -sf /srv/app/lib /srv/app/util\n`, app);
    const paths = (analysis: Analysis) => [...analysis.stack.layers.slice(1).flatMap((layer) => layer.entries.map(({ entry }) => entry.path))].filter((path) => path !== '/srv').sort();
    const expected = ['/srv/app', '/srv/app/lib', '/srv/app/lib/a.go', '/srv/app/lib/b.txt', '/srv/app/main.txt', '/srv/app/util'];
    for (const fixed of [narrower, excluded]) {
      assert.deepEqual(fixed.problems.filter((problem) => problem.message.startsWith('This RUN moves')), []);
      assert.deepEqual([...new Set(paths(fixed))], expected);
    }
    assert.deepEqual(changesAt(excluded, 2), ['/srv added directory', '/srv/app added directory', '/srv/app/main.txt added file']);
    assert.ok(moveHint(before, 3));
  });
});
