import * as assert from 'node:assert/strict';
import type { LayerEntry } from '../../../src/core/model/layer';
import { layerNodes } from '../../../src/core/model/layerNodes';
import { LayerStack } from '../../../src/core/model/stack';
import { fileEntry, whiteoutEntry } from './stackHelpers';

const layers: LayerEntry[][] = [
  [fileEntry('/app/a', 1), fileEntry('/app/b', 2)],
  [fileEntry('/app/a', 10), whiteoutEntry('/app/b'), fileEntry('/etc/c', 3)],
];

/** Returns each entry's path and the name of the node it is given. */
function named(stack: LayerStack, layer: number): string[] {
  const stacked = stack.layers[layer];
  const nodes = layerNodes(stack, stacked);
  return stacked.entries.map(({ entry }, position) => {
    const node = nodes[position];
    return `${entry.path} ${node === undefined ? undefined : stack.tree.name(node)}`;
  });
}

describe('layerNodes', () => {
  it('stack that keeps its nodes', () => {
    const stack = new LayerStack({ keepNodes: true });
    for (const entries of layers) stack.push({ entries, certainty: 'exact' });
    // Kept nodes need no lookup, so a tree that refuses every lookup still gives them.
    stack.tree.node = () => assert.fail('looked up a node that pushing the layer placed');

    assert.deepEqual(named(stack, 1), ['/app/a a', '/app/b b', '/etc/c c']);
  });

  it('stack that keeps none', () => {
    const stack = new LayerStack();
    for (const entries of layers) stack.push({ entries, certainty: 'exact' });

    assert.deepEqual(named(stack, 1), ['/app/a a', '/app/b b', '/etc/c c']);
  });

  it('layer pushed again after a truncation', () => {
    const stack = new LayerStack({ keepNodes: true });
    for (const entries of layers) stack.push({ entries, certainty: 'exact' });
    stack.truncate(1);
    stack.push({ entries: [fileEntry('/srv/d', 4)], certainty: 'exact' });

    assert.deepEqual(named(stack, 1), ['/srv/d d']);
  });
});
