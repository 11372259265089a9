/**
 * `set -u` on the variables that a builder or the shell may set. The BusyBox cases are what a
 * RUN printed under the classic builder and buildah 1.28.2: HOSTNAME, PPID, OPTIND, PS1, PS2,
 * PS4, LINENO, RANDOM, SHLVL, HOME and PWD were set, and the others unset. The bash and dash cases
 * are what bash 5.2.15 and dash 0.5.12 set for themselves, run with `env -i`.
 */
import * as assert from 'node:assert/strict';
import type { Analysis } from '../../../../src/core/analysis/types';
import type { KnownImage } from '../../../../src/core/predict/baseImage';
import { predict, removeContexts } from '../helpers';
import { readBusyboxImage, shellImages, textAt } from './realShells';

function errorsOn(analysis: Analysis, line: number): string[] {
  return analysis.problems.filter((problem) => problem.line === line && problem.severity === 'error').map((problem) => problem.message);
}

describe('set -u on variables the builder or shell may set', () => {
  let busybox: KnownImage;
  before(async () => {
    busybox = await readBusyboxImage();
  });
  after(removeContexts);

  async function run(from: string, line: string): Promise<Analysis> {
    return predict(`FROM ${from}\n${line}\n`, {}, { builder: 'classic', images: shellImages(busybox) });
  }

  const unsetInBusybox = ['TERM', 'container', 'SECONDS', 'OLDPWD', 'UID', 'EUID', 'HOSTTYPE', 'ENV', 'MAIL', 'SHELL', 'USER', 'LOGNAME', 'COLUMNS', 'LINES', 'HISTFILE'];
  for (const name of unsetInBusybox) {
    it(`BusyBox ash, $${name}: fails`, async () => {
      const analysis = await run('busybox-local:2', `RUN set -u; echo "t=$${name}" > /t`);
      const errors = errorsOn(analysis, 2);
      assert.equal(errors.length, 1);
      assert.ok(errors[0].includes(`(/bin/sh: ${name}: parameter not set)`), errors[0]);
      assert.equal(analysis.steps[1].failed, true);
    });
  }

  it('BusyBox ash, the set ones: go on', async () => {
    const names = ['HOSTNAME', 'PPID', 'OPTIND', 'PS1', 'PS2', 'PS4', 'LINENO', 'RANDOM', 'SHLVL', 'HOME', 'PWD'];
    const analysis = await run('busybox-local:2', `RUN set -u; echo "${names.map((name) => `$${name}`).join(' ')}" > /t`);
    assert.deepEqual(errorsOn(analysis, 2), []);
    assert.ok(analysis.stack.lookup('/t'), 'the RUN writes /t');
  });

  it('OLDPWD after a cd: goes on', async () => {
    const analysis = await run('busybox-local:2', 'RUN set -u; cd /tmp && echo "$OLDPWD" > /t');
    assert.deepEqual(errorsOn(analysis, 2), []);
    assert.equal(textAt(analysis, '/t'), '/\n');
  });

  const bash: Array<[string, boolean]> = [
    ['TERM', true], ['SHELL', true], ['UID', true], ['BASH_VERSION', true], ['USER', false], ['PS1', false],
  ];
  for (const [name, set] of bash) {
    it(`bash, $${name}: ${set ? 'goes on' : 'fails'}`, async () => {
      const analysis = await run('bash-dash', `SHELL ["/bin/bash", "-c"]\nRUN set -u; echo "$${name}" > /t`);
      const errors = errorsOn(analysis, 3);
      if (set) assert.deepEqual(errors, []);
      else assert.ok(errors[0]?.includes(`(/bin/bash: line 1: ${name}: unbound variable)`), errors.join('\n'));
    });
  }

  const dash: Array<[string, boolean]> = [['PPID', true], ['PS1', true], ['HOSTNAME', true], ['TERM', false], ['LINENO', false], ['BASH_VERSION', false]];
  for (const [name, set] of dash) {
    it(`dash, $${name}: ${set ? 'goes on' : 'fails'}`, async () => {
      const analysis = await run('bash-dash', `RUN set -u; echo "$${name}" > /t`);
      const errors = errorsOn(analysis, 2);
      if (set) assert.deepEqual(errors, []);
      else assert.ok(errors[0]?.includes(`(/bin/sh: 1: ${name}: parameter not set)`), errors.join('\n'));
    });
  }
});
