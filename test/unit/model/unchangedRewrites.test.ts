/** The files of a layer that vfs storage would leave out, found from the layer's classification. */
import * as assert from 'node:assert/strict';
import type { LayerStack } from '../../../src/core/model/stack';
import { isUnchangedRewrite, unchangedRewritesOf } from '../../../src/core/model/unchangedRewrite';
import type { WriteEntry } from '../../../src/core/model/layer';
import { fileEntry as anyFile, stackOfLayers, whiteoutEntry } from './stackHelpers';

/** Returns a file whose contents are known by a digest made from its size, so that equal sizes mean equal bytes. */
function fileEntry(path: string, size: number, overrides: Partial<WriteEntry> = {}): WriteEntry {
  return anyFile(path, size, { digest: `sha256:${size}`, ...overrides });
}

/** Lists the paths that `unchangedRewritesOf` finds in layer `index`, and those the tree's visible version gives. */
function bothWays(stack: LayerStack, index: number): { found: string[]; expected: string[] } {
  const layer = stack.layers[index];
  const found = unchangedRewritesOf(stack, layer).map((entry) => entry.path);
  const expected = layer.entries.flatMap(({ entry, change }) => (change === 'modified' && entry.op === 'write' && isUnchangedRewrite(stack, index, entry) ? [entry.path] : []));
  return { found, expected };
}

describe('unchanged rewrites of a layer', () => {
  it('compares with the version just below', () => {
    // /f is 0644 in layer 0 and 0755 in layer 1, so layer 2's 0755 copy rewrites layer 1's
    // version unchanged; layer 0's version differs.
    const stack = stackOfLayers([fileEntry('/f', 1)], [fileEntry('/f', 1, { mode: 0o755 })], [fileEntry('/f', 1, { mode: 0o755 })]);
    const { found, expected } = bothWays(stack, 2);

    assert.deepEqual(found, ['/f']);
    assert.deepEqual(expected, ['/f']);
  });

  it('path listed twice in the lower layer', () => {
    // The later of layer 0's two entries is the version layer 1 rewrites.
    const stack = stackOfLayers([fileEntry('/f', 1), fileEntry('/f', 1, { mode: 0o755 })], [fileEntry('/f', 1, { mode: 0o755 })]);
    const { found, expected } = bothWays(stack, 1);

    assert.deepEqual(found, ['/f']);
    assert.deepEqual(expected, ['/f']);
  });

  it('file written again after its folder was deleted', () => {
    // Layer 2 adds /d/f anew, so it rewrites nothing, although layer 0 wrote the same file.
    const stack = stackOfLayers([fileEntry('/d/f', 1)], [whiteoutEntry('/d')], [fileEntry('/d/f', 1), fileEntry('/g', 2)]);

    assert.deepEqual(bothWays(stack, 2), { found: [], expected: [] });
  });

  it('layer pushed again after truncation', () => {
    const stack = stackOfLayers([fileEntry('/a', 1), fileEntry('/b', 2)], [fileEntry('/a', 1)]);
    assert.deepEqual(bothWays(stack, 1).found, ['/a']);

    // The new layer 1 rewrites /b unchanged where the old one listed /a, and /a is 1 byte, not 2.
    stack.truncate(1);
    stack.push({ entries: [fileEntry('/b', 2)], certainty: 'exact' });
    const { found, expected } = bothWays(stack, 1);

    assert.deepEqual(found, ['/b']);
    assert.deepEqual(expected, ['/b']);
  });
});
