import * as assert from 'node:assert/strict';
import type { LayerEntry, WriteEntry } from '../../../src/core/model/layer';
import { deletedPaths, mergedPaths } from '../../../src/core/model/merged';
import { LayerStack } from '../../../src/core/model/stack';

function file(path: string, size: number): WriteEntry {
  return { op: 'write', path, type: 'file', size, mode: 0o644, uid: 0, gid: 0, certainty: 'exact' };
}

function dir(path: string, opaque = false): WriteEntry {
  return { op: 'write', path, type: 'directory', size: 0, mode: 0o755, uid: 0, gid: 0, certainty: 'exact', opaque };
}

function whiteout(path: string): LayerEntry {
  return { op: 'delete', path, certainty: 'exact' };
}

const layers: LayerEntry[][] = [
  [dir('/app'), file('/app/a', 1), file('/app/b', 2)],
  [file('/app/a', 10), whiteout('/app/b'), dir('/etc')],
  [dir('/app', true), file('/app/c', 3), whiteout('/etc')],
];

function stackOf(entries: LayerEntry[][]): LayerStack {
  const stack = new LayerStack();
  for (const layer of entries) stack.push({ entries: layer, certainty: 'exact' });
  return stack;
}

/** Renders what a stack shows, for comparing a truncated stack with one pushed afresh. */
function shown(stack: LayerStack) {
  return {
    merged: mergedPaths(stack).map((item) => item.path),
    deleted: deletedPaths(stack).map((item) => item.path),
    classified: stack.layers.map((layer) => layer.entries.map((entry) => `${entry.change} ${entry.entry.path}`)),
  };
}

describe('LayerStack.truncate', () => {
  for (const count of [0, 1, 2]) {
    it(`to ${count} layers`, () => {
      const truncated = stackOf(layers);
      truncated.truncate(count);
      assert.equal(truncated.layers.length, count);
      assert.deepEqual(shown(truncated), shown(stackOf(layers.slice(0, count))));
    });
  }

  it('then push again', () => {
    const stack = stackOf(layers);
    stack.truncate(1);
    stack.push({ entries: [file('/app/b', 5), file('/app/d', 4)], certainty: 'exact' });
    assert.deepEqual(shown(stack), shown(stackOf([layers[0], [file('/app/b', 5), file('/app/d', 4)]])));
    assert.deepEqual(stack.children('/app').map((child) => child.name), ['a', 'b', 'd']);
  });
});
