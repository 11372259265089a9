/**
 * `busybox NAME` for a name that no BusyBox release has: Debian's busybox-static 1.35 prints
 * "NAME: applet not found" and exits with status 127, so the command fails like any other.
 */
import * as assert from 'node:assert/strict';
import type { Analysis } from '../../../../src/core/analysis/types';
import { changesAt, predict, removeContexts } from '../helpers';

function errorsOn(analysis: Analysis, line: number): string[] {
  return analysis.problems.filter((problem) => problem.line === line && problem.severity === 'error').map((problem) => problem.message);
}

describe('busybox with an applet it lacks', () => {
  after(removeContexts);

  it('runs the fallback after ||', async () => {
    const analysis = await predict('FROM shell-only\nRUN busybox nosuchapplet || echo fb > /u1.txt\n');
    assert.deepEqual(changesAt(analysis, 2), ['/u1.txt added file']);
    assert.deepEqual(errorsOn(analysis, 2), []);
  });

  it('fails a RUN of only that command', async () => {
    const analysis = await predict('FROM shell-only\nRUN /bin/busybox nosuchapplet3\nRUN echo never > /never.txt\n');
    assert.deepEqual(errorsOn(analysis, 2), [
      'This RUN ends with a non-zero exit status because "/bin/busybox nosuchapplet3" fails (nosuchapplet3: applet not found), so the build fails on this line. No release of BusyBox has an applet named "nosuchapplet3".',
    ]);
  });

  // `ifplugd` is in the list of every release's applets, though a given build may lack it.
  it('takes an applet of some release to run', async () => {
    const analysis = await predict('FROM shell-only\nRUN busybox ifplugd\n');
    assert.deepEqual(errorsOn(analysis, 2), []);
  });
});
