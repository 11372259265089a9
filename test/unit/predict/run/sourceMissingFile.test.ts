/**
 * `. FILE` and `source FILE` where FILE is missing: dash 0.5.12 and BusyBox 1.35 ash exit with
 * status 2 even in a condition, bash 5.2.15 fails with 1 and goes on, and bash in its POSIX mode
 * (started as `sh`, for one) exits with 1. `command .` goes on in each, and so does `.` of a
 * folder. Each expected error is what the real shell printed for `/bin/sh -c SCRIPT` (or `bash
 * -c SCRIPT`) on the same script.
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

  // bash 5.2.15 takes its POSIX mode from each of these, and then exits where `. /nope` fails.
  const posixMode = [
    `RUN bash -c 'set -o posix; . /nope; echo b > /b'`,
    `RUN bash --posix -c '. /nope; echo b > /b'`,
    `RUN bash -o posix -c '. /nope; echo b > /b'`,
    `RUN POSIXLY_CORRECT=1 bash -c '. /nope; echo b > /b'`,
    `RUN POSIXLY_CORRECT= bash -c '. /nope; echo b > /b'`,
    `RUN bash -c 'POSIXLY_CORRECT=1; . /nope; echo b > /b'`,
  ];
  for (const line of posixMode) {
    it(`${line}: exits`, async () => {
      const analysis = await run('bash-dash', line);
      assert.deepEqual(errorsOf(analysis), [failed('. /nope', 'bash: line 1: /nope: No such file or directory', '/nope')]);
      assert.deepEqual(changesAt(analysis, 2), []);
      assert.equal(stepAt(analysis, 2).certainty, 'exact');
    });
  }

  const goingOn: Array<{ base: string; line: string; changes: string[] }> = [
    // bash leaves its POSIX mode with `set +o posix` and when POSIXLY_CORRECT is unset.
    { base: 'bash-dash', line: `RUN bash -c 'set -o posix; set +o posix; . /nope; echo b > /b'`, changes: ['/b added file'] },
    { base: 'bash-dash', line: `RUN bash -c 'set -o posix; unset POSIXLY_CORRECT; . /nope; echo b > /b'`, changes: ['/b added file'] },
    // `command` keeps the failure of `.` from exiting (`dash -c 'command . /nope; echo $?'` printed 2).
    { base: 'bash-dash', line: 'RUN command . /nope && echo b > /b; echo z > /z', changes: ['/z added file'] },
    { base: 'busybox-local:2', line: 'RUN command source /nope; touch /b', changes: ['/b added file'] },
    { base: 'bash-dash', line: `RUN bash --posix -c 'command . /nope; echo b > /b'`, changes: ['/b added file'] },
    // `. FOLDER`: dash and ash return 0, and bash fails with 1 and goes on, also in its POSIX mode.
    { base: 'bash-dash', line: 'RUN . /bin && echo b > /b', changes: ['/b added file'] },
    { base: 'busybox-local:2', line: 'RUN . /bin && touch /b', changes: ['/b added file'] },
    { base: 'bash-dash', line: `RUN bash --posix -c '. /bin || echo b > /b'`, changes: ['/b added file'] },
  ];
  for (const { base, line, changes } of goingOn) {
    it(`${base}, ${line}: goes on`, async () => {
      const analysis = await run(base, line);
      assert.deepEqual(errorsOf(analysis), []);
      assert.deepEqual(changesAt(analysis, 2), changes);
      assert.equal(stepAt(analysis, 2).certainty, 'exact');
    });
  }

  it('dash, command . as last command: RUN fails', async () => {
    const analysis = await run('bash-dash', 'RUN command . /nope');
    assert.deepEqual(errorsOf(analysis), [failed('. /nope', '/bin/sh: 1: .: cannot open /nope: No such file', '/nope')]);
  });

  it('bash, . of a folder as last command: RUN fails', async () => {
    const analysis = await run('bash-dash', `RUN bash -c 'echo b > /b; . /bin'`);
    const hint = '/bin is a folder, and . reads a script file. Name the file in that folder to read.';
    const printed = 'bash: line 1: .: /bin: is a directory';
    assert.deepEqual(errorsOf(analysis), [`This RUN ends with a non-zero exit status because ". /bin" fails (${printed}), so the build fails on this line. ${hint}`]);
    assert.deepEqual(changesAt(analysis, 2), []);
  });

  it('existing file: unknown', async () => {
    const analysis = await run('bash-dash', 'RUN . /bin/bash; echo b > /b');
    assert.deepEqual(errorsOf(analysis), []);
    assert.equal(stepAt(analysis, 2).certainty, 'unknown');
  });
});
