import * as assert from 'node:assert/strict';
import type { Analysis, Problem } from '../../../src/core/analysis/types';
import { withSettingWarnings } from '../../../src/extension/settingProblems';

describe('withSettingWarnings', () => {
  const existing: Problem = { line: 3, endLine: 3, severity: 'error', message: 'Unknown instruction "RUNN".' };
  const analysis = { problems: [existing] } as unknown as Analysis;

  it('no warnings keep the analysis', () => {
    assert.equal(withSettingWarnings(analysis, []), analysis);
  });

  it('warnings go first, on line 1', () => {
    const result = withSettingWarnings(analysis, ['layerLens.builder "kaniko" is not one of buildkit, classic, buildah.']);
    assert.deepEqual(result.problems, [
      { line: 1, endLine: 1, severity: 'warning', scope: 'build', message: 'layerLens.builder "kaniko" is not one of buildkit, classic, buildah.' },
      existing,
    ]);
    assert.deepEqual(analysis.problems, [existing], 'the analysis itself is not changed');
  });
});
