/**
 * `explain` lists the merged tree in the Merged Filesystem panel's order (folders first, names in
 * natural order) and the deleted paths in the order of its JSON.
 */
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vm from 'node:vm';
import { main } from '../../../src/cli/main';
import { analyze } from '../../../src/core/analysis/analyze';
import type { ExplainJson } from '../../../src/core/report/explainJson';
import { buildMergedView } from '../../../src/core/report/mergedView';
import type { MergedRows } from '../../../src/protocol/webview';
import { makeContext, removeContexts } from '../predict/helpers';
import { captureCli } from './capture';

const dockerfile = 'FROM scratch\nCOPY app/ /data/\n';
const files = {
  Dockerfile: dockerfile,
  'app/f10': '10',
  'app/f2': '2',
  'app/f1': '1',
  'app/B': 'B',
  'app/a': 'a',
  'app/lib10/x': 'x',
  'app/lib9/y': 'y',
};

/** The panel's order of the paths: in each folder the folders, then `a`, `B`, `f1`, `f2`, `f10`, as the CLI lists them too. */
const panelOrder = ['/data', '/data/lib9', '/data/lib9/y', '/data/lib10', '/data/lib10/x', '/data/a', '/data/B', '/data/f1', '/data/f2', '/data/f10'];

interface PanelModel {
  findRow(path: string): number;
  pathOf(row: number): string;
  flatten(options: { expanded: Set<number>; sort: 'name'; showDeleted: boolean; filter: string }): { rows: ArrayLike<number> };
}

/** Loads the panel's model script as the webview page does, as a classic script with its own global. */
function loadPanelModel(rows: MergedRows): PanelModel {
  const sandbox: { layerLensPanel?: { createTreeModel(rows: MergedRows): PanelModel } } = {};
  vm.createContext(sandbox);
  vm.runInContext(readFileSync(join(__dirname, '../../../media/panel/model.js'), 'utf8'), sandbox);
  return sandbox.layerLensPanel!.createTreeModel(rows);
}

describe('explain merged tree order', () => {
  after(removeContexts);

  it('same order as the panel', async () => {
    const root = makeContext(files);
    const result = await captureCli(main, ['explain', join(root, 'Dockerfile')]);
    assert.equal(result.status, 0, result.stderr);
    const tree = result.stdout.slice(result.stdout.indexOf('Merged filesystem')).split('\n').slice(1, 11);
    assert.deepEqual(tree, [
      '  data/  from #1',
      '    lib9/  from #1',
      '      y  1 B, from #1',
      '    lib10/  from #1',
      '      x  1 B, from #1',
      '    a  1 B, from #1',
      '    B  1 B, from #1',
      '    f1  1 B, from #1',
      '    f2  1 B, from #1',
      '    f10  2 B, from #1',
    ]);

    const analysis = await analyze({ dockerfilePath: join(root, 'Dockerfile'), text: dockerfile });
    const panel = loadPanelModel(buildMergedView(analysis, analysis.stack.top).rows);
    const expanded = new Set(['/data', '/data/lib9', '/data/lib10'].map((path) => panel.findRow(path)));
    const listed = Array.from(panel.flatten({ expanded, sort: 'name', showDeleted: false, filter: '' }).rows, (row) => panel.pathOf(row));
    assert.deepEqual(listed, panelOrder);
  });

  it('deleted paths in JSON order', async () => {
    const root = makeContext({ ...files, Dockerfile: 'FROM alpine:3.20\nCOPY app/ /data/\nRUN rm -rf /data/f10 /data/f2 /data/B /data/lib10 /data/lib9\n' });
    const text = await captureCli(main, ['explain', join(root, 'Dockerfile')]);
    const json = await captureCli(main, ['explain', '--json', join(root, 'Dockerfile')]);

    assert.equal(text.status, 0, text.stderr);
    assert.equal(json.status, 0, json.stderr);
    const deleted = text.stdout.slice(text.stdout.indexOf('Deleted:')).trimEnd().split('\n');
    // Names by UTF-16 code unit: `B` before `f10`, `f10` before `f2`, folders among files.
    assert.deepEqual(deleted, ['Deleted:', '  /data/B  by #2', '  /data/f10  by #2', '  /data/f2  by #2', '  /data/lib10  by #2', '  /data/lib9  by #2']);
    const listed = (JSON.parse(json.stdout) as ExplainJson).deleted.map((item) => `  ${item.path}  by #${item.layer}`);
    assert.deepEqual(deleted.slice(1), listed);
  });
});
