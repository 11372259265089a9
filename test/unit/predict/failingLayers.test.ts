/** A step the build fails on writes nothing that later steps or the merged filesystem see. */
import * as assert from 'node:assert/strict';
import { changesAt, predict, removeContexts } from './helpers';

describe('layers of failing steps', () => {
  after(removeContexts);

  it('ARG V=axb\\nWORKDIR /w/${V/x}', async () => {
    const analysis = await predict('FROM scratch\nARG V=axb\nWORKDIR /w/${V/x}\nRUN echo hi > /hello\n');
    assert.deepEqual(changesAt(analysis, 3), []);
    assert.equal(analysis.stack.lookup('/w'), undefined);
    assert.deepEqual(analysis.problems.filter((problem) => problem.line === 3).map((problem) => problem.message), [
      'Invalid pattern in ${V/x}: missing / after the pattern, write ${V/PATTERN/TEXT}. The build fails on this line.',
    ]);
  });

  it('RUN <<EOT without its end line', async () => {
    const analysis = await predict('FROM scratch\nRUN <<EOT\necho one > /one\n');
    assert.deepEqual(changesAt(analysis, 2), []);
    assert.equal(analysis.stack.lookup('/one'), undefined);
  });

  it('FROBNICATE foo', async () => {
    const analysis = await predict('FROM scratch\nFROBNICATE foo\n');
    assert.deepEqual(analysis.problems.map((problem) => problem.message), [
      'Unknown instruction "FROBNICATE". The builder rejects the whole Dockerfile on it ("unknown instruction: FROBNICATE"), so no step runs. Check its spelling. The other lines are analysed as though this one were absent.',
    ]);
  });
});
