/**
 * `sed -i` on files the prediction has, lacks, or cannot see, and sed without `-i` on files it
 * has or lacks. The read base image is the fixture `busybox-local-2.tar`: BusyBox 1.35 with
 * /etc/passwd and no /etc/nginx. A real classic build (Docker Engine 20.10) on a BusyBox 1.35
 * base without that file fails with `sed: /etc/nginx/nginx.conf: No such file or directory`.
 */
import * as assert from 'node:assert/strict';
import { join } from 'node:path';
import type { Analysis } from '../../../../src/core/analysis/types';
import type { BuilderKind } from '../../../../src/core/dockerfile/builders';
import { knownImageOf } from '../../../../src/core/image/knownImage';
import { readImage } from '../../../../src/core/image/readImage';
import type { KnownImage } from '../../../../src/core/predict/baseImage';
import { certaintiesAt, changesAt, predict, removeContexts, stepAt, type ContextSpec } from '../helpers';

const fixtures = join(__dirname, '..', '..', '..', 'fixtures');
const editNginx = 'RUN sed -i "s/x/y/" /etc/nginx/nginx.conf\n';

function errorsOn(analysis: Analysis, line: number): string[] {
  return analysis.problems.filter((problem) => problem.line === line && problem.severity === 'error').map((problem) => problem.message);
}

/**
 * Checks that the step on `line` may find /etc/nginx/nginx.conf: it succeeds, and its layer
 * stores the file with unknown certainty. `condition` is the note's clause for when the file exists.
 */
function assertUnknownEdit(analysis: Analysis, line: number, condition: string): void {
  const step = stepAt(analysis, line);
  assert.deepEqual(errorsOn(analysis, line), []);
  assert.ok(certaintiesAt(analysis, line).includes('/etc/nginx/nginx.conf unknown'), certaintiesAt(analysis, line).join('\n'));
  assert.equal(step.certainty, 'unknown');
  assert.equal(step.emptyLayer, false);
  assert.ok(step.notes.includes(`sed -i: /etc/nginx/nginx.conf is not among the predicted files; ${condition}, this RUN stores it again.`), step.notes.join('\n'));
}

describe('sed', function () {
  this.timeout(60_000);
  let busybox: KnownImage;

  before(async () => {
    busybox = knownImageOf(await readImage({ kind: 'path', path: join(fixtures, 'images', 'busybox-local-2.tar') }));
  });

  after(removeContexts);

  /** Analyses a Dockerfile whose `FROM busybox-local:2` reads the fixture image; other images stay unread. */
  function predictOnBusybox(dockerfile: string, builder: BuilderKind, files: ContextSpec = {}): Promise<Analysis> {
    return predict(dockerfile, files, { builder, images: (reference) => (reference === 'busybox-local:2' ? busybox : undefined) });
  }

  for (const builder of ['buildkit', 'classic'] as const) {
    it(`missing file, read base (${builder})`, async () => {
      const analysis = await predictOnBusybox(`FROM busybox-local:2\n${editNginx}`, builder);
      assert.deepEqual(errorsOn(analysis, 2), [
        'This RUN ends with a non-zero exit status because "sed -i s/x/y/ /etc/nginx/nginx.conf" fails (sed: /etc/nginx/nginx.conf: No such file or directory), so the build fails on this line.',
      ]);
      assert.equal(stepAt(analysis, 2).failed, true);
      // The step fails, so it builds no layer whose sizes the note could explain.
      assert.deepEqual(stepAt(analysis, 2).notes.filter((note) => note.startsWith('sed -i')), []);
    });

    it(`listed file, read base (${builder})`, async () => {
      const analysis = await predictOnBusybox('FROM busybox-local:2\nRUN sed -i "s/root/ROOT/" /etc/passwd\n', builder);
      assert.deepEqual(errorsOn(analysis, 2), []);
      assert.deepEqual(changesAt(analysis, 2), ['/etc/passwd modified file']);
      assert.deepEqual(certaintiesAt(analysis, 2), ['/etc/passwd estimated']);
      assert.equal(stepAt(analysis, 2).emptyLayer, false);
      assert.ok(stepAt(analysis, 2).notes.includes('sed -i rewrites files in place; their new sizes are not predicted.'), stepAt(analysis, 2).notes.join('\n'));
    });

    it(`missing file among others (${builder})`, async () => {
      // Both BusyBox and GNU sed edit the other files, then exit with a non-zero status.
      const analysis = await predictOnBusybox('FROM busybox-local:2\nRUN sed -i s/root/ROOT/ /etc/passwd /etc/missing\n', builder);
      assert.deepEqual(errorsOn(analysis, 2), [
        'This RUN ends with a non-zero exit status because "sed -i s/root/ROOT/ /etc/passwd /etc/missing" fails (sed: /etc/missing: No such file or directory), so the build fails on this line.',
      ]);
    });

    it(`unread base (${builder})`, async () => {
      const analysis = await predict(`FROM debian:bookworm-slim\n${editNginx}`, {}, { builder });
      assertUnknownEdit(analysis, 2, 'if the base image has it');
    });

    it(`after an unknown layer (${builder})`, async () => {
      // The fixture has no apt-get, so a COPY puts one where PATH finds it.
      const analysis = await predictOnBusybox(`FROM busybox-local:2\nCOPY apt-get /usr/bin/apt-get\nRUN apt-get update && apt-get install -y nginx\n${editNginx}`, builder, { 'apt-get': '' });
      assertUnknownEdit(analysis, 4, 'if an earlier step wrote it without listing it');
    });

    it(`without -i, missing file (${builder})`, async () => {
      // Both BusyBox and GNU sed print the other files, then exit with a non-zero status.
      const analysis = await predictOnBusybox('FROM busybox-local:2\nRUN sed s/root/ROOT/ /etc/passwd /etc/missing > /passwd\n', builder);
      assert.deepEqual(errorsOn(analysis, 2), [
        'This RUN ends with a non-zero exit status because "sed s/root/ROOT/ /etc/passwd /etc/missing" fails (sed: /etc/missing: No such file or directory), so the build fails on this line.',
      ]);
      assert.equal(stepAt(analysis, 2).failed, true);
    });

    it(`without -i, listed file (${builder})`, async () => {
      const analysis = await predictOnBusybox('FROM busybox-local:2\nRUN sed -n -l 5 -e l - /etc/passwd > /passwd\n', builder);
      assert.deepEqual(errorsOn(analysis, 2), []);
      assert.deepEqual(changesAt(analysis, 2), ['/passwd added file']);
      assert.notEqual(stepAt(analysis, 2).failed, true);
    });
  }

  it('missing file, GNU wording', async () => {
    // A /bin/sed of its own, not a link to /bin/busybox, is taken for GNU sed.
    const analysis = await predictOnBusybox(`FROM busybox-local:2\nRUN rm /bin/sed && echo elf > /bin/sed\n${editNginx}`, 'buildkit');
    assert.deepEqual(errorsOn(analysis, 3), [
      'This RUN ends with a non-zero exit status because "sed -i s/x/y/ /etc/nginx/nginx.conf" fails (sed: can\'t read /etc/nginx/nginx.conf: No such file or directory), so the build fails on this line.',
    ]);
  });

  it('without -i, GNU wording', async () => {
    const analysis = await predictOnBusybox('FROM busybox-local:2\nRUN rm /bin/sed && echo elf > /bin/sed\nRUN sed s/x/y/ /etc/missing > /out\n', 'buildkit');
    assert.deepEqual(errorsOn(analysis, 3), [
      'This RUN ends with a non-zero exit status because "sed s/x/y/ /etc/missing" fails (sed: can\'t read /etc/missing: No such file or directory), so the build fails on this line.',
    ]);
  });
});
