/**
 * Start options that a shell rejects before its script runs, and bash's long options. Each
 * expectation is what dash 0.5.12, bash 5.2.15 and BusyBox 1.35 ash did with the same words,
 * measured as `SHELL OPTIONS -c 'echo ran'` with standard error through a pipe.
 */
import * as assert from 'node:assert/strict';
import type { KnownImage } from '../../../../src/core/predict/baseImage';
import { certaintiesAt, changesAt, removeContexts, stepAt } from '../helpers';
import { errorsOf, failedRun, predictOnShell, readBusyboxImage } from './realShells';

const bashHint = 'bash has -O and more -o names, such as pipefail. Run the script with bash, or drop the option.';
const correctHint = 'Correct the option, or drop it.';
const errexitFailure = 'This RUN ends with a non-zero exit status because "false" fails, so the build fails on this line.';

describe('rejected start options', () => {
  let busybox: KnownImage;
  before(async () => {
    busybox = await readBusyboxImage();
  });
  after(removeContexts);

  const cases: Array<{ base: string; lines: string; errors: string[]; changes: string[]; certainty: string }> = [
    // bash reads long options before its first short one (`bash --noprofile --norc -eo pipefail -c 'false; echo ran'` exited 1).
    { base: 'bash-dash', lines: 'SHELL ["/bin/bash", "--noprofile", "--norc", "-eo", "pipefail", "-c"]\nRUN false; echo a > /a', errors: [errexitFailure], changes: [], certainty: 'exact' },
    { base: 'bash-dash', lines: `RUN bash --norc -e -c 'false; echo a > /a'; echo z > /z`, errors: [], changes: ['/z added file'], certainty: 'exact' },
    { base: 'bash-dash', lines: `RUN bash --rcfile /x -e -c 'false; echo a > /a'; echo z > /z`, errors: [], changes: ['/z added file'], certainty: 'exact' },
    { base: 'bash-dash', lines: `RUN bash -e --norc -c 'echo a > /a'; echo z > /z`, errors: [], changes: ['/z added file'], certainty: 'exact' },
    { base: 'bash-dash', lines: 'SHELL ["/bin/bash", "-e", "--norc", "-c"]\nRUN echo a > /a', errors: [failedRun('/bin/bash -e --norc -c', '/bin/bash: --: invalid option', correctHint)], changes: [], certainty: 'exact' },
    { base: 'bash-dash', lines: 'SHELL ["/bin/bash", "--nosuch", "-c"]\nRUN echo a > /a', errors: [failedRun('/bin/bash --nosuch -c', '/bin/bash: --nosuch: invalid option', correctHint)], changes: [], certainty: 'exact' },
    { base: 'bash-dash', lines: 'SHELL ["/bin/sh", "--norc", "-c"]\nRUN echo a > /a', errors: [failedRun('/bin/sh --norc -c', '/bin/sh: 0: Illegal option --', bashHint)], changes: [], certainty: 'exact' },
    // bash reads its long options first: after --help or --version it prints and exits with status 0, unless one of them is invalid.
    { base: 'bash-dash', lines: 'SHELL ["/bin/bash", "--version", "-c"]\nRUN echo a > /a', errors: [], changes: [], certainty: 'exact' },
    { base: 'bash-dash', lines: 'SHELL ["/bin/bash", "--help", "-Z", "-c"]\nRUN echo a > /a', errors: [], changes: [], certainty: 'exact' },
    { base: 'bash-dash', lines: `RUN bash --norc --version -c 'echo a > /a'; echo z > /z`, errors: [], changes: ['/z added file'], certainty: 'exact' },
    { base: 'bash-dash', lines: `RUN bash --version -c; echo z > /z`, errors: [], changes: ['/z added file'], certainty: 'exact' },
    { base: 'bash-dash', lines: 'SHELL ["/bin/bash", "--version", "--nosuch", "-c"]\nRUN echo a > /a', errors: [failedRun('/bin/bash --version --nosuch -c', '/bin/bash: --nosuch: invalid option', correctHint)], changes: [], certainty: 'exact' },
    { base: 'bash-dash', lines: 'SHELL ["/bin/bash", "-e", "--version", "-c"]\nRUN echo a > /a', errors: [failedRun('/bin/bash -e --version -c', '/bin/bash: --: invalid option', correctHint)], changes: [], certainty: 'exact' },
    { base: 'bash-dash', lines: `RUN dash --version -c 'echo a > /a'`, errors: [failedRun('dash --version -c', 'dash: 0: Illegal option --', correctHint)], changes: [], certainty: 'exact' },
    { base: 'busybox-local:2', lines: `RUN sh --version -c 'touch /a'`, errors: [], changes: ['/a added file'], certainty: 'exact' },
    // Unknown letters, after and before -c.
    { base: 'bash-dash', lines: `RUN sh -c -Z 'echo a > /a'; echo z > /z`, errors: [], changes: ['/z added file'], certainty: 'exact' },
    { base: 'bash-dash', lines: 'SHELL ["/bin/sh", "+Z", "-c"]\nRUN echo a > /a', errors: [failedRun('/bin/sh +Z -c', '/bin/sh: 0: Illegal option -Z', correctHint)], changes: [], certainty: 'exact' },
    { base: 'bash-dash', lines: 'SHELL ["/bin/bash", "-Z", "-c"]\nRUN echo a > /a', errors: [failedRun('/bin/bash -Z -c', '/bin/bash: -Z: invalid option', correctHint)], changes: [], certainty: 'exact' },
    { base: 'busybox-local:2', lines: 'SHELL ["/bin/sh", "-Z", "-c"]\nRUN touch /a', errors: [failedRun('/bin/sh -Z -c', '/bin/sh: illegal option -Z', correctHint)], changes: [], certainty: 'exact' },
    // bash checks -O against its shopt names, and prints "line 0:" for a -o name in and outside its POSIX mode.
    { base: 'bash-dash', lines: `RUN bash -c -O nosuch 'echo a > /a'; echo z > /z`, errors: [], changes: ['/z added file'], certainty: 'exact' },
    { base: 'bash-dash', lines: 'SHELL ["/bin/bash", "-O", "nosuch", "-c"]\nRUN echo a > /a', errors: [failedRun('/bin/bash -O nosuch -c', '/bin/bash: line 0: nosuch: invalid shell option name', correctHint)], changes: [], certainty: 'exact' },
    { base: 'bash-dash', lines: 'SHELL ["/bin/bash", "-o", "nosuch", "-c"]\nRUN echo a > /a', errors: [failedRun('/bin/bash -o nosuch -c', '/bin/bash: line 0: /bin/bash: nosuch: invalid option name', correctHint)], changes: [], certainty: 'exact' },
    // BusyBox ignores long options, takes the -o names of Debian's build, and the build decides the rest.
    { base: 'busybox-local:2', lines: `RUN sh --norc -c 'touch /a'`, errors: [], changes: ['/a added file'], certainty: 'exact' },
    { base: 'busybox-local:2', lines: `RUN sh -c -o pipefail 'touch /a'`, errors: [], changes: ['/a added file'], certainty: 'exact' },
    { base: 'busybox-local:2', lines: `RUN sh -c -o posix 'touch /a'; touch /z`, errors: [], changes: ['/z added file'], certainty: 'estimated' },
    // The failing command is quoted as written, with its -c.
    { base: 'busybox-local:2', lines: 'RUN sh -c -o', errors: [failedRun('sh -c -o', 'sh: -c requires an argument', 'The -c option takes the first word after the options as the script, and none follows.')], changes: [], certainty: 'exact' },
    { base: 'busybox-local:2', lines: `RUN sh -c -Z 'touch /a'`, errors: [failedRun('sh -c -Z', 'sh: illegal option -Z', correctHint)], changes: [], certainty: 'exact' },
    { base: 'bash-dash', lines: `RUN dash -c -O extglob 'echo a > /a'`, errors: [failedRun('dash -c -O extglob', 'dash: 0: Illegal option -O', bashHint)], changes: [], certainty: 'exact' },
    // The builder runs a SHELL line's words, or an exec form's, up to the script, and the error quotes them all.
    { base: 'bash-dash', lines: 'SHELL ["/bin/sh", "-O", "extglob", "-c"]\nRUN echo a > /a', errors: [failedRun('/bin/sh -O extglob -c', '/bin/sh: 0: Illegal option -O', bashHint)], changes: [], certainty: 'exact' },
    { base: 'bash-dash', lines: 'SHELL ["/bin/sh", "-c", "-Z"]\nRUN echo a > /a', errors: [failedRun('/bin/sh -c -Z', '/bin/sh: 0: Illegal option -Z', correctHint)], changes: [], certainty: 'exact' },
    { base: 'bash-dash', lines: 'RUN ["/bin/sh", "-O", "extglob", "-c", "echo a > /a"]', errors: [failedRun('/bin/sh -O extglob -c', '/bin/sh: 0: Illegal option -O', bashHint)], changes: [], certainty: 'exact' },
    { base: 'busybox-local:2', lines: 'SHELL ["/bin/busybox", "sh", "-Z", "-c"]\nRUN touch /a', errors: [failedRun('/bin/busybox sh -Z -c', 'sh: illegal option -Z', correctHint)], changes: [], certainty: 'exact' },
  ];
  for (const { base, lines, errors, changes, certainty } of cases) {
    it(`${base}, ${lines.replace('\n', ' ')}`, async () => {
      const { analysis, line } = await predictOnShell(busybox, base, lines);
      assert.deepEqual(errorsOf(analysis), errors);
      assert.deepEqual(changesAt(analysis, line), changes);
      assert.equal(stepAt(analysis, line).certainty, certainty);
    });
  }

  it('bash --version, output and note', async () => {
    // The version text differs between bash releases, so what it writes to /v is estimated.
    const { analysis, line } = await predictOnShell(busybox, 'bash-dash', 'RUN bash --version > /v; echo z > /z');
    assert.deepEqual(certaintiesAt(analysis, line), ['/v estimated', '/z exact']);
    assert.equal(stepAt(analysis, line).notes[0], `"bash --version" prints bash's version and exits with status 0 without running its script, so the script changes nothing.`);
  });
});
