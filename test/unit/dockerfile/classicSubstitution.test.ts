/** Variable forms that the classic builder of Docker Engine 20.10 lacks: each test name is the line. */
import * as assert from 'node:assert/strict';
import type { BuilderKind } from '../../../src/core/dockerfile/builders';
import { planBuild } from '../../../src/core/dockerfile/plan';

const header = 'ARG V=file.txt\nFROM scratch\nARG V=file.txt\nARG U=1000\n';

/** Returns the errors of the plan of the header and `line` (line 5) under `builder`. */
function errorsOf(line: string, builder: BuilderKind = 'classic'): string[] {
  return planBuild(`${header}${line}\n`, { builder }).problems.filter((problem) => problem.severity === 'error').map((problem) => `${problem.line}: ${problem.message}`);
}

/** Returns the error on `line` for the word `word` that the classic builder fails to expand. */
function classicError(word: string, line = 5): string {
  return `${line}: The build fails here: the classic builder of Docker Engine 20.10 reads only the $v, \${v}, \${v:-w}, \${v:+w}, \${v:?m} and \${v?m} forms of variables ("failed to process ${JSON.stringify(word)}: missing ':' in substitution"). Choose another builder or rewrite the line.`;
}

describe('variable forms under the classic builder', () => {
  // The lines of a real build, which Docker Engine 20.10.24 failed with this error.
  it('COPY f.txt /a/${NAME%.txt}', () => {
    const plan = planBuild('FROM scratch\nARG NAME=file.txt\nCOPY f.txt /a/${NAME%.txt}\n', { builder: 'classic' });
    assert.deepEqual(plan.problems.map((problem) => `${problem.line}: ${problem.message}`), [classicError('/a/${NAME%.txt}', 3)]);
  });

  const failing: Array<[string, string]> = [
    ['COPY f.txt /b/${V-unset}', '/b/${V-unset}'],
    ['COPY f.txt /b/${V+set}', '/b/${V+set}'],
    ['COPY f.txt /b/${V#file}', '/b/${V#file}'],
    ['COPY f.txt /b/${V/file/x}', '/b/${V/file/x}'],
    ['COPY ["f.txt", "/b/${V%%.*}"]', '/b/${V%%.*}'],
    ['COPY --chown=${U-0} f.txt /b/', '${U-0}'],
    ['ADD f.txt "/b/${V%.txt}"', '"/b/${V%.txt}"'],
    ['ENV A=1 B=${V%.txt}', '${V%.txt}'],
    ['ENV B ${V%.txt} more', '${V%.txt} more'],
    ['LABEL name="${V%.txt}"', '"${V%.txt}"'],
    ['ARG B=${V%.txt}', '${V%.txt}'],
    ['WORKDIR /w/${V%.txt}', '/w/${V%.txt}'],
    ['USER ${U-1000}', '${U-1000}'],
    ['VOLUME /data /v/${V%.txt}', '/v/${V%.txt}'],
    ['COPY f.txt /b/${V:-${U%0}}', '/b/${V:-${U%0}}'],
  ];
  for (const [line, word] of failing) {
    it(line, () => {
      assert.deepEqual(errorsOf(line), [classicError(word)]);
    });
  }

  it('FROM base:${V%.txt} with a global ARG', () => {
    const plan = planBuild('ARG V=1.txt\nFROM base:${V%.txt}\n', { builder: 'classic' });
    assert.deepEqual(plan.problems.map((problem) => problem.line), [2]);
    assert.match(plan.problems[0].message, /\("failed to process "base:\$\{V%\.txt\}": missing ':' in substitution"\)/);
  });

  const accepted = [
    'COPY f.txt /b/$V',
    'COPY f.txt /b/${V}',
    'COPY f.txt /b/${V:-x}',
    'COPY f.txt /b/${V:+x}',
    'COPY f.txt /b/${V?set}',
    'COPY f.txt /b/${V:?set}',
    'COPY f.txt /b/$#x',
    "ENV B='${V%.txt}'",
    'ENV B=\\${V%.txt}',
    'ENV B="\\${V%.txt}"',
    'RUN echo ${V%.txt}',
    'CMD echo ${V%.txt}',
  ];
  for (const line of accepted) {
    it(line, () => {
      assert.deepEqual(errorsOf(line), []);
    });
  }

  it('BuildKit and buildah lines are left alone', () => {
    for (const builder of ['buildkit', 'buildah'] as const) assert.deepEqual(errorsOf('COPY f.txt /a/${V%.txt}', builder), [], builder);
  });
});
