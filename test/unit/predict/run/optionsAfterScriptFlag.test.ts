/**
 * Options after `-c` (`sh -c -e 'script'`): the shell reads them as options, and the script is
 * the first word after them. Each expectation matches what dash 0.5.12, bash 5.2.15 and BusyBox
 * 1.35 ash did with the same command.
 */
import * as assert from 'node:assert/strict';
import type { Analysis } from '../../../../src/core/analysis/types';
import type { KnownImage } from '../../../../src/core/predict/baseImage';
import { defaultPath } from '../../../../src/core/predict/run/script';
import { changesAt, folderEntry, linkEntry, predict, programEntry, removeContexts, stepAt } from '../helpers';
import { bashAndDashImage, errorsOf, textAt } from './realShells';

/** BusyBox as /bin/sh and touch, and bash, with PATH set, so a command that PATH does not find surely fails. */
const image: KnownImage = {
  layer: { entries: [folderEntry('/bin'), programEntry('/bin/busybox'), linkEntry('/bin/sh', 'busybox'), linkEntry('/bin/touch', 'busybox'), programEntry('/bin/bash')], certainty: 'exact' },
  config: { env: new Map([['PATH', defaultPath]]) },
};

/** Predicts the Dockerfile lines after `FROM busybox`. */
function run(lines: string): Promise<Analysis> {
  return predict(`FROM busybox\n${lines}\n`, {}, { images: (reference) => (reference === 'busybox' ? image : undefined) });
}

/** Builds the error of a RUN whose shell `command` exits with `printed` before its script runs. */
function rejected(command: string, printed: string, hint: string): string {
  return `This RUN ends with a non-zero exit status because "${command}" fails (${printed}), so the build fails on this line. ${hint}`;
}

const bashHint = 'bash has -O and more -o names, such as pipefail. Run the script with bash, or drop the option.';

const errexitFailure = 'This RUN ends with a non-zero exit status because "false" fails, so the build fails on this line.';

describe('options after -c', () => {
  after(removeContexts);

  const scripts = [
    `RUN sh -c -x 'touch /a'`,
    `RUN sh -c -- 'touch /a'`,
    `RUN sh -c - 'touch /a'`,
    `RUN sh -c -x -- 'touch /a'`,
    `RUN bash -c -e 'touch /a'`,
    `RUN ["sh", "-c", "-x", "touch /a"]`,
    `RUN ["/bin/bash", "-c", "--", "touch /a"]`,
    `RUN bash -c -O extglob 'touch /a'`,
    `RUN bash -c -eO extglob 'touch /a'`,
    `RUN bash -c +O extglob 'touch /a'`,
    `RUN ["/bin/bash", "-c", "-O", "extglob", "touch /a"]`,
  ];
  for (const line of scripts) {
    it(`${line}: adds /a`, async () => {
      const analysis = await run(line);
      assert.deepEqual(errorsOf(analysis), []);
      assert.deepEqual(changesAt(analysis, 2), ['/a added file']);
    });
  }

  const errexit = [
    `RUN sh -c -e 'touch /y; false; touch /x'; touch /z`,
    `RUN sh -c -o errexit 'touch /y; false; touch /x'; touch /z`,
    `RUN sh -c -xe 'touch /y; false; touch /x'; touch /z`,
  ];
  for (const line of errexit) {
    it(`${line}: nested script stops`, async () => {
      const analysis = await run(line);
      assert.deepEqual(errorsOf(analysis), []);
      assert.deepEqual(changesAt(analysis, 2), ['/y added file', '/z added file']);
    });
  }

  it('exec form sh -c -e: build fails', async () => {
    const analysis = await run('RUN ["sh", "-c", "-e", "false; touch /y"]');
    assert.deepEqual(errorsOf(analysis), [errexitFailure]);
    assert.deepEqual(changesAt(analysis, 2), []);
  });

  it('SHELL with -e after -c: build fails', async () => {
    const analysis = await run('SHELL ["/bin/sh", "-c", "-e"]\nRUN false; touch /y');
    assert.deepEqual(errorsOf(analysis), [errexitFailure]);
    assert.deepEqual(changesAt(analysis, 3), []);
  });

  const names: Array<[string, string]> = [
    [`RUN sh -c -x 'echo $0 > /n' zero`, 'zero\n'],
    [`RUN ["sh", "-c", "-x", "echo $0 > /n", "zero"]`, 'zero\n'],
    [`RUN ["sh", "-c", "-o", "errexit", "echo $0 > /n"]`, 'sh\n'],
    [`SHELL ["/bin/bash", "-c", "-O", "extglob"]\nRUN echo $0 > /n`, '/bin/bash\n'],
  ];
  for (const [line, text] of names) {
    it(`${line.replace('\n', ' ')}: $0`, async () => {
      const analysis = await run(line);
      assert.equal(textAt(analysis, '/n'), text);
    });
  }

  it('bash -c -O extglob -e: nested script stops', async () => {
    const analysis = await run(`RUN bash -c -O extglob -e 'touch /y; false; touch /x'; touch /z`);
    assert.deepEqual(errorsOf(analysis), []);
    assert.deepEqual(changesAt(analysis, 2), ['/y added file', '/z added file']);
  });

  it('SHELL with -e after -O extglob: build fails', async () => {
    const analysis = await run('SHELL ["/bin/bash", "-c", "-O", "extglob", "-e"]\nRUN false; touch /y');
    assert.deepEqual(errorsOf(analysis), [errexitFailure]);
    assert.deepEqual(changesAt(analysis, 3), []);
  });

  // BusyBox ash rejects bash's -O before the script runs and exits with status 2.
  it('BusyBox sh -c -O: nested shell fails', async () => {
    const analysis = await run(`RUN sh -c -O extglob 'touch /a'; touch /z`);
    assert.deepEqual(errorsOf(analysis), []);
    assert.deepEqual(changesAt(analysis, 2), ['/z added file']);
  });

  it('BusyBox sh -c +O as last command: build fails', async () => {
    const analysis = await run(`RUN sh -c +O extglob 'touch /a'`);
    assert.deepEqual(errorsOf(analysis), [rejected('sh -c +O extglob', 'sh: illegal option +O', bashHint)]);
    assert.deepEqual(changesAt(analysis, 2), []);
  });

  it('SHELL /bin/sh -c -O on BusyBox: build fails', async () => {
    const analysis = await run('SHELL ["/bin/sh", "-c", "-O", "extglob"]\nRUN touch /a');
    assert.deepEqual(errorsOf(analysis), [rejected('/bin/sh -c -O extglob', '/bin/sh: illegal option -O', bashHint)]);
    assert.deepEqual(changesAt(analysis, 3), []);
  });

  // BusyBox ash prints an error for an unknown -o name but exits with status 0, running nothing.
  it('BusyBox sh -c -o nosuch: nothing runs, status 0', async () => {
    const analysis = await run(`RUN sh -c -o nosuch 'touch /a' && touch /z`);
    assert.deepEqual(errorsOf(analysis), []);
    assert.deepEqual(changesAt(analysis, 2), ['/z added file']);
  });

  const missingScripts: Array<[string, string, string]> = [
    ['RUN ["sh", "-c", "-o"]', 'sh -c -o', 'sh: -c requires an argument'],
    [`RUN bash -c -e`, 'bash -c -e', 'bash: -c: option requires an argument'],
  ];
  for (const [line, command, printed] of missingScripts) {
    it(`${line}: no script, build fails`, async () => {
      const analysis = await run(line);
      assert.deepEqual(errorsOf(analysis), [rejected(command, printed, 'The -c option takes the first word after the options as the script, and none follows.')]);
    });
  }

  // `-o` takes the quoted text as its option's name, which dash, bash and ash all reject, so no script runs.
  it('-o before the script: no script runs', async () => {
    const analysis = await run(`RUN bash -c -o 'touch /a'; touch /z`);
    assert.deepEqual(errorsOf(analysis), []);
    assert.deepEqual(changesAt(analysis, 2), ['/z added file']);
    assert.equal(stepAt(analysis, 2).certainty, 'exact');
  });
});

describe('options that dash rejects', () => {
  after(removeContexts);

  function runOnDash(lines: string): Promise<Analysis> {
    return predict(`FROM bash-dash\n${lines}\n`, {}, { images: (reference) => (reference === 'bash-dash' ? bashAndDashImage : undefined) });
  }

  // dash 0.5.12 has no pipefail: `dash -o pipefail -c 'echo'` printed "dash: 0: Illegal option -o pipefail".
  it('SHELL /bin/sh -o pipefail: build fails', async () => {
    const analysis = await runOnDash('SHELL ["/bin/sh", "-o", "pipefail", "-c"]\nRUN echo a > /a');
    assert.deepEqual(errorsOf(analysis), [rejected('/bin/sh -o pipefail -c', '/bin/sh: 0: Illegal option -o pipefail', bashHint)]);
    assert.deepEqual(changesAt(analysis, 3), []);
  });

  it('sh -c -O under dash: nested shell fails', async () => {
    const analysis = await runOnDash(`RUN sh -c -O extglob 'echo a > /a'; echo z > /z`);
    assert.deepEqual(errorsOf(analysis), []);
    assert.deepEqual(changesAt(analysis, 2), ['/z added file']);
  });

  it('bash -o pipefail under dash: runs', async () => {
    const analysis = await runOnDash(`RUN bash -o pipefail -c 'echo a > /a'`);
    assert.deepEqual(errorsOf(analysis), []);
    assert.deepEqual(changesAt(analysis, 2), ['/a added file']);
  });
});
