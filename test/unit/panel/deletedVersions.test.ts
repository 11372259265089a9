import * as assert from 'node:assert/strict';
import { makeLayer, type LayerEntry, type WriteEntry } from '../../../src/core/model/layer';
import { LayerStack } from '../../../src/core/model/stack';
import { buildMergedView } from '../../../src/core/report/mergedView';
import { describeDeletedVersions } from '../../../src/extension/panel/deletedVersions';

function write(path: string, size = 1): WriteEntry {
  return { op: 'write', path, type: 'file', size, mode: 0o644, uid: 0, gid: 0, certainty: 'exact' };
}

function remove(path: string): LayerEntry {
  return { op: 'delete', path, certainty: 'exact' };
}

/** Stacks the layers and returns each deleted path of the top layer's view with its writing layers. */
function deletedVersionsOf(...layers: LayerEntry[][]): Record<string, number[]> {
  const stack = new LayerStack();
  for (const entries of layers) stack.push(makeLayer(entries));
  const { rows } = buildMergedView({ stack }, stack.top);
  const found: Record<string, number[]> = {};
  for (const { row, layers: written } of describeDeletedVersions(stack, rows)) found[rows.names[row]] = written;
  return found;
}

describe('describeDeletedVersions', () => {
  it('copied, changed, then deleted', () => {
    assert.deepEqual(deletedVersionsOf([write('/app.log', 8)], [write('/app.log', 18)], [remove('/app.log')]), { 'app.log': [0, 1] });
  });

  it('written once, then deleted', () => {
    assert.deepEqual(deletedVersionsOf([write('/a')], [write('/b')], [remove('/a')]), { a: [0] });
  });

  it('versions before an earlier deletion left out', () => {
    const layers = [[write('/a')], [remove('/a')], [write('/a')], [write('/a')], [remove('/a')]];
    assert.deepEqual(deletedVersionsOf(...layers), { a: [2, 3] });
  });

  it('deletion no layer lists has none', () => {
    assert.deepEqual(deletedVersionsOf([write('/b')], [remove('/cache')]), {});
  });
});
