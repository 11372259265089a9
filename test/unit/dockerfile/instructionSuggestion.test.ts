import * as assert from 'node:assert/strict';
import type { Analysis } from '../../../src/core/analysis/types';
import type { BuilderKind } from '../../../src/core/dockerfile/builders';
import { closeInstructions } from '../../../src/core/dockerfile/instructionNames';
import { predict, removeContexts } from '../predict/helpers';

/** Returns the message of the one error on line 2. */
function lineTwoError(analysis: Analysis): string {
  const errors = analysis.problems.filter((problem) => problem.line === 2 && problem.severity === 'error');
  assert.equal(errors.length, 1, JSON.stringify(analysis.problems));
  return errors[0].message;
}

describe('unknown instruction suggestion', () => {
  after(removeContexts);

  const cases: Array<[string, string[]]> = [
    ['RUNN', ['RUN']],
    ['RU', ['RUN']],
    ['RNU', ['RUN']],
    ['RUM', ['RUN']],
    ['CPOY', ['COPY']],
    ['WORKDR', ['WORKDIR']],
    ['ENTRYPIONT', ['ENTRYPOINT']],
    ['ARD', ['ADD', 'ARG']],
    ['RUNNN', []],
    ['NUR', []],
    ['INSTALL', []],
  ];
  for (const [keyword, expected] of cases) {
    it(`${keyword} is close to ${expected.join(', ') || 'nothing'}`, () => {
      assert.deepEqual(closeInstructions(keyword), expected);
    });
  }

  for (const builder of ['buildkit', 'classic', 'buildah'] as BuilderKind[]) {
    it(`RUNN under ${builder} suggests RUN`, async () => {
      const analysis = await predict('FROM shell-only\nRUNN echo built > /build.txt\n', {}, { builder });
      assert.match(lineTwoError(analysis), /^Unknown instruction "RUNN" \(did you mean RUN\?\)\. /);
    });
  }

  it('ARD suggests ADD or ARG', async () => {
    const analysis = await predict('FROM scratch\nARD x\n');
    assert.match(lineTwoError(analysis), /^Unknown instruction "ARD" \(did you mean ADD or ARG\?\)\. /);
  });

  it('far keyword gets no suggestion', async () => {
    const analysis = await predict('FROM scratch\nINSTALL curl\n');
    assert.match(lineTwoError(analysis), /^Unknown instruction "INSTALL"\. /);
  });
});
