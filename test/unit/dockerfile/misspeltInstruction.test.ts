import * as assert from 'node:assert/strict';
import { predictedWithoutCause } from '../../../src/core/analysis/notReached';
import type { Analysis } from '../../../src/core/analysis/types';
import type { BuilderKind } from '../../../src/core/dockerfile/builders';
import { changesAt, predict, removeContexts, stepAt } from '../predict/helpers';
import { marks } from './stepMarks';

/** Returns the messages of the errors on `line`. */
function errorsAt(analysis: Analysis, line: number): string[] {
  return analysis.problems.filter((problem) => problem.line === line && problem.severity === 'error').map((problem) => problem.message);
}

/** The hedge that a step error below a rejected line gets when the prediction leaves that line out. */
const hedge = /unless line 2 itself is what it needs: the prediction reads the Dockerfile without that line\.$/;

describe('misspelt instruction read as its correction', () => {
  after(removeContexts);

  for (const builder of ['buildkit', 'classic', 'buildah'] as BuilderKind[]) {
    it(`WORKDIRR /app, COPY a.txt . under ${builder}`, async () => {
      const analysis = await predict('FROM shell-only\nWORKDIRR /app\nCOPY a.txt .\n', { 'a.txt': 'a\n' }, { builder });
      assert.ok(changesAt(analysis, 3).includes('/app/a.txt added file'), JSON.stringify(changesAt(analysis, 3)));
      assert.equal(stepAt(analysis, 2).instruction, 'WORKDIRR');
      assert.equal(stepAt(analysis, 2).failed, true);
      assert.equal(stepAt(analysis, 3).notReached?.line, 2);
      assert.equal(predictedWithoutCause(analysis, stepAt(analysis, 3)), false);
    });
  }

  it('WORKDIRR keeps the build rejected', async () => {
    const analysis = await predict('FROM shell-only\nWORKDIRR /app\nCOPY a.txt .\n', { 'a.txt': 'a\n' });
    assert.deepEqual(marks(analysis.steps), ['1>2R', '2FR', '3>2R']);
  });

  it('ENVV DIR=/opt/app, RUN writes $DIR/f', async () => {
    const analysis = await predict('FROM shell-only\nENVV DIR=/opt/app\nRUN mkdir -p $DIR && echo 1 > $DIR/f\n');
    assert.deepEqual(errorsAt(analysis, 3), []);
    assert.ok(changesAt(analysis, 3).includes('/opt/app/f added file'), JSON.stringify(changesAt(analysis, 3)));
  });

  it('COPYY a.txt /a.txt, RUN cat /a.txt', async () => {
    // The corrected COPY keeps its layer, so the RUN finds the file.
    const analysis = await predict('FROM shell-only\nCOPYY a.txt /a.txt\nRUN cat /a.txt > /b.txt\n', { 'a.txt': 'a\n' });
    assert.deepEqual(errorsAt(analysis, 3), []);
    assert.deepEqual(changesAt(analysis, 2), ['/a.txt added file']);
  });

  it('rejection names the reading', async () => {
    const analysis = await predict('FROM shell-only\nWORKDIRR /app\n');
    assert.deepEqual(errorsAt(analysis, 2), [
      'Unknown instruction "WORKDIRR" (did you mean WORKDIR?). The builder rejects the whole Dockerfile on it ("unknown instruction: WORKDIRR"), so no step runs. Check its spelling. The prediction reads this line as WORKDIR.',
    ]);
  });

  it('step error below gets no hedge', async () => {
    const analysis = await predict('FROM shell-only\nWORKDIRR /app\nCOPY missing.txt m.txt\n');
    const [message] = errorsAt(analysis, 3);
    assert.ok(message.endsWith('This step would fail once line 2 is fixed.'), message);
  });

  it('unknown flag: line left out, hedge kept', async () => {
    // --src is no edit away from a flag of COPY, so it has no correction.
    const analysis = await predict('FROM shell-only\nCOPY --src=x a.txt /a.txt\nRUN cat /a.txt > /b.txt\n', { 'a.txt': 'a\n' });
    assert.deepEqual(changesAt(analysis, 2), []);
    const [message] = errorsAt(analysis, 3);
    assert.match(message, hedge);
    assert.equal(predictedWithoutCause(analysis, stepAt(analysis, 3)), true);
  });

  it('ARD, two suggestions: line left out', async () => {
    const analysis = await predict('FROM shell-only\nARD DIR=/opt\nCOPY missing.txt m.txt\n');
    assert.match(errorsAt(analysis, 2)[0], /The other lines are analysed as though this one were absent\.$/);
    assert.match(errorsAt(analysis, 3)[0], hedge);
  });

  it('FROB x is not read as FROM', async () => {
    // A FROM would start a new stage, so the analysed stage stays the first one.
    const analysis = await predict('FROM shell-only\nFROB x\nCOPY missing.txt m.txt\n');
    assert.equal(analysis.stages.length, 1);
    assert.match(errorsAt(analysis, 2)[0], /^Unknown instruction "FROB" \(did you mean FROM\?\)\. .* The other lines are analysed as though this one were absent\.$/);
    assert.match(errorsAt(analysis, 3)[0], hedge);
  });
});
