/**
 * `set` with an option the shell lacks. Each expectation is what dash 0.5.12, bash 5.2.15 and
 * BusyBox 1.35 ash did with the same script under `SHELL -c SCRIPT`. dash exits with status 2,
 * also in a condition. bash fails with 2 and goes on outside its POSIX mode. ash fails with 1 for
 * a `-o` name but exits with 2 for a letter.
 */
import * as assert from 'node:assert/strict';
import type { Analysis } from '../../../../src/core/analysis/types';
import type { KnownImage } from '../../../../src/core/predict/baseImage';
import { changesAt, predict, removeContexts, stepAt } from '../helpers';
import { errorsOf, failedRun, readBusyboxImage, shellImages } from './realShells';

const bashHint = 'bash has more -o names, such as pipefail. Run the script with bash, or drop the option.';
const correctHint = 'Correct the option, or drop it.';

describe('set with a rejected option', () => {
  let busybox: KnownImage;
  before(async () => {
    busybox = await readBusyboxImage();
  });
  after(removeContexts);

  function run(base: string, line: string): Promise<Analysis> {
    return predict(`FROM ${base}\n${line}\n`, {}, { images: shellImages(busybox) });
  }

  const cases: Array<{ base: string; line: string; errors: string[]; changes: string[]; certainty: string }> = [
    {
      base: 'bash-dash', line: 'RUN set -o pipefail && echo a > /a', changes: [], certainty: 'exact',
      errors: [failedRun('set -o pipefail', '/bin/sh: 1: set: Illegal option -o pipefail', bashHint)],
    },
    {
      base: 'bash-dash', line: 'RUN set -o pipefail || echo a > /a', changes: [], certainty: 'exact',
      errors: [failedRun('set -o pipefail', '/bin/sh: 1: set: Illegal option -o pipefail', bashHint)],
    },
    {
      base: 'bash-dash', line: 'RUN echo a > /a; set +Z; echo b > /b', changes: [], certainty: 'exact',
      errors: [failedRun('set +Z', '/bin/sh: 1: set: Illegal option -Z', correctHint)],
    },
    {
      base: 'bash-dash', line: 'RUN set -O extglob; echo a > /a', changes: [], certainty: 'exact',
      errors: [failedRun('set -O extglob', '/bin/sh: 1: set: Illegal option -O', 'Only bash takes -O, and only when it starts. Run the script with bash -O NAME, or drop the option.')],
    },
    { base: 'bash-dash', line: `RUN bash -c 'set -o nosuch; echo a > /a'`, errors: [], changes: ['/a added file'], certainty: 'exact' },
    { base: 'bash-dash', line: `RUN bash -c 'set -O extglob; echo a > /a'`, errors: [], changes: ['/a added file'], certainty: 'exact' },
    { base: 'bash-dash', line: `RUN bash -c 'set -o pipefail; echo a > /a'`, errors: [], changes: ['/a added file'], certainty: 'exact' },
    {
      base: 'bash-dash', line: `RUN bash -c 'set -e -o nosuch; echo a > /a'`, changes: [], certainty: 'exact',
      errors: [failedRun('set -e -o nosuch', 'bash: line 1: set: nosuch: invalid option name', correctHint)],
    },
    {
      base: 'bash-dash', line: `RUN bash -c 'set -O extglob'`, changes: [], certainty: 'exact',
      errors: [failedRun('set -O extglob', 'bash: line 1: set: -O: invalid option', 'bash takes -O only when it starts. Use shopt -s NAME in the script, or drop the option.')],
    },
    { base: 'bash-dash', line: `RUN bash --posix -c 'set -o nosuch; echo a > /a'; echo z > /z`, errors: [], changes: ['/z added file'], certainty: 'exact' },
    { base: 'busybox-local:2', line: 'RUN set -o pipefail; touch /b', errors: [], changes: ['/b added file'], certainty: 'exact' },
    { base: 'busybox-local:2', line: 'RUN set -o nosuch; touch /b', errors: [], changes: ['/b added file'], certainty: 'estimated' },
    {
      base: 'busybox-local:2', line: 'RUN set -Z || touch /b', changes: [], certainty: 'exact',
      errors: [failedRun('set -Z', '/bin/sh: set: line 0: illegal option -Z', correctHint)],
    },
  ];
  for (const { base, line, errors, changes, certainty } of cases) {
    it(`${base}, ${line}`, async () => {
      const analysis = await run(base, line);
      assert.deepEqual(errorsOf(analysis), errors);
      assert.deepEqual(changesAt(analysis, 2), changes);
      assert.equal(stepAt(analysis, 2).certainty, certainty);
    });
  }

  it('unknown option word: estimated', async () => {
    const analysis = await run('bash-dash', 'ARG OPTS\nRUN set $OPTS; echo a > /a');
    assert.deepEqual(errorsOf(analysis), []);
    assert.deepEqual(changesAt(analysis, 3), ['/a added file']);
    assert.equal(stepAt(analysis, 3).certainty, 'estimated');
  });
});
