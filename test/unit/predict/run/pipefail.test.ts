/**
 * `set -o pipefail`: a pipeline's status is that of its last command that failed. Each
 * expectation is what bash 5.2.15 and BusyBox 1.35 ash (`busybox sh`) did with the same script.
 * There `false | true` gave 1 and `(exit 3) | (exit 5) | true` gave 5. Under `-e` such a pipeline
 * stopped the script, except after `!` or on the left of `||`. A nested shell starts without it.
 * The cases on `mksh` check that a shell of unknown kind gets estimated results, not measured ones.
 */
import * as assert from 'node:assert/strict';
import type { KnownImage } from '../../../../src/core/predict/baseImage';
import { changesAt, predict, removeContexts, stepAt } from '../helpers';
import { certaintyOf, errorsOf, failedRun, predictOnShell, readBusyboxImage, textAt } from './realShells';

const falseFailure = 'This RUN ends with a non-zero exit status because "false" fails, so the build fails on this line.';
const bashPipefail = 'SHELL ["/bin/bash", "-eo", "pipefail", "-c"]';
const ashPipefail = 'SHELL ["/bin/sh", "-eo", "pipefail", "-c"]';

describe('set -o pipefail', () => {
  let busybox: KnownImage;
  before(async () => {
    busybox = await readBusyboxImage();
  });
  after(removeContexts);

  const cases: Array<{ base: string; lines: string; errors: string[]; changes: string[]; certainty: string; st?: string }> = [
    // With -e, the failing `false` stops the script, from the SHELL, `set` or a nested shell's options.
    { base: 'bash-dash', lines: `${bashPipefail}\nRUN false | true; echo x > /a`, errors: [falseFailure], changes: [], certainty: 'exact' },
    { base: 'bash-dash', lines: 'SHELL ["/bin/bash", "--noprofile", "--norc", "-eo", "pipefail", "-c"]\nRUN false | true', errors: [falseFailure], changes: [], certainty: 'exact' },
    { base: 'bash-dash', lines: 'SHELL ["/bin/bash", "-c"]\nRUN set -eo pipefail; true | false | true; echo x > /a', errors: [falseFailure], changes: [], certainty: 'exact' },
    { base: 'bash-dash', lines: `RUN bash --norc -eo pipefail -c 'false | true; echo x > /a'; echo x > /z`, errors: [], changes: ['/z added file'], certainty: 'exact' },
    { base: 'busybox-local:2', lines: `${ashPipefail}\nRUN false | true; touch /a`, errors: [falseFailure], changes: [], certainty: 'exact' },
    { base: 'busybox-local:2', lines: 'RUN set -eo pipefail; true | false; touch /a', errors: [falseFailure], changes: [], certainty: 'exact' },
    // `!`, `||` and `if` take the failure as a condition, and `set +o pipefail` turns it off.
    { base: 'bash-dash', lines: `${bashPipefail}\nRUN ! false | true; echo x > /a`, errors: [], changes: ['/a added file'], certainty: 'exact' },
    { base: 'busybox-local:2', lines: `${ashPipefail}\nRUN false | true || touch /a`, errors: [], changes: ['/a added file'], certainty: 'exact' },
    { base: 'busybox-local:2', lines: `${ashPipefail}\nRUN if false | true; then touch /t; else touch /e; fi`, errors: [], changes: ['/e added file'], certainty: 'exact' },
    { base: 'bash-dash', lines: `${bashPipefail}\nRUN set +o pipefail; false | true; echo x > /a`, errors: [], changes: ['/a added file'], certainty: 'exact' },
    // `$?` is the status of the last command that failed.
    { base: 'bash-dash', lines: 'SHELL ["/bin/bash", "-o", "pipefail", "-c"]\nRUN false | true; echo $? > /st', errors: [], changes: ['/st added file'], certainty: 'exact', st: '1\n' },
    { base: 'busybox-local:2', lines: 'RUN set -o pipefail; (exit 3) | (exit 5) | true; echo $? > /st', errors: [], changes: ['/st added file'], certainty: 'exact', st: '5\n' },
    { base: 'bash-dash', lines: `${bashPipefail}\nRUN bash -c 'false | true; echo $? > /st'`, errors: [], changes: ['/st added file'], certainty: 'exact', st: '0\n' },
    // A guessed status decides only where no later command surely failed: wget's is a guess.
    { base: 'busybox-local:2', lines: `${ashPipefail}\nRUN wget -q -O - http://h/x | true; touch /a`, errors: [], changes: ['/a added file'], certainty: 'estimated' },
    { base: 'busybox-local:2', lines: `${ashPipefail}\nRUN false | wget -q -O /w http://h/x; touch /a`, errors: [falseFailure], changes: [], certainty: 'exact' },
    // mksh is a shell of unknown kind here. It may lack pipefail as dash does, so what follows is estimated and a status that pipefail decides is a guess.
    { base: 'mksh', lines: 'RUN set -o pipefail; false | true; echo x > /a', errors: [], changes: ['/a added file'], certainty: 'estimated' },
    { base: 'mksh', lines: 'RUN set -eo pipefail; false | true; echo x > /a', errors: [], changes: [], certainty: 'estimated' },
    { base: 'mksh', lines: 'SHELL ["/bin/sh", "-o", "pipefail", "-c"]\nRUN false | true; echo x > /a', errors: [], changes: ['/a added file'], certainty: 'estimated' },
    { base: 'mksh', lines: `RUN sh -o pipefail -c 'false | true' || echo x > /a`, errors: [], changes: ['/a added file'], certainty: 'estimated' },
    { base: 'mksh', lines: 'RUN set -o pipefail; true | false; echo $? > /st', errors: [], changes: ['/st added file'], certainty: 'estimated', st: '1\n' },
    // Options that dash, bash and BusyBox ash all take stay exact.
    { base: 'mksh', lines: 'RUN set -o errexit; false; echo x > /a', errors: [falseFailure], changes: [], certainty: 'exact' },
    // dash has no pipefail.
    { base: 'bash-dash', lines: 'RUN set -o pipefail; false | true', errors: [failedRun('set -o pipefail', '/bin/sh: 1: set: Illegal option -o pipefail', 'bash has more -o names, such as pipefail. Run the script with bash, or drop the option.')], changes: [], certainty: 'exact' },
  ];
  for (const { base, lines, errors, changes, certainty, st } of cases) {
    it(`${base}, ${lines.replace('\n', ' ')}`, async () => {
      const { analysis, line } = await predictOnShell(busybox, base, lines);
      assert.deepEqual(errorsOf(analysis), errors);
      assert.deepEqual(changesAt(analysis, line), changes);
      assert.equal(stepAt(analysis, line).certainty, certainty);
      if (st !== undefined) assert.equal(textAt(analysis, '/st'), st);
    });
  }

  // A program named bash in an unread base image is taken to take bash's options.
  it('unread base, bash pipefail exact', async () => {
    const analysis = await predict('FROM debian\nSHELL ["/bin/bash", "-eo", "pipefail", "-c"]\nRUN false | true\n');
    assert.deepEqual(errorsOf(analysis), [falseFailure]);
    assert.deepEqual(stepAt(analysis, 3).notes, []);
  });

  it('unknown shell, pipefail status guessed', async () => {
    const { analysis, line } = await predictOnShell(busybox, 'mksh', 'RUN set -o pipefail; false | true; echo $? > /st');
    assert.equal(certaintyOf(analysis, '/st'), 'estimated');
    assert.equal(
      stepAt(analysis, line).notes[0],
      '"set -o pipefail" runs in a shell of unknown kind, and dash, bash and BusyBox ash do not all take -o pipefail. The prediction takes the shell to accept it, so what follows is estimated.',
    );
  });
});
