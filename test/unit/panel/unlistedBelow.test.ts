import * as assert from 'node:assert/strict';
import { buildMergedView } from '../../../src/core/report/mergedView';
import { certaintyNames, type MergedRows } from '../../../src/protocol/webview';
import { predict, removeContexts } from '../predict/helpers';

/** Returns the certainty of the row of `path`. */
function certaintyOf(rows: MergedRows, path: string): string {
  const paths: string[] = [];
  rows.names.forEach((name, row) => {
    const parent = rows.parents[row];
    paths[row] = (parent < 0 ? '' : paths[parent]) + '/' + name;
  });
  const row = paths.indexOf(path);
  assert.ok(row >= 0, `no row for ${path}`);
  return certaintyNames[rows.certainties[row]];
}

describe('a folder written again over unlisted files', () => {
  after(removeContexts);

  const files = { 'package.json': '{}', 'package-lock.json': '{}', 'node_modules/left-pad/index.js': 'x' };

  it('stays unknown after a COPY', async () => {
    const analysis = await predict('FROM node:20\nWORKDIR /app\nCOPY package*.json ./\nRUN npm ci\nCOPY . .\n', files);
    const rows = buildMergedView(analysis, analysis.stack.top).rows;
    assert.equal(certaintyOf(rows, '/app/node_modules'), 'unknown');
    assert.equal(certaintyOf(rows, '/app/node_modules/left-pad/index.js'), 'exact');
  });

  it('is exact without the RUN', async () => {
    const analysis = await predict('FROM node:20\nWORKDIR /app\nCOPY . .\n', files);
    const rows = buildMergedView(analysis, analysis.stack.top).rows;
    assert.equal(certaintyOf(rows, '/app/node_modules'), 'exact');
  });

  it('is exact after an rm -rf and a COPY', async () => {
    const analysis = await predict('FROM node:20\nWORKDIR /app\nRUN npm ci\nRUN rm -rf node_modules\nCOPY . .\n', files);
    const rows = buildMergedView(analysis, analysis.stack.top).rows;
    assert.equal(certaintyOf(rows, '/app/node_modules'), 'exact');
  });
});
