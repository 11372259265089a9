/**
 * `command -v NAME` for a name that no folder of PATH contains prints nothing and fails: with
 * status 127 in dash 0.5.12 and BusyBox 1.35 ash, and with status 1 in bash 5.2 (also as `sh`).
 */
import * as assert from 'node:assert/strict';
import type { Analysis } from '../../../../src/core/analysis/types';
import type { KnownImage } from '../../../../src/core/predict/baseImage';
import { defaultPath } from '../../../../src/core/predict/run/script';
import { changesAt, folderEntry, linkEntry, predict, programEntry, removeContexts } from '../helpers';

/** Returns an image whose /bin/sh links to `shell`, a program in /bin, with PATH set. */
function shellImage(shell: string): KnownImage {
  return {
    layer: { entries: [folderEntry('/bin'), programEntry(`/bin/${shell}`), linkEntry('/bin/sh', shell)], certainty: 'exact' },
    config: { env: new Map([['PATH', defaultPath]]) },
  };
}

const images: Record<string, KnownImage> = { dash: shellImage('dash'), bash: shellImage('bash'), busybox: shellImage('busybox') };

function run(base: string, script: string): Promise<Analysis> {
  return predict(`FROM ${base}\nRUN ${script}\n`, {}, { images: (reference) => images[reference] });
}

function errorsOn(analysis: Analysis, line: number): string[] {
  return analysis.problems.filter((problem) => problem.line === line && problem.severity === 'error').map((problem) => problem.message);
}

describe('command -v', () => {
  after(removeContexts);

  for (const base of ['dash', 'bash', 'busybox']) {
    it(`${base}: command -v nosuch fails the RUN`, async () => {
      const analysis = await run(base, 'command -v nosuch');
      assert.deepEqual(errorsOn(analysis, 2), [
        'This RUN ends with a non-zero exit status because "command -v nosuch" fails, so the build fails on this line. ' +
        'No folder of PATH in this stage contains "nosuch". Install it in an earlier step, or start the stage from a base image that has it.',
      ]);
    });
  }

  const statuses: Array<[string, string]> = [['dash', '127\n'], ['busybox', '127\n'], ['bash', '1\n']];
  for (const [base, text] of statuses) {
    it(`${base}: $? after command -v nosuch`, async () => {
      const analysis = await run(base, 'command -v nosuch > /out; echo $? > /s');
      const written = (path: string) => {
        const origin = analysis.stack.lookup(path)?.entry.origin;
        return origin?.kind === 'run-text' ? origin.text : undefined;
      };
      assert.equal(written('/s'), text);
      assert.equal(written('/out'), '');
    });
  }

  it('command -v nosuch || echo x > /x', async () => {
    const analysis = await run('dash', 'command -v nosuch || echo x > /x');
    assert.deepEqual(changesAt(analysis, 2), ['/x added file']);
    assert.deepEqual(errorsOn(analysis, 2), []);
  });

  it('command -v of a program in PATH goes on', async () => {
    const analysis = await run('dash', 'command -v dash && echo x > /x');
    assert.deepEqual(changesAt(analysis, 2), ['/x added file']);
  });

  it('unread base image: goes on', async () => {
    const analysis = await predict('FROM debian\nRUN command -v nosuch || touch /x\n');
    assert.deepEqual(errorsOn(analysis, 2), []);
  });
});
