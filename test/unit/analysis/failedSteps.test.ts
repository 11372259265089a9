import * as assert from 'node:assert/strict';
import { join } from 'node:path';
import { analyze } from '../../../src/core/analysis/analyze';
import type { Analysis } from '../../../src/core/analysis/types';
import { makeContext, predict, removeContexts } from '../predict/helpers';

/** Lists whether each step of the target's chain failed. */
function failedFlags(analysis: Analysis): boolean[] {
  return analysis.steps.map((step) => step.failed ?? false);
}

describe('failed steps on line 1', () => {
  after(removeContexts);

  const unknownFlag = 'FROM --bogus=1 alpine:3.20\nRUN true';
  it(unknownFlag.replace(/\n/g, ' | '), async () => {
    const analysis = await predict(unknownFlag);
    assert.deepEqual(failedFlags(analysis), [true, false]);
    assert.equal(analysis.steps[0].emptyLayer, true);
    assert.equal(analysis.stack.layers[0].entries.length, 0, 'a failed FROM keeps no base image layer');
  });

  const noImage = 'FROM\nRUN true';
  it(noImage.replace(/\n/g, ' | '), async () => {
    const analysis = await predict(noImage);
    assert.equal(analysis.steps[0].failed, true);
  });
});

describe('whole-build problems mark no step', () => {
  after(removeContexts);

  const text = 'FROM alpine:3.20\nRUN true';

  it('unknown --target', async () => {
    const analysis = await predict(text, {}, { target: 'nope' });
    assert.equal(analysis.problems.length, 1);
    assert.equal(analysis.problems[0].severity, 'error');
    assert.equal(analysis.problems[0].scope, 'build');
    assert.deepEqual(failedFlags(analysis), [false, false]);
    assert.notEqual(analysis.stack.layers[0].entries.length, 0, 'the FROM keeps its base image layer');
  });

  it('invalid --platform', async () => {
    const root = makeContext({ Dockerfile: text });
    const analysis = await analyze({ dockerfilePath: join(root, 'Dockerfile'), text, platform: 'linux' });
    assert.equal(analysis.problems.length, 1);
    assert.equal(analysis.problems[0].scope, 'build');
    assert.deepEqual(failedFlags(analysis), [false, false]);
  });
});
