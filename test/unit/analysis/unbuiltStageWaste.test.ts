import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { analyze } from '../../../src/core/analysis/analyze';
import { IncrementalPredictions } from '../../../src/core/analysis/incremental';
import type { Analysis } from '../../../src/core/analysis/types';
import { walkContext } from '../../../src/core/context/walk';

// A stage `build`, then a stage `runtime` whose RUN on line 6 deletes big.txt, which line 5 copied.
const root = resolve(__dirname, '../../fixtures/unbuilt-stage-waste');
const dockerfilePath = join(root, 'Dockerfile');
const text = readFileSync(dockerfilePath, 'utf8');

/** Returns the messages of the problems on the RUN of line 6, which the editor publishes as diagnostics. */
function runProblems(analysis: Analysis): string[] {
  return analysis.problems.filter((problem) => problem.line === 6).map((problem) => problem.message);
}

describe('waste hints of unbuilt stages', () => {
  for (const builder of ['classic', 'buildkit', 'buildah'] as const) {
    it(`${builder}, target build skips runtime`, async () => {
      const analysis = await analyze({ dockerfilePath, text, builder, target: 'build' });
      assert.equal(analysis.stageBuilds?.[1]?.built, false);
      assert.deepEqual(runProblems(analysis), []);
    });
  }

  it('target runtime keeps the hint', async () => {
    const analysis = await analyze({ dockerfilePath, text });
    assert.equal(runProblems(analysis).length, 1);
    assert.match(runProblems(analysis)[0], /^This RUN deletes \/srv\/big\.txt, written by line 5 \(COPY\)\./);
  });

  it('another target drops a kept hint', async () => {
    const incremental = new IncrementalPredictions();
    // The same walked context, so that the later runs may keep the earlier runs' predictions.
    const context = await walkContext(root, { dockerfilePath });
    const input = { dockerfilePath, text, context, incremental };
    assert.equal(runProblems(await analyze(input)).length, 1);
    assert.deepEqual(runProblems(await analyze({ ...input, target: 'build' })), []);
    assert.equal(runProblems(await analyze(input)).length, 1);
  });

  it('classic builder, an earlier target drops a kept hint', async () => {
    // three.Dockerfile: stages `first`, `waste` (whose RUN on line 6 deletes big.txt) and `last`.
    // The classic builder builds `waste` for the target `last` but not for `first`, and `waste`
    // is outside the target's chain either way.
    const threePath = join(root, 'three.Dockerfile');
    const incremental = new IncrementalPredictions();
    const context = await walkContext(root, { dockerfilePath: threePath });
    const input = { dockerfilePath: threePath, text: readFileSync(threePath, 'utf8'), context, incremental, builder: 'classic' as const };
    assert.equal(runProblems(await analyze(input)).length, 1);
    assert.deepEqual(runProblems(await analyze({ ...input, target: 'first' })), []);
    assert.equal(runProblems(await analyze(input)).length, 1);
  });
});
