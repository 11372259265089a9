/** The error of a RUN that surely fails names the failing command and the error that tool prints. */
import * as assert from 'node:assert/strict';
import type { Analysis } from '../../../../src/core/analysis/types';
import { predict, removeContexts, stepAt } from '../helpers';

const concatenate = 'RUN mkdir -p out && cat src/serve.sh src/helper.sh > out/app.sh && chmod 755 out/app.sh \\\n && echo built > out/VERSION\n';
const context = { 'src/serve.sh': 'echo serve\n' };

/** Makes /bin/cat a BusyBox applet, as in the busybox and Alpine images. */
const busyboxCat = 'RUN echo elf > /bin/busybox && ln -s busybox /bin/cat\n';
/** Makes /bin/rm a program of its own, which the prediction takes for GNU coreutils. */
const gnuRm = 'RUN echo elf > /bin/rm\n';

function errorsOn(analysis: Analysis, line: number): string[] {
  return analysis.problems.filter((problem) => problem.line === line && problem.severity === 'error').map((problem) => problem.message);
}

function failure(command: string, printed: string): string {
  return `This RUN ends with a non-zero exit status because "${command}" fails (${printed}), so the build fails on this line.`;
}

describe('RUN failure reasons', () => {
  after(removeContexts);

  for (const builder of ['buildkit', 'classic'] as const) {
    it(`cat of a missing file inside && (${builder})`, async () => {
      const analysis = await predict(`FROM shell-only\nWORKDIR /build\nCOPY src ./src\n${concatenate}`, context, { builder });
      assert.deepEqual(errorsOn(analysis, 4), [failure('cat src/serve.sh src/helper.sh', 'cat: src/helper.sh: No such file or directory')]);
    });
  }

  it('cat of a missing file, BusyBox wording', async () => {
    const analysis = await predict(`FROM shell-only\n${busyboxCat}WORKDIR /build\nCOPY src ./src\n${concatenate}`, context);
    assert.deepEqual(errorsOn(analysis, 5), [failure('cat src/serve.sh src/helper.sh', "cat: can't open 'src/helper.sh': No such file or directory")]);
  });

  it('rm of a missing file, GNU wording', async () => {
    const analysis = await predict(`FROM shell-only\n${gnuRm}WORKDIR /build\nRUN mkdir out && rm out/old && touch out/new\n`);
    assert.deepEqual(errorsOn(analysis, 4), [failure('rm out/old', "rm: cannot remove 'out/old': No such file or directory")]);
  });

  it('chmod of a missing file before &&', async () => {
    const analysis = await predict('FROM shell-only\nRUN mkdir /a && chmod 644 /a/missing && touch /a/done\n');
    assert.deepEqual(errorsOn(analysis, 2), [failure('chmod 644 /a/missing', 'chmod: /a/missing: No such file or directory')]);
  });

  it('rm of a missing file in sh -c', async () => {
    const analysis = await predict("FROM shell-only\nRUN sh -c 'rm /missing && touch /done'\n");
    assert.deepEqual(errorsOn(analysis, 2), [failure('rm /missing', 'rm: /missing: No such file or directory')]);
  });

  it('exit after a failing touch', async () => {
    const analysis = await predict('FROM shell-only\nRUN touch /missing/file || exit 3\n');
    assert.deepEqual(errorsOn(analysis, 2), ['This RUN ends with a non-zero exit status because "exit 3" fails, so the build fails on this line.']);
  });

  it('failure of || names its right side', async () => {
    const analysis = await predict('FROM shell-only\nRUN touch /missing/file || mkdir /bin\n');
    assert.deepEqual(errorsOn(analysis, 2), [failure('mkdir /bin', 'mkdir: /bin: File exists')]);
  });

  it('failing negation names no command', async () => {
    const analysis = await predict('FROM shell-only\nRUN ! mkdir /made\n');
    assert.deepEqual(errorsOn(analysis, 2), ['This RUN ends with a non-zero exit status, so the build fails on this line; which command decides that status is not known.']);
  });

  it('guessed failure names its command', async () => {
    const analysis = await predict('FROM alpine:3.20\nRUN test -f /etc/unseen\n');
    assert.deepEqual(errorsOn(analysis, 2), []);
    assert.ok(stepAt(analysis, 2).notes.includes('This RUN probably ends with a non-zero exit status because "test -f /etc/unseen" may fail, which would fail the build; the prediction assumes it succeeds.'));
  });
});
