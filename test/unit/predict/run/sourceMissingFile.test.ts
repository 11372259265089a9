/**
 * `. FILE` and `source FILE` where FILE is missing: dash 0.5.12 and BusyBox 1.35 ash exit with
 * status 2 even in a condition, bash 5.2.15 fails with 1 and goes on, and bash started as `sh`
 * exits with 1. Each expected error is what the real shell printed for `/bin/sh -c SCRIPT` (or
 * `bash -c SCRIPT`) on the same script.
 */
import * as assert from 'node:assert/strict';
import type { Analysis } from '../../../../src/core/analysis/types';
import type { KnownImage } from '../../../../src/core/predict/baseImage';
import { defaultPath } from '../../../../src/core/predict/run/script';
import { changesAt, folderEntry, linkEntry, predict, programEntry, removeContexts, stepAt } from '../helpers';
import { bashAndDashImage, errorsOf, readBusyboxImage } from './realShells';

/** bash as /bin/sh, which then runs in its POSIX mode. */
const bashAsSh: KnownImage = {
  layer: { entries: [folderEntry('/bin'), programEntry('/bin/bash'), linkEntry('/bin/sh', 'bash'), programEntry('/bin/touch')], certainty: 'exact' },
  config: { env: new Map([['PATH', defaultPath]]) },
};

/** Builds the error of a RUN that fails in `command`, which the shell reports as `printed`, for a missing `path`. */
function failed(command: string, printed: string, path: string): string {
  const hint = `The stage has no ${path} when this command runs. Copy the file in an earlier step, or correct the path.`;
  return `This RUN ends with a non-zero exit status because "${command}" fails (${printed}), so the build fails on this line. ${hint}`;
}

describe('. and source of a missing file', () => {
  let busybox: KnownImage;
  before(async () => {
    busybox = await readBusyboxImage();
  });
  after(removeContexts);

  function run(base: string, lines: string): Promise<Analysis> {
    const images: Record<string, KnownImage> = { 'busybox-local:2': busybox, 'bash-dash': bashAndDashImage, 'bash-as-sh': bashAsSh };
    return predict(`FROM ${base}\n${lines}\n`, {}, { images: (reference) => images[reference] });
  }

  const exiting: Array<{ base: string; script: string; command: string; printed: string; path: string }> = [
    { base: 'bash-dash', script: '. /nope/env.sh || echo b > /b', command: '. /nope/env.sh', printed: '/bin/sh: 1: .: cannot open /nope/env.sh: No such file', path: '/nope/env.sh' },
    { base: 'bash-dash', script: 'cd /bin && . ./env.sh; echo b > /b', command: '. ./env.sh', printed: '/bin/sh: 1: .: cannot open ./env.sh: No such file', path: '/bin/env.sh' },
    { base: 'busybox-local:2', script: 'if . /nope; then touch /b; fi', command: '. /nope', printed: "/bin/sh: .: line 0: can't open '/nope': No such file or directory", path: '/nope' },
    { base: 'busybox-local:2', script: 'source /nope; touch /b', command: 'source /nope', printed: "/bin/sh: source: line 0: can't open '/nope': No such file or directory", path: '/nope' },
    { base: 'bash-as-sh', script: '. /nope || touch /b', command: '. /nope', printed: '/bin/sh: line 1: /nope: No such file or directory', path: '/nope' },
  ];
  for (const { base, script, command, printed, path } of exiting) {
    it(`${base}, RUN ${script}: exits`, async () => {
      const analysis = await run(base, `RUN ${script}`);
      assert.deepEqual(errorsOf(analysis), [failed(command, printed, path)]);
      assert.deepEqual(changesAt(analysis, 2), []);
    });
  }

  it('BusyBox, heredoc line 2: line 1 printed', async () => {
    const analysis = await run('busybox-local:2', 'RUN <<EOF\ntouch /a\n. /etc/passwd/x\nEOF');
    const printed = "/bin/sh: .: line 1: can't open '/etc/passwd/x': Not a directory";
    assert.deepEqual(errorsOf(analysis), [failed('. /etc/passwd/x', printed, '/etc/passwd/x')]);
  });

  it('bash -c: fails and goes on', async () => {
    const analysis = await run('bash-dash', `RUN bash -c '. /nope; echo b > /b'`);
    assert.deepEqual(errorsOf(analysis), []);
    assert.deepEqual(changesAt(analysis, 2), ['/b added file']);
  });

  it('bash -c, last command: RUN fails', async () => {
    const analysis = await run('bash-dash', `RUN bash -c 'echo b > /b; . /nope'`);
    assert.deepEqual(errorsOf(analysis), [failed('. /nope', 'bash: line 1: /nope: No such file or directory', '/nope')]);
  });

  it('subshell: the outer script goes on', async () => {
    const analysis = await run('bash-dash', 'RUN (. /nope); echo b > /b');
    assert.deepEqual(errorsOf(analysis), []);
    assert.deepEqual(changesAt(analysis, 2), ['/b added file']);
  });

  it('existing file: unknown', async () => {
    const analysis = await run('bash-dash', 'RUN . /bin/bash; echo b > /b');
    assert.deepEqual(errorsOf(analysis), []);
    assert.equal(stepAt(analysis, 2).certainty, 'unknown');
  });
});
