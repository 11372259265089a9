/**
 * Options after `-c` (`sh -c -e 'script'`): the shell reads them as options, and the script is
 * the first word after them. Each expectation matches what dash 0.5.12, bash 5.2.15 and BusyBox
 * 1.35 ash did with the same command.
 */
import * as assert from 'node:assert/strict';
import type { Analysis } from '../../../../src/core/analysis/types';
import type { KnownImage } from '../../../../src/core/predict/baseImage';
import { defaultPath } from '../../../../src/core/predict/run/script';
import { changesAt, folderEntry, linkEntry, predict, programEntry, removeContexts } from '../helpers';
import { errorsOf, textAt } from './realShells';

/** BusyBox as /bin/sh and touch, and bash, with PATH set, so a command that PATH does not find surely fails. */
const image: KnownImage = {
  layer: { entries: [folderEntry('/bin'), programEntry('/bin/busybox'), linkEntry('/bin/sh', 'busybox'), linkEntry('/bin/touch', 'busybox'), programEntry('/bin/bash')], certainty: 'exact' },
  config: { env: new Map([['PATH', defaultPath]]) },
};

/** Predicts the Dockerfile lines after `FROM busybox`. */
function run(lines: string): Promise<Analysis> {
  return predict(`FROM busybox\n${lines}\n`, {}, { images: (reference) => (reference === 'busybox' ? image : undefined) });
}

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

  // `-o` takes the quoted text as its option's name, which dash, bash and ash all reject, so no script runs.
  it('-o before the script: no script runs', async () => {
    const analysis = await run(`RUN bash -c -o 'touch /a'; touch /z`);
    assert.equal(analysis.stack.lookup('/a'), undefined);
  });
});
