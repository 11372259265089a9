/** Directory writes over folders that lower layers imply without listing them. */
import * as assert from 'node:assert/strict';
import type { LayerStack } from '../../../src/core/model/stack';
import { fileEntry, stackOfLayers, whiteoutEntry } from './stackHelpers';

function folderEntry(path: string, opaque = false) {
  return fileEntry(path, 0, { type: 'directory', mode: 0o755, opaque });
}

/** Lists a layer's entries as `path change lowerLayer`, with `implied` on a write over an implied folder. */
function changesOf(stack: LayerStack, layer: number): string[] {
  return stack.layers[layer].entries.map((item) => `${item.entry.path} ${item.change} ${item.lowerLayer ?? '-'}${item.overImpliedFolder ? ' implied' : ''}`);
}

describe('implied folders in a stack', () => {
  it('folder above a lower file in it', () => {
    const stack = stackOfLayers([fileEntry('/a/b/file', 4)], [folderEntry('/a'), fileEntry('/a/b/new', 4)]);

    assert.deepEqual(changesOf(stack, 1), ['/a modified 0 implied', '/a/b/new added -']);
    assert.deepEqual(stack.layers[1].summary.added, { count: 1, bytes: 4, unknownSizes: 0 });
    assert.deepEqual(stack.layers[1].summary.modified, { count: 1, bytes: 0, unknownSizes: 0 });
    assert.deepEqual(stack.layers[1].summary.shadowed, { count: 1, bytes: 0, unknownSizes: 0 });
  });

  it('lowest of two implying layers', () => {
    const stack = stackOfLayers([fileEntry('/a/x', 1)], [fileEntry('/a/y', 2)], [folderEntry('/a')]);

    assert.deepEqual(changesOf(stack, 2), ['/a modified 0 implied']);
  });

  it('opaque folder hides the implied contents', () => {
    const stack = stackOfLayers([fileEntry('/a/b/file', 4), fileEntry('/a/c', 3)], [folderEntry('/a', true)]);

    assert.deepEqual(changesOf(stack, 1), ['/a modified 0 implied']);
    assert.equal(stack.layers[1].entries[0].hiddenCount, 2);
    assert.deepEqual(stack.layers[1].summary.deleted, { count: 2, bytes: 7, unknownSizes: 0 });
  });

  it('folder whose lower contents are deleted is added', () => {
    const stack = stackOfLayers([fileEntry('/a/b/file', 4)], [whiteoutEntry('/a/b/file')], [folderEntry('/a')]);

    assert.deepEqual(changesOf(stack, 2), ['/a added -']);
  });

  it('folder over nothing is added', () => {
    const stack = stackOfLayers([fileEntry('/x', 1)], [folderEntry('/a'), fileEntry('/a/new', 1)]);

    assert.deepEqual(changesOf(stack, 1), ['/a added -', '/a/new added -']);
  });
});
