/**
 * A nested `sh -c` runs its script in a new shell with the options before the script (`-e`, `-u`,
 * `-o errexit`) and none of the outer shell's, and its exit status and output go back to the outer
 * script. Checked with dash 0.5.12, bash 5.2 and BusyBox 1.35 ash as the outer shell, each running
 * the same scripts with a nested `sh` (dash) and standard input from /dev/null.
 */
import * as assert from 'node:assert/strict';
import type { Analysis } from '../../../../src/core/analysis/types';
import type { KnownImage } from '../../../../src/core/predict/baseImage';
import { defaultPath } from '../../../../src/core/predict/run/script';
import { changesAt, folderEntry, linkEntry, predict, programEntry, removeContexts } from '../helpers';
import { bashAndDashImage, certaintyOf } from './realShells';

/** BusyBox as /bin/sh with a read configuration, so the RUN's environment is known. */
const busyboxImage: KnownImage = {
  layer: { entries: [folderEntry('/bin'), folderEntry('/boot'), programEntry('/bin/busybox'), linkEntry('/bin/sh', 'busybox')], certainty: 'exact' },
  config: { env: new Map([['PATH', defaultPath]]) },
};

function run(script: string): Promise<Analysis> {
  return predict(`FROM busybox\nRUN ${script}\n`, {}, { images: (reference) => (reference === 'busybox' ? busyboxImage : undefined) });
}

function errorsOn(analysis: Analysis, line: number): string[] {
  return analysis.problems.filter((problem) => problem.line === line && problem.severity === 'error').map((problem) => problem.message);
}

/** Returns the text a RUN wrote to `path`. */
function writtenText(analysis: Analysis, path: string): string | undefined {
  const origin = analysis.stack.lookup(path)?.entry.origin;
  return origin?.kind === 'run-text' ? origin.text : undefined;
}

describe('nested sh -c options and status', () => {
  after(removeContexts);

  const going: Array<[string, string[]]> = [
    ['sh -ec "false; touch /y"; touch /z', ['/z added file']],
    ['sh -e -c "false; touch /y"; touch /z', ['/z added file']],
    ['sh -o errexit -c "false; touch /y"; touch /z', ['/z added file']],
    // `set -e` of the nested shell applies although the outer shell runs it as a condition.
    ['sh -ec "false; touch /y" || touch /z', ['/z added file']],
    ['sh -uc "echo \\$NOPE > /u; touch /y"; touch /z', ['/z added file']],
    // The nested shell starts without the outer shell's options.
    ['set -e; sh -c "false; touch /y"; touch /z', ['/y added file', '/z added file']],
  ];
  for (const [script, changes] of going) {
    it(`${script}: goes on`, async () => {
      const analysis = await run(script);
      assert.deepEqual(errorsOn(analysis, 2), []);
      assert.deepEqual(changesAt(analysis, 2), changes);
    });
  }

  it('set -e; sh -ec "false; touch /y"; touch /z: fails', async () => {
    const analysis = await run('set -e; sh -ec "false; touch /y"; touch /z');
    assert.deepEqual(errorsOn(analysis, 2), ['This RUN ends with a non-zero exit status because "false" fails, so the build fails on this line.']);
    assert.deepEqual(changesAt(analysis, 2), []);
  });

  it('set -e; sh -uc with an unset variable: fails', async () => {
    const analysis = await run('set -e; sh -uc "echo \\$NOPE"; touch /z');
    const errors = errorsOn(analysis, 2);
    assert.equal(errors.length, 1);
    assert.match(errors[0], /\(sh: NOPE: parameter not set\)/);
  });

  it('sh -uc with an unset variable: $? is 2', async () => {
    const analysis = await run('sh -uc "echo \\$NOPE"; echo "u=$?" > /s.txt');
    assert.equal(writtenText(analysis, '/s.txt'), 'u=2\n');
  });

  it('bash -euc with an unset variable: $? is 1', async () => {
    // bash 5.2.15 exits with 1 under `set -e`, and with 127 without it.
    const analysis = await predict('FROM bash-dash\nRUN bash -euc \'echo "$NOPE"; touch /y2\'; echo "bst=$?" > /q6\n', {}, { images: (reference) => (reference === 'bash-dash' ? bashAndDashImage : undefined) });
    assert.equal(writtenText(analysis, '/q6'), 'bst=1\n');
    assert.equal(certaintyOf(analysis, '/q6'), 'exact');
    assert.equal(analysis.stack.lookup('/y2'), undefined);
  });

  it('sh -c pwd > /p.txt: writes the output', async () => {
    const analysis = await run('sh -c pwd > /p.txt');
    assert.equal(writtenText(analysis, '/p.txt'), '/\n');
  });

  // `dash -c 'X=1 sh -c "echo \$X"'` printed 1.
  it('X=1 sh -c: the nested script gets X', async () => {
    const analysis = await run(`X=1 sh -c 'echo $X > /x'`);
    assert.equal(writtenText(analysis, '/x'), '1\n');
    assert.equal(certaintyOf(analysis, '/x'), 'exact');
  });

  it('set -f; sh -c "echo /b*": globs', async () => {
    const analysis = await run('set -f; sh -c "echo /b*" > /g.txt');
    assert.equal(writtenText(analysis, '/g.txt'), '/bin /boot\n');
  });
});
