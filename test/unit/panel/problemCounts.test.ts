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

  it('waste hints hidden by the setting', async () => {
    // As `shownProblemFilter` reads `layerLens.wasteHints: false`.
    const data = await stageProblemsPanelData(1, (problem) => problem.kind !== 'waste');
    assert.equal(data.problemCount, 0);
    assert.equal(data.stageProblemCount, 0);
  });
});
