/** Directory writes over folders that lower layers imply without listing them. */
import * as assert from 'node:assert/strict';
import { LayerStack } from '../../../src/core/model/stack';
import type { LayerEntry } from '../../../src/core/model/layer';
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

  it('deep new tree: folders listed last', () => {
    // A chain of 300 new folders, each file listed before the folders above it, as some tar
    // writers order them. A walk of each folder's subtree would make this quadratic.
    const depth = 300;
    const folders = Array.from({ length: depth }, (_, level) => '/t' + '/d'.repeat(level));
    const entries: LayerEntry[] = [...folders.map((folder) => fileEntry(`${folder}/f`, 1)), ...folders.reverse().map((folder) => folderEntry(folder))];
    const stack = new LayerStack();
    stack.push({ entries: [fileEntry('/base', 1)], certainty: 'exact' });
    const lookups = countVisibleVersionCalls(stack);

    stack.push({ entries, certainty: 'exact' });

    assert.ok(stack.layers[1].entries.every((item) => item.change === 'added'));
    assert.ok(lookups.count < 4 * entries.length, `${lookups.count} version lookups for ${entries.length} entries`);
  });

  it('deep implied tree: folders restated', () => {
    const depth = 300;
    const folders = Array.from({ length: depth }, (_, level) => '/t' + '/d'.repeat(level));
    const stack = new LayerStack();
    stack.push({ entries: folders.map((folder) => fileEntry(`${folder}/f`, 1)), certainty: 'exact' });
    const lookups = countVisibleVersionCalls(stack);

    stack.push({ entries: folders.map((folder) => folderEntry(folder)), certainty: 'exact' });

    assert.ok(stack.layers[1].entries.every((item) => item.change === 'modified' && item.overImpliedFolder));
    assert.ok(lookups.count < 4 * depth, `${lookups.count} version lookups for ${depth} folders`);
  });
});

/** Counts the calls of the stack tree's `visibleVersion` from now on, a measure of the work that does not depend on timing. */
function countVisibleVersionCalls(stack: LayerStack): { count: number } {
  const counter = { count: 0 };
  const tree = stack.tree;
  const original = tree.visibleVersion.bind(tree);
  tree.visibleVersion = (...args: Parameters<typeof tree.visibleVersion>) => {
    counter.count++;
    return original(...args);
  };
  return counter;
}
