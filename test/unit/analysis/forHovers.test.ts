/**
 * `AnalyzeInput.forHovers`: an editor's analysis works out what the hover reads as each layer is
 * pushed, and an analysis that renders no hover, such as the CLI's, pays for none of it.
 */
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { analyze } from '../../../src/core/analysis/analyze';
import type { Analysis } from '../../../src/core/analysis/types';
import { hiddenSharesOf } from '../../../src/core/model/hiddenShares';
import { layerNodes } from '../../../src/core/model/layerNodes';
import { layerOutline } from '../../../src/core/model/layerOutline';
import type { NodeId, PathTree } from '../../../src/core/model/pathTree';
import { unchangedRewritesOf } from '../../../src/core/model/unchangedRewrite';
import { coreEngine } from '../../../src/extension/coreEngine';
import { renderStepHover } from '../../../src/extension/hover/renderHover';

const contextPath = path.resolve(__dirname, '../../fixtures/hover/wasted');
const dockerfilePath = path.join(contextPath, 'Dockerfile');
const text = readFileSync(dockerfilePath, 'utf8');

/**
 * Counts the tree lookups that reading each layer's nodes, outline and unchanged rewrites takes.
 * A stack that kept them as it pushed its layers needs none.
 */
function lookupsForFacts(analysis: Analysis): number {
  const tree = analysis.stack.tree;
  const original = tree.node;
  const lookUp = original.bind(tree) as (path: string, create?: boolean) => NodeId | undefined;
  let lookups = 0;
  tree.node = ((path: string, create?: boolean) => {
    lookups++;
    return lookUp(path, create);
  }) as PathTree['node'];
  try {
    for (const stacked of analysis.stack.layers) {
      layerNodes(analysis.stack, stacked);
      layerOutline(analysis.stack, stacked);
      unchangedRewritesOf(analysis.stack, stacked);
    }
  } finally {
    tree.node = original;
  }
  return lookups;
}

/** Returns the indexes of the layers below the top whose hidden files were summed as later layers were pushed. */
function summedLayers(analysis: Analysis): number[] {
  const below = analysis.stack.layers.slice(0, -1);
  return below.filter((stacked) => hiddenSharesOf(analysis.stack, stacked.index) !== undefined).map((stacked) => stacked.index);
}

function analyzeFixture(forHovers?: boolean): Promise<Analysis> {
  return analyze({ dockerfilePath, text, contextPath, forHovers });
}

describe('analyze forHovers', () => {
  it('off: no layer facts kept', async () => {
    const analysis = await analyzeFixture();
    assert.equal(analysis.stack.layers.length, 7);

    assert.deepEqual(summedLayers(analysis), []);
    assert.ok(lookupsForFacts(analysis) > 0, 'the layers kept their nodes, so the analysis paid for what no hover reads');
  });

  it('on: layer facts kept', async () => {
    const analysis = await analyzeFixture(true);
    assert.equal(analysis.stack.layers.length, 7);

    assert.deepEqual(summedLayers(analysis), [0, 1, 2, 3, 4, 5]);
    assert.equal(lookupsForFacts(analysis), 0);
  });

  it('same hovers on and off', async () => {
    const off = await analyzeFixture();
    const on = await analyzeFixture(true);

    assert.equal(on.steps.length, off.steps.length);
    for (const [position, step] of off.steps.entries()) {
      const expected = renderStepHover(off, step, 'file:///hover/Dockerfile');
      assert.equal(renderStepHover(on, on.steps[position], 'file:///hover/Dockerfile'), expected, `line ${step.line}`);
    }
  });

  it('core engine sets it', async () => {
    const engine = coreEngine();
    const context = await engine.readContext(contextPath, dockerfilePath, undefined);
    const analysis = await engine.analyze({ dockerfilePath, text, contextPath, buildArgs: {}, context });

    assert.deepEqual(summedLayers(analysis), [0, 1, 2, 3, 4, 5]);
    assert.equal(lookupsForFacts(analysis), 0);
  });
});
