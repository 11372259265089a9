import * as assert from 'node:assert/strict';
import { stageProblemsPanelData } from './panelData';

describe('panel problem counts', () => {
  it('hint of another stage', async () => {
    const data = await stageProblemsPanelData(0);
    assert.equal(data.stage, 0);
    assert.equal(data.problemCount, 1);
    assert.equal(data.stageProblemCount, 0);
  });

  it('hint of the stage shown', async () => {
    const data = await stageProblemsPanelData(1);
    assert.equal(data.stage, 1);
    assert.equal(data.problemCount, 1);
    assert.equal(data.stageProblemCount, 1);
    assert.equal(data.contextProblemCount, 0);
  });
});
