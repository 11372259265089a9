import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { analyze } from '../../../src/core/analysis/analyze';
import { findStageStep } from '../../../src/core/analysis/stageViews';
import { RenderedHovers } from '../../../src/extension/hover/renderedHovers';
import { renderStepHover } from '../../../src/extension/hover/renderHover';
import { testImages } from '../predict/helpers';

const dockerfilePath = path.resolve(__dirname, '../../fixtures/hover/project/Dockerfile');

describe('rendered hovers', () => {
  it('renders a line once per analysis', async () => {
    const text = readFileSync(dockerfilePath, 'utf8');
    const first = await analyze({ dockerfilePath, text, images: testImages });
    const second = await analyze({ dockerfilePath, text, images: testImages });
    const hovers = new RenderedHovers();
    let renders = 0;
    const hover = (analysis: typeof first, line: number) =>
      hovers.get(analysis, line, () => {
        renders++;
        const found = findStageStep(analysis, line);
        assert.ok(found, `no step on line ${line}`);
        return renderStepHover(found.view, found.step, 'file:///hover/Dockerfile', analysis);
      });

    const rendered = hover(first, 13);
    assert.equal(hover(first, 13), rendered);
    assert.equal(renders, 1);
    // Another line, and a new analysis of the same text, are rendered anew.
    assert.notEqual(hover(first, 14), rendered);
    assert.equal(hover(second, 13), rendered);
    assert.equal(renders, 3);
  });
});
