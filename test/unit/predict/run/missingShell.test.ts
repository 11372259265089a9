/** A RUN whose stage lacks the program the builder starts: /bin/sh, the SHELL, or an exec-form path. */
import * as assert from 'node:assert/strict';
import type { Analysis } from '../../../../src/core/analysis/types';
import type { KnownImage } from '../../../../src/core/predict/baseImage';
import { changesAt, predict, removeContexts, stepAt } from '../helpers';

const noShell = 'The stage has no /bin/sh, so the builder cannot start the shell that runs this RUN, and the build fails on this line. Copy a shell to /bin/sh before this RUN, or start the stage from a base image that has one.';

/** Lists the problems as `line severity: message`. */
function problemsOf(analysis: Analysis): string[] {
  return analysis.problems.map((problem) => `${problem.line} ${problem.severity}: ${problem.message}`);
}

/** A read base image with /etc/os-release and no shell, as distroless images are. */
const noShellImage: KnownImage = {
  layer: {
    entries: [
      { op: 'write', path: '/etc', type: 'directory', size: 0, mode: 0o755, uid: 0, gid: 0, certainty: 'exact' },
      { op: 'write', path: '/etc/os-release', type: 'file', size: 20, mode: 0o644, uid: 0, gid: 0, certainty: 'exact' },
    ],
    certainty: 'exact',
  },
};

describe('RUN in a stage without its program', () => {
  after(removeContexts);

  it('FROM scratch\\nRUN echo hi > /a', async () => {
    const analysis = await predict('FROM scratch\nRUN echo hi > /a\nRUN touch /b\n');
    assert.deepEqual(problemsOf(analysis), [`2 error: ${noShell}`, `3 error: ${noShell}`]);
    assert.equal(stepAt(analysis, 2).failed, true);
    assert.deepEqual(changesAt(analysis, 2), []);
    assert.equal(stepAt(analysis, 3).notReached?.line, 2);
  });

  it('FROM scratch\\nRUN touch /early\\nCOPY sh /bin/sh\\nRUN touch /a', async () => {
    const analysis = await predict('FROM scratch\nRUN touch /early\nCOPY sh /bin/sh\nRUN touch /a\n', { sh: '' });
    assert.deepEqual(problemsOf(analysis), [`2 error: ${noShell}`]);
    assert.deepEqual(changesAt(analysis, 4), ['/a added file']);
  });

  it('FROM scratch AS tools\\nRUN touch /early\\nCOPY sh /bin/sh\\nFROM tools\\nRUN touch /a', async () => {
    const analysis = await predict('FROM scratch AS tools\nRUN touch /early\nCOPY sh /bin/sh\nFROM tools\nRUN touch /a\n', { sh: '' });
    assert.deepEqual(problemsOf(analysis), [`2 error: ${noShell}`]);
    assert.deepEqual(changesAt(analysis, 5), ['/a added file']);
  });

  it('FROM scratch\\nCOPY root/ /\\nRUN touch /a (/bin is a link to usr/bin)', async () => {
    const withShell = await predict('FROM scratch\nCOPY root/ /\nRUN touch /a\n', { 'root/bin': { link: 'usr/bin' }, 'root/usr/bin/sh': '' });
    assert.deepEqual(problemsOf(withShell), []);
    assert.deepEqual(changesAt(withShell, 3), ['/a added file']);
    const withoutShell = await predict('FROM scratch\nCOPY root/ /\nRUN touch /a\n', { 'root/bin': { link: 'usr/bin' }, 'root/usr/bin/ls': '', 'root/sh': '' });
    assert.deepEqual(problemsOf(withoutShell), [`3 error: ${noShell}`]);
  });

  it('FROM shell-only\\nRUN rm /bin/sh\\nRUN touch /a', async () => {
    const analysis = await predict('FROM shell-only\nRUN rm /bin/sh\nRUN touch /a\n');
    assert.deepEqual(problemsOf(analysis), [`3 error: ${noShell}`]);
    assert.deepEqual(changesAt(analysis, 2), ['/bin/sh deleted']);
  });

  it('FROM distroless\\nRUN touch /a (a read image without a shell)', async () => {
    const images = (reference: string) => (reference === 'distroless' ? noShellImage : undefined);
    const read = await predict('FROM distroless\nRUN touch /a\n', {}, { images });
    assert.deepEqual(problemsOf(read), [`2 error: ${noShell}`]);
    // An image that is not read is assumed to have a shell.
    const unread = await predict('FROM alpine:3.20\nRUN touch /a\n', {}, { images });
    assert.deepEqual(problemsOf(unread), []);
    assert.deepEqual(changesAt(unread, 2), ['/a added file']);
  });

  it('FROM shell-only\\nSHELL ["/bin/bash", "-c"]\\nRUN touch /a', async () => {
    const analysis = await predict('FROM shell-only\nSHELL ["/bin/bash", "-c"]\nRUN touch /a\n');
    assert.deepEqual(problemsOf(analysis), [
      '3 error: The stage has no /bin/bash, so the builder cannot start the shell that runs this RUN, and the build fails on this line. Copy a shell to /bin/bash before this RUN, or start the stage from a base image that has one.',
    ]);
  });

  it('FROM scratch\\nRUN ["/app/tool", "x"]', async () => {
    const missing = await predict('FROM scratch\nRUN ["/app/tool", "x"]\n');
    assert.deepEqual(problemsOf(missing), [
      '2 error: The stage has no /app/tool, so the builder cannot start this exec-form RUN, and the build fails on this line. Copy the program to /app/tool before this RUN, or correct its path.',
    ]);
    const copied = await predict('FROM scratch\nCOPY tool /app/tool\nRUN ["/app/tool", "x"]\n', { tool: '' });
    assert.deepEqual(problemsOf(copied), []);
  });

  it('FROM scratch\\nRUN ["tool", "x"] (found through PATH)', async () => {
    const analysis = await predict('FROM scratch\nRUN ["tool", "x"]\n');
    assert.deepEqual(problemsOf(analysis), []);
    assert.ok(stepAt(analysis, 2).notes.some((note) => note.includes('"tool"') && note.includes('PATH')), stepAt(analysis, 2).notes.join('\n'));
  });

  it('FROM scratch\\nRUN --mount=type=bind,from=busybox,target=/bin touch /a', async () => {
    const analysis = await predict('FROM scratch\nRUN --mount=type=bind,from=busybox,source=/bin,target=/bin touch /a\nRUN touch /b\n');
    // The mount may bring /bin/sh for its own RUN only.
    assert.deepEqual(problemsOf(analysis), [`3 error: ${noShell}`]);
  });
});
