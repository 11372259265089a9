/**
 * `set -u` and `-u` in a SHELL's words: expanding a variable that is surely unset makes the shell
 * print "/bin/sh: NAME: parameter not set" and exit with status 2, as BusyBox 1.35 ash does
 * (dash 0.5.12 adds the line number after `$0`). bash 5.2 prints "/bin/bash: line 1: NAME:
 * unbound variable" and exits with status 127.
 */
import * as assert from 'node:assert/strict';
import type { Analysis } from '../../../../src/core/analysis/types';
import type { KnownImage } from '../../../../src/core/predict/baseImage';
import { defaultPath } from '../../../../src/core/predict/run/script';
import { folderEntry, linkEntry, predict, programEntry, removeContexts } from '../helpers';

/** BusyBox as /bin/sh, with a read configuration, so the RUN's environment is known. */
const busyboxImage: KnownImage = {
  layer: { entries: [folderEntry('/bin'), programEntry('/bin/busybox'), ...['sh', 'echo'].map((name) => linkEntry(`/bin/${name}`, 'busybox'))], certainty: 'exact' },
  config: { env: new Map([['PATH', defaultPath]]) },
};

/** bash at /bin/bash and dash as /bin/sh, with a read configuration. */
const bashImage: KnownImage = {
  layer: { entries: [folderEntry('/bin'), programEntry('/bin/bash'), programEntry('/bin/dash'), linkEntry('/bin/sh', 'dash')], certainty: 'exact' },
  config: { env: new Map([['PATH', defaultPath]]) },
};

function run(dockerfile: string): Promise<Analysis> {
  const images: Record<string, KnownImage> = { busybox: busyboxImage, bash: bashImage };
  return predict(dockerfile, {}, { images: (reference) => images[reference] });
}

function errorsOn(analysis: Analysis, line: number): string[] {
  return analysis.problems.filter((problem) => problem.line === line && problem.severity === 'error').map((problem) => problem.message);
}

describe('set -u and SHELL -u', () => {
  after(removeContexts);

  const failing: Array<[string, string]> = [
    ['SHELL ["/bin/sh", "-euc"]', 'RUN echo "[$UNSETVAR]" > /u.txt'],
    ['ENV A=1', 'RUN set -u; echo "[$UNSETVAR]" > /u.txt'],
    ['ENV A=1', 'RUN set -o nounset; echo "[${UNSETVAR}]" > /u.txt || true'],
  ];
  for (const [setup, line] of failing) {
    it(`${setup}, ${line}: fails`, async () => {
      const analysis = await run(`FROM busybox\n${setup}\n${line}\n`);
      const errors = errorsOn(analysis, 3);
      assert.equal(errors.length, 1);
      assert.match(errors[0], /\/bin\/sh: UNSETVAR: parameter not set/);
    });
  }

  const going: Array<[string, string]> = [
    ['ENV A=1', 'RUN echo "[$UNSETVAR]" > /u.txt'],
    ['ENV A=1', 'RUN set -u; echo "[${UNSETVAR-x}] $A $HOME" > /u.txt'],
    ['ENV A=1', 'RUN set -u; B=1 C=$B; echo "$C" > /u.txt'],
    ['ENV A=1', 'RUN set -u; read -r V < /dev/null; echo "$V" > /u.txt'],
    ['ENV A=1', 'RUN set -u; sh -c \'echo "$UNSETVAR"\' > /u.txt'],
    ['ENV A=1', 'RUN set -u; set +u; echo "$UNSETVAR" > /u.txt'],
    // The builder or BusyBox ash sets these.
    ['ENV A=1', 'RUN set -u; echo "$HOSTNAME $PPID $RANDOM" > /u.txt'],
  ];
  for (const [setup, line] of going) {
    it(`${setup}, ${line}: goes on`, async () => {
      const analysis = await run(`FROM busybox\n${setup}\n${line}\n`);
      assert.deepEqual(errorsOn(analysis, 3), []);
    });
  }

  const bashFailing: Array<[string, string, string]> = [
    ['SHELL ["/bin/bash", "-uc"]', 'RUN echo a; echo "[$UNSETVAR]" > /u.txt', '/bin/bash: line 1: UNSETVAR: unbound variable'],
    ['SHELL ["/bin/bash", "-c"]', 'RUN set -u\\\n  && echo "[$UNSETVAR]" > /u.txt', '/bin/bash: line 1: UNSETVAR: unbound variable'],
    ['ENV A=1', 'RUN set -e; bash -euc \'echo "[$UNSETVAR]"\'', 'bash: line 1: UNSETVAR: unbound variable'],
    ['ENV A=1', 'RUN set -u; echo "[$UNSETVAR]" > /u.txt', '/bin/sh: 1: UNSETVAR: parameter not set'],
  ];
  for (const [setup, line, printed] of bashFailing) {
    it(`bash image, ${setup}, ${line}: fails`, async () => {
      const analysis = await run(`FROM bash\n${setup}\n${line}\n`);
      const errors = errorsOn(analysis, 3);
      assert.equal(errors.length, 1);
      assert.ok(errors[0].includes(`(${printed})`), errors[0]);
    });
  }

  it('unread base image: no failure', async () => {
    const analysis = await predict('FROM debian\nRUN set -u; echo "[$UNSETVAR]" > /u.txt\n');
    assert.deepEqual(errorsOn(analysis, 2), []);
  });
});
