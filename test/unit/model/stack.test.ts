import * as assert from 'node:assert/strict';
import type { LayerEntry, WriteEntry } from '../../../src/core/model/layer';
import { deletedPaths, mergedPaths, wasteReport } from '../../../src/core/model/merged';
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

function stackOf(...layers: LayerEntry[][]): LayerStack {
  const stack = new LayerStack();
  for (const entries of layers) stack.push({ entries, certainty: 'exact' });
  return stack;
}

/** Renders the merged filesystem as `path@layer[shadows]` lines. */
function renderMerged(stack: LayerStack, asOf?: number): string[] {
  return mergedPaths(stack, asOf).map((item) => `${item.path}@${item.layer}${item.shadows.length ? ` shadows ${item.shadows.join(',')}` : ''}`);
}

describe('LayerStack', () => {
  it('classifies a rewrite as modified and the new path as added', () => {
    const stack = stackOf([dir('/app'), file('/app/a', 1)], [file('/app/a', 2), file('/app/b', 3)]);
    const changes = stack.layers[1].entries.map((item) => `${item.entry.path} ${item.change} ${item.lowerLayer ?? '-'}`);
    assert.deepEqual(changes, ['/app/a modified 0', '/app/b added -']);
    assert.deepEqual(stack.layers[1].summary.shadowed, { count: 1, bytes: 1, unknownSizes: 0 });
  });

  it('merged filesystem shows the top version and what it shadows', () => {
    const stack = stackOf([dir('/app'), file('/app/a', 1)], [file('/app/a', 2)], [file('/app/a', 4)]);
    assert.deepEqual(renderMerged(stack), ['/app@0', '/app/a@2 shadows 0,1']);
  });

  it('whiteout deletes a directory and its contents', () => {
    const stack = stackOf([dir('/data'), file('/data/a', 5), dir('/data/sub'), file('/data/sub/b', 7)], [whiteout('/data')]);
    assert.deepEqual(renderMerged(stack), []);
    assert.deepEqual(deletedPaths(stack).map((item) => `${item.path} by ${item.layer}`), ['/data by 1']);
    assert.equal(stack.layers[1].entries[0].hiddenCount, 4);
    assert.equal(stack.layers[1].summary.deleted.bytes, 12);
  });

  it('opaque directory hides lower children but keeps its own layer', () => {
    const stack = stackOf(
      [dir('/data'), file('/data/a.txt', 2), file('/data/b.txt', 1020)],
      [dir('/data', true), file('/data/a.txt', 6), file('/data/new.txt', 6)],
    );
    assert.deepEqual(renderMerged(stack), ['/data@1 shadows 0', '/data/a.txt@1', '/data/new.txt@1']);
    assert.deepEqual(deletedPaths(stack).map((item) => item.path), ['/data/b.txt']);
    assert.equal(wasteReport(stack).wastedBytes, 1022);
  });

  it('as of an earlier layer shows the earlier filesystem', () => {
    const stack = stackOf([file('/a', 1)], [whiteout('/a')], [file('/a', 3)]);
    assert.deepEqual(renderMerged(stack, 0), ['/a@0']);
    assert.deepEqual(renderMerged(stack, 1), []);
    assert.deepEqual(renderMerged(stack, 2), ['/a@2']);
    assert.equal(stack.layers[2].entries[0].change, 'added');
  });

  it('waste attributes each hidden version to its writer and hider', () => {
    const stack = stackOf([file('/big', 100)], [file('/big', 50)], [whiteout('/big')]);
    const records: string[] = [];
    wasteReport(stack, stack.top, (item) => records.push(`${item.bytes} ${item.writtenBy}->${item.hiddenBy} ${item.kind}`));
    assert.deepEqual(records, ['100 0->1 shadowed', '50 1->2 deleted']);
    assert.equal(wasteReport(stack).wastedBytes, 150);
    assert.equal(wasteReport(stack, 1).wastedBytes, 100);
  });

  it('file replacing a directory hides the directory contents', () => {
    const stack = stackOf([dir('/x'), file('/x/inner', 3)], [file('/x', 1)]);
    assert.deepEqual(renderMerged(stack), ['/x@1 shadows 0']);
    assert.equal(stack.layers[1].entries[0].hiddenCount, 1);
  });

  it('children lists the visible names in order', () => {
    const stack = stackOf([dir('/d'), file('/d/b', 1), file('/d/a', 1)], [whiteout('/d/b')]);
    assert.deepEqual(stack.children('/d').map((child) => child.name), ['a']);
    assert.deepEqual(stack.children('/d', 0).map((child) => child.name), ['a', 'b']);
  });
});
