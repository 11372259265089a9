/**
 * Options in a SHELL's words before its script act as `set` does in the script: the classic
 * builder fails `SHELL ["/bin/sh", "-ec"]` then `RUN false; echo x > /x.txt` with status 1.
 */
import * as assert from 'node:assert/strict';
import type { Analysis } from '../../../../src/core/analysis/types';
import { changesAt, predict, removeContexts } from '../helpers';

function errorsOn(analysis: Analysis, line: number): string[] {
  return analysis.problems.filter((problem) => problem.line === line && problem.severity === 'error').map((problem) => problem.message);
}

const failing = 'This RUN ends with a non-zero exit status because "false" fails, so the build fails on this line.';

describe('shell options from SHELL and the exec form', () => {
  after(removeContexts);

  const stopping: Array<[string, string]> = [
    ['SHELL ["/bin/sh", "-ec"]', 'RUN false; echo x > /x.txt'],
    ['SHELL ["/bin/sh", "-e", "-c"]', 'RUN false; echo x > /x.txt'],
    ['SHELL ["/bin/sh", "-eux", "-c"]', 'RUN false; echo x > /x.txt'],
    ['SHELL ["/bin/sh", "-o", "errexit", "-c"]', 'RUN false; echo x > /x.txt'],
    ['ENV A=1', 'RUN ["/bin/sh", "-ec", "false; echo x > /x.txt"]'],
  ];
  for (const [setup, line] of stopping) {
    it(`${setup}, ${line}: fails`, async () => {
      const analysis = await predict(`FROM shell-only\n${setup}\n${line}\n`);
      assert.deepEqual(errorsOn(analysis, 3), [failing]);
    });
  }

  const going: Array<[string, string]> = [
    ['SHELL ["/bin/sh", "-c"]', 'RUN false; echo x > /x.txt'],
    ['SHELL ["/bin/sh", "-ec"]', 'RUN set +e; false; echo x > /x.txt'],
    ['SHELL ["/bin/sh", "-ec"]', 'RUN false || echo x > /x.txt'],
  ];
  for (const [setup, line] of going) {
    it(`${setup}, ${line}: goes on`, async () => {
      const analysis = await predict(`FROM shell-only\n${setup}\n${line}\n`);
      assert.deepEqual(errorsOn(analysis, 3), []);
      assert.deepEqual(changesAt(analysis, 3), ['/x.txt added file']);
    });
  }

  it('SHELL ["/bin/sh", "-fc"] turns globbing off', async () => {
    const analysis = await predict('FROM shell-only\nSHELL ["/bin/sh", "-fc"]\nRUN touch /a.txt && echo /*.txt > /g.txt\n');
    const origin = analysis.stack.lookup('/g.txt')?.entry.origin;
    assert.equal(origin?.kind === 'run-text' ? origin.text : undefined, '/*.txt\n');
  });
});
