/**
 * `$?`, the exit status of the last command, where the prediction can tell it. Each expected text is
 * what dash 0.5.12, bash 5.2 and BusyBox 1.35 ash all wrote for the same script run as `sh -c`
 * with standard input from /dev/null.
 */
import * as assert from 'node:assert/strict';
import type { Analysis } from '../../../../src/core/analysis/types';
import type { KnownImage } from '../../../../src/core/predict/baseImage';
import { defaultPath } from '../../../../src/core/predict/run/script';
import { certaintiesAt, changesAt, folderEntry, linkEntry, predict, programEntry, removeContexts } from '../helpers';

/** BusyBox as /bin/sh with PATH set, so a command that no folder of PATH contains is surely not found. */
const busyboxImage: KnownImage = {
  layer: { entries: [folderEntry('/bin'), programEntry('/bin/busybox'), linkEntry('/bin/sh', 'busybox')], certainty: 'exact' },
  config: { env: new Map([['PATH', defaultPath]]) },
};

function run(dockerfile: string): Promise<Analysis> {
  return predict(dockerfile, {}, { images: (reference) => (reference === 'busybox' ? busyboxImage : undefined) });
}

/** Returns the text a RUN wrote to `path` and its certainty, as `certainty text`. */
function writtenText(analysis: Analysis, path: string): string {
  const entry = analysis.stack.lookup(path)?.entry;
  const origin = entry?.origin;
  return `${entry?.certainty} ${origin?.kind === 'run-text' ? JSON.stringify(origin.text) : 'no text'}`;
}

describe('exit status parameter', () => {
  after(removeContexts);

  const texts: Array<[string, string]> = [
    ['false || rc=$?; echo "$rc" > /s.txt', '1\n'],
    ['false; echo $? > /s.txt', '1\n'],
    ['! true; echo "$?" > /s.txt', '1\n'],
    ['(exit 3); echo $? > /s.txt', '3\n'],
    ['sh -c "exit 300" || echo $? > /s.txt', '44\n'],
    ['false | true; echo $? > /s.txt', '0\n'],
    ['false; if false; then :; fi; echo $? > /s.txt', '0\n'],
    // The parts of a pipeline run side by side, so `$?` in one is the status from before it.
    ['false; false | echo $? > /s.txt', '1\n'],
    ['nosuch; echo $? > /s.txt', '127\n'],
    ['busybox nosuchapplet; echo "rc=$?" > /s.txt', 'rc=127\n'],
    ['[ 1 -eq 2 ]; echo $? > /s.txt', '1\n'],
    ['echo "start:$?" > /s.txt', 'start:0\n'],
  ];
  for (const [script, text] of texts) {
    it(`${script}: writes ${JSON.stringify(text)}`, async () => {
      const analysis = await run(`FROM busybox\nRUN ${script}\n`);
      assert.equal(writtenText(analysis, '/s.txt'), `exact ${JSON.stringify(text)}`);
    });
  }

  it('false; test $? -eq 1 && touch /x', async () => {
    const analysis = await run('FROM busybox\nRUN false; test $? -eq 1 && touch /x\n');
    assert.deepEqual(changesAt(analysis, 2), ['/x added file']);
  });

  // The number of a failed command substitution is not modelled, nor is that of an unmodelled command.
  const unknown = ['X=$(false); echo $? > /s.txt', 'ls /nowhere; echo $? > /s.txt', 'ls /nowhere; echo "rc=$?" > /s.txt'];
  for (const script of unknown) {
    it(`${script}: estimated`, async () => {
      const analysis = await predict(`FROM shell-only\nRUN ${script}\n`);
      assert.deepEqual(certaintiesAt(analysis, 2), ['/s.txt estimated']);
    });
  }

  it('exit without a number exits with $?', async () => {
    const analysis = await run('FROM busybox\nRUN false; exit\n');
    assert.equal(analysis.problems.filter((problem) => problem.severity === 'error').length, 1);
  });
});
