import * as assert from 'node:assert/strict';
import { predictedWithoutCause } from '../../../src/core/analysis/notReached';
import type { Analysis } from '../../../src/core/analysis/types';
import type { BuilderKind } from '../../../src/core/dockerfile/builders';
import { closeFlags } from '../../../src/core/dockerfile/flags';
import { changesAt, predict, removeContexts, stepAt } from '../predict/helpers';
import { marks } from './stepMarks';

/** Returns the messages of the errors on `line`. */
function errorsAt(analysis: Analysis, line: number): string[] {
  return analysis.problems.filter((problem) => problem.line === line && problem.severity === 'error').map((problem) => problem.message);
}

/** A build stage that writes /out/f, and a COPY of it on line 4 with `flags`. */
const copyFromBuild = (flags: string) => `FROM shell-only AS build\nRUN mkdir /out && echo 1 > /out/f\nFROM shell-only\nCOPY ${flags} /out /srv/out\nRUN cat /srv/out/f > /srv/g\n`;

describe('misspelt flag read as its correction', () => {
  after(removeContexts);

  const cases: Array<[string, string, string[]]> = [
    ['COPY', 'frm', ['from']],
    ['COPY', 'chmd', ['chmod']],
    ['RUN', 'mont', ['mount']],
    ['ADD', 'chekcsum', ['checksum']],
    ['COPY', 'src', []],
    ['WORKDIR', 'frm', []],
  ];
  for (const [keyword, flag, expected] of cases) {
    it(`${keyword} --${flag} suggests ${expected.map((name) => `--${name}`).join(', ') || 'nothing'}`, () => {
      assert.deepEqual(closeFlags(keyword, flag), expected);
    });
  }

  it('COPY --frm=build suggests --from', async () => {
    const analysis = await predict(copyFromBuild('--frm=build'));
    assert.deepEqual(errorsAt(analysis, 4), [
      'COPY has no flag --frm (did you mean --from?). Check its spelling. The prediction reads it as --from. The builder rejects the whole Dockerfile on this line, so no step runs.',
    ]);
  });

  for (const builder of ['buildkit', 'classic', 'buildah'] as BuilderKind[]) {
    it(`COPY --frm=build reads stage build under ${builder}`, async () => {
      const analysis = await predict(copyFromBuild('--frm=build'), {}, { builder });
      // Without the correction, the COPY read /out from the build context, where it is missing.
      assert.equal(errorsAt(analysis, 4).length, 1, JSON.stringify(errorsAt(analysis, 4)));
      assert.ok(changesAt(analysis, 4).includes('/srv/out/f added file'), JSON.stringify(changesAt(analysis, 4)));
      assert.deepEqual(errorsAt(analysis, 5), []);
      assert.equal(stepAt(analysis, 4).failed, true);
      assert.equal(stepAt(analysis, 4).instruction, 'COPY');
      assert.equal(predictedWithoutCause(analysis, stepAt(analysis, 5)), false);
    });
  }

  it('COPY --frm=build keeps the build rejected', async () => {
    const analysis = await predict(copyFromBuild('--frm=build'));
    assert.deepEqual(marks(analysis.steps), ['3>4R', '4FR', '5>4R']);
  });

  it('COPPY --chmd: both read as corrected', async () => {
    const analysis = await predict('FROM shell-only\nCOPPY --chmd=600 a.txt /a.txt\n', { 'a.txt': 'a\n' });
    assert.deepEqual(errorsAt(analysis, 2), [
      'Unknown instruction "COPPY" (did you mean COPY?). The builder rejects the whole Dockerfile on it ("unknown instruction: COPPY"), so no step runs. Check its spelling. The prediction reads this line as COPY.',
      'COPY has no flag --chmd (did you mean --chmod?). Check its spelling. The prediction reads it as --chmod. The builder rejects the whole Dockerfile on this line, so no step runs.',
    ]);
    assert.deepEqual(changesAt(analysis, 2), ['/a.txt added file']);
  });

  it('--frm beside --from: line left out', async () => {
    // Reading --frm as --from would give the line two --from flags, which no fix of one typo gives.
    const analysis = await predict(copyFromBuild('--from=build --frm=build'));
    assert.match(errorsAt(analysis, 4)[0], /^COPY has no flag --frm \(did you mean --from\?\)\. Check its spelling\. The builder rejects/);
    assert.deepEqual(changesAt(analysis, 4), []);
  });
});
