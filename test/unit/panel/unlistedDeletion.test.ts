/** Whiteouts of paths that no lower layer lists, in the panel's rows as in the hover and the view. */
import * as assert from 'node:assert/strict';
import type { Analysis } from '../../../src/core/analysis/types';
import { makeLayer, type LayerEntry } from '../../../src/core/model/layer';
import { LayerStack } from '../../../src/core/model/stack';
import { buildMergedView } from '../../../src/core/report/mergedView';
import { renderStepHover, stepAtLine } from '../../../src/extension/hover/renderHover';
import { buildPanelData } from '../../../src/extension/panel/panelData';
import { describeStep } from '../../../src/extension/tree/stepDescription';
import { RowState, type MergedRows } from '../../../src/protocol/webview';
import { predict, removeContexts } from '../predict/helpers';

/** Lists the deleted rows as `path by layer, written by layer, size`. */
function deletedRows(rows: MergedRows): string[] {
  const pathOf = (row: number): string => (rows.parents[row] < 0 ? '' : pathOf(rows.parents[row])) + '/' + rows.names[row];
  const writers = new Map(rows.writtenBy.map((item) => [item.row, item.layer]));
  return rows.states.flatMap((state, row) => (state === RowState.deleted ? [`${pathOf(row)} by ${rows.layers[row]}, written by ${writers.get(row)}, size ${rows.sizes[row]}`] : []));
}

function stackOf(...layers: LayerEntry[][]): LayerStack {
  const stack = new LayerStack();
  for (const entries of layers) stack.push(makeLayer(entries, 'unknown'));
  return stack;
}

describe('unlisted deletions in the panel', () => {
  after(removeContexts);

  let analysis: Analysis;

  before(async () => {
    // The base image is not read, so only it may hold /root/.cache/pip.
    analysis = await predict('FROM python:3.12-slim\nRUN pip install flask && rm -rf /root/.cache/pip\nRUN echo done > /done\n');
  });

  it('deleted row of unknown size', () => {
    const data = buildPanelData(analysis, { uri: 'file:///ctx/Dockerfile', fileName: 'Dockerfile' }, undefined);
    assert.deepEqual(deletedRows(data.view.rows), ['/root/.cache/pip by 1, written by -1, size null']);
    assert.deepEqual(deletedRows(buildMergedView(analysis, 0).rows), [], 'the row before its layer');
  });

  it('hover, view and panel agree', () => {
    const step = stepAtLine(analysis, 2);
    assert.ok(step);
    assert.match(renderStepHover(analysis, step, 'file:///ctx/Dockerfile'), /\*\*Deletes\*\* 1 path that earlier layers do not list/);
    assert.match(describeStep(step, analysis.stack.layers[step.index]), / · 1 deleted$/);
    const rows = buildMergedView(analysis, analysis.stack.top).rows;
    assert.equal(rows.states.filter((state) => state === RowState.deleted).length, 1);
  });

  it('left out once written again', () => {
    const stack = stackOf([], [{ op: 'delete', path: '/cache', certainty: 'unknown' }], [{ op: 'write', path: '/cache', type: 'directory', size: 0, mode: 0o755, uid: 0, gid: 0, certainty: 'exact' }]);
    assert.deepEqual(deletedRows(buildMergedView({ stack }, 2).rows), []);
    assert.deepEqual(deletedRows(buildMergedView({ stack }, 1).rows), ['/cache by 1, written by -1, size null']);
  });

  it('inside a deleted folder', () => {
    // The deleted row of /d stands for /d/x, but nothing stands for /e.
    const folder: LayerEntry = { op: 'write', path: '/d', type: 'directory', size: 0, mode: 0o755, uid: 0, gid: 0, certainty: 'exact' };
    const unlisted: LayerEntry[] = [{ op: 'delete', path: '/d/x', certainty: 'unknown' }, { op: 'delete', path: '/e', certainty: 'unknown' }];
    const stack = stackOf([folder], [{ op: 'delete', path: '/d', certainty: 'exact' }], unlisted);
    assert.deepEqual(deletedRows(buildMergedView({ stack }, 2).rows), ['/d by 1, written by 0, size 0', '/e by 2, written by -1, size null']);
  });

  it('deleted twice', () => {
    const whiteout: LayerEntry = { op: 'delete', path: '/tmp/x', certainty: 'unknown' };
    const stack = stackOf([], [whiteout], [whiteout]);
    assert.deepEqual(deletedRows(buildMergedView({ stack }, 2).rows), ['/tmp/x by 1, written by -1, size null']);
  });
});
