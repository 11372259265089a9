/**
 * Which layers an editor's analysis works out hover facts for. A hover of a line in the target's
 * chain reads the target's stack, and a hover of another stage's line reads that stage's own
 * layers, so the layers that a stage's stack pushes again from its parent need none.
 */
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { analyze } from '../../../src/core/analysis/analyze';
import { IncrementalPredictions } from '../../../src/core/analysis/incremental';
import { walkContext } from '../../../src/core/context/walk';
import { findStageStep } from '../../../src/core/analysis/stageViews';
import type { Analysis } from '../../../src/core/analysis/types';
import { hasLayerFacts } from '../../../src/core/model/layerFacts';
import type { LayerStack } from '../../../src/core/model/stack';
import { renderStepHover } from '../../../src/extension/hover/renderHover';

const contextPath = path.resolve(__dirname, '../../fixtures/hover/chained-stages');
const dockerfilePath = path.join(contextPath, 'Dockerfile');
const text = readFileSync(dockerfilePath, 'utf8');
const stage = { base: 0, build: 1, docs: 2, final: 3 };

/** Returns the indexes of the layers of `stack` that carry facts. */
function layersWithFacts(stack: LayerStack): number[] {
  return stack.layers.filter(hasLayerFacts).map((stacked) => stacked.index);
}

function stackOf(analysis: Analysis, stageIndex: number): LayerStack {
  const chain = analysis.stageChains?.[stageIndex];
  assert.ok(chain, `stage ${stageIndex} has a chain`);
  return chain.stack;
}

/** Renders the hover of every line that has one, as the hover provider finds its step. */
function renderHovers(analysis: Analysis): string[] {
  const hovers: string[] = [];
  for (let line = 1; line <= text.split('\n').length; line++) {
    const found = findStageStep(analysis, line);
    if (found) hovers.push(`${line}: ${renderStepHover(found.view, found.step, 'file:///stages/Dockerfile', analysis)}`);
  }
  return hovers;
}

describe('hover facts of chained stages', () => {
  it('target stack: every layer', async () => {
    const analysis = await analyze({ dockerfilePath, text, contextPath, forHovers: true });

    assert.equal(analysis.target, stage.final);
    assert.equal(analysis.stack.layers.length, 7);
    assert.deepEqual(layersWithFacts(analysis.stack), [0, 1, 2, 3, 4, 5, 6]);
  });

  it('stages of target chain: none', async () => {
    const analysis = await analyze({ dockerfilePath, text, contextPath, forHovers: true });

    assert.equal(stackOf(analysis, stage.base).layers.length, 2);
    assert.deepEqual(layersWithFacts(stackOf(analysis, stage.base)), []);
    assert.equal(stackOf(analysis, stage.build).layers.length, 5);
    assert.deepEqual(layersWithFacts(stackOf(analysis, stage.build)), []);
  });

  it('stage outside chain: own layers', async () => {
    const analysis = await analyze({ dockerfilePath, text, contextPath, forHovers: true });

    const docs = stackOf(analysis, stage.docs);
    assert.equal(docs.layers.length, 4);
    assert.deepEqual(layersWithFacts(docs), [2, 3]);
  });

  it('same hovers with and without facts', async () => {
    const withFacts = await analyze({ dockerfilePath, text, contextPath, forHovers: true });
    const withoutFacts = await analyze({ dockerfilePath, text, contextPath });

    const expected = renderHovers(withoutFacts);
    assert.equal(expected.length, 9);
    assert.deepEqual(renderHovers(withFacts), expected);
  });

  it('new target of kept stacks: facts added', async () => {
    // The runs share one walk of the context, so the second continues the stacks of the first.
    const context = await walkContext(contextPath, { dockerfilePath });
    const incremental = new IncrementalPredictions();
    const before = await analyze({ dockerfilePath, text, contextPath, context, target: 'docs', incremental, forHovers: true });
    assert.deepEqual(layersWithFacts(stackOf(before, stage.final)), [5, 6]);

    const after = await analyze({ dockerfilePath, text, contextPath, context, incremental, forHovers: true });

    assert.equal(after.stack, stackOf(before, stage.final), 'the target continues the kept stack');
    assert.deepEqual(layersWithFacts(after.stack), [0, 1, 2, 3, 4, 5, 6]);
    const anew = await analyze({ dockerfilePath, text, contextPath, forHovers: true });
    assert.deepEqual(renderHovers(after), renderHovers(anew));
  });
});
