import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import * as vm from 'node:vm';
import { makeLayer, type LayerEntry, type WriteEntry } from '../../../src/core/model/layer';
import { LayerStack } from '../../../src/core/model/stack';
import { buildMergedView } from '../../../src/core/report/mergedView';
import type { LayerInfo, MergedRows } from '../../../src/protocol/webview';

interface FlatList {
  rows: number[];
  depths: number[];
  opened: boolean[];
}

interface TreeModel {
  pathOf(row: number): string;
  findRow(path: string): number;
  totalOf(row: number): number;
  hasUnknownSize(row: number): boolean;
  unknownSizeLayersOf(row: number): number[];
  flatten(options: { expanded: Set<number>; sort: 'name' | 'size'; showDeleted: boolean; filter: string }): FlatList;
}

/** Loads the webview's model script the way the page does, as a classic script with its own global. */
type CreateTreeModel = (rows: MergedRows, layers?: Array<Pick<LayerInfo, 'certainty'>>) => TreeModel;

function loadModel(): CreateTreeModel {
  const sandbox: { layerLensPanel?: { createTreeModel: CreateTreeModel } } = {};
  vm.createContext(sandbox);
  vm.runInContext(readFileSync(path.join(__dirname, '../../../media/panel/model.js'), 'utf8'), sandbox);
  return sandbox.layerLensPanel!.createTreeModel;
}

function write(pathName: string, size: number | null = 0, extra: Partial<WriteEntry> = {}): WriteEntry {
  return { op: 'write', path: pathName, type: 'file', size, mode: 0o644, uid: 0, gid: 0, certainty: 'exact', ...extra };
}

function dir(pathName: string): WriteEntry {
  return write(pathName, 0, { type: 'directory' });
}

function modelOf(...layers: LayerEntry[][]): TreeModel {
  const stack = new LayerStack();
  for (const entries of layers) stack.push(makeLayer(entries));
  return loadModel()(buildMergedView({ stack }, stack.top).rows);
}

/** Renders the visible list as indented paths, `+` on open folders. */
function render(model: TreeModel, list: FlatList): string[] {
  // Array.from builds the array in this realm, so deepEqual compares it with plain literals.
  return Array.from(list.rows, (row, index) => `${'  '.repeat(list.depths[index])}${model.pathOf(row)}${list.opened[index] ? ' +' : ''}`);
}

describe('webview tree model', () => {
  const model = modelOf(
    [dir('/app'), write('/app/b.txt', 30), write('/app/a.txt', 10), dir('/app/lib'), write('/app/lib/x.so', 500), write('/zz', 1)],
    [{ op: 'delete', path: '/app/b.txt', certainty: 'exact' }, write('/usr/bin/tool', null)],
  );
  const options = { expanded: new Set<number>(), sort: 'name' as const, showDeleted: false, filter: '' };

  it('collapsed top level', () => {
    assert.deepEqual(render(model, model.flatten(options)), ['/app', '/usr', '/zz']);
  });

  it('expanded folders first', () => {
    const expanded = new Set([model.findRow('/app')]);
    assert.deepEqual(render(model, model.flatten({ ...options, expanded })), ['/app +', '  /app/lib', '  /app/a.txt', '/usr', '/zz']);
  });

  it('deleted rows shown on request', () => {
    const expanded = new Set([model.findRow('/app')]);
    assert.deepEqual(render(model, model.flatten({ ...options, expanded, showDeleted: true })), ['/app +', '  /app/lib', '  /app/a.txt', '  /app/b.txt', '/usr', '/zz']);
  });

  it('sort by size', () => {
    const expanded = new Set([model.findRow('/app')]);
    assert.deepEqual(render(model, model.flatten({ ...options, expanded, sort: 'size' })), ['/app +', '  /app/lib', '  /app/a.txt', '/zz', '/usr']);
  });

  it('folder totals', () => {
    assert.equal(model.totalOf(model.findRow('/app')), 510);
    assert.equal(model.hasUnknownSize(model.findRow('/app')), false);
    assert.equal(model.hasUnknownSize(model.findRow('/usr')), true);
  });

  it('folder of an unknown layer', () => {
    const stack = new LayerStack();
    stack.push(makeLayer([dir('/srv'), write('/srv/a.txt', 5)]));
    stack.push(makeLayer([dir('/srv/deps')], 'unknown'));
    const layers: Array<Pick<LayerInfo, 'certainty'>> = [{ certainty: 'exact' }, { certainty: 'unknown' }];
    const unknown = loadModel()(buildMergedView({ stack }, stack.top).rows, layers);

    assert.equal(unknown.hasUnknownSize(unknown.findRow('/srv/deps')), true);
    assert.equal(unknown.hasUnknownSize(unknown.findRow('/srv')), true);
    assert.equal(unknown.totalOf(unknown.findRow('/srv')), 5);
    assert.equal(unknown.hasUnknownSize(unknown.findRow('/srv/a.txt')), false);
  });

  it('layers behind an unknown size', () => {
    const stack = new LayerStack();
    stack.push(makeLayer([dir('/tmp'), write('/opt', 0, { type: 'directory', certainty: 'unknown' }), dir('/srv')], 'unknown'));
    stack.push(makeLayer([write('/srv/a.txt', 5), dir('/opt')]));
    stack.push(makeLayer([write('/srv/b.txt', null), dir('/var')]));
    const layers: Array<Pick<LayerInfo, 'certainty'>> = [{ certainty: 'unknown' }, { certainty: 'exact' }, { certainty: 'exact' }];
    const unknown = loadModel()(buildMergedView({ stack }, stack.top).rows, layers);

    // Array.from builds the array in this realm, so deepEqual compares it with plain literals.
    const causes = (path: string) => Array.from(unknown.unknownSizeLayersOf(unknown.findRow(path)));
    assert.deepEqual(causes('/tmp'), [0]);
    // Layer 1 writes /opt again over the unknown layer's version, whose unlisted files stay.
    assert.deepEqual(causes('/opt'), [0]);
    assert.deepEqual(causes('/srv'), [0, 2]);
    assert.deepEqual(causes('/srv/a.txt'), []);
    assert.deepEqual(causes('/var'), []);
  });

  it('filter by name opens ancestors', () => {
    assert.deepEqual(render(model, model.flatten({ ...options, filter: 'X.S' })), ['/app +', '  /app/lib +', '    /app/lib/x.so']);
  });

  it('filter by path', () => {
    assert.deepEqual(render(model, model.flatten({ ...options, filter: 'usr/b' })), ['/usr +', '  /usr/bin +', '    /usr/bin/tool']);
  });

  it('filter skips hidden deleted rows', () => {
    assert.deepEqual(render(model, model.flatten({ ...options, filter: 'b.txt' })), []);
    assert.deepEqual(render(model, model.flatten({ ...options, filter: 'b.txt', showDeleted: true })), ['/app +', '  /app/b.txt']);
  });

  it('matching folder expands fully', () => {
    const expanded = new Set([model.findRow('/app/lib')]);
    assert.deepEqual(render(model, model.flatten({ ...options, filter: 'lib', expanded })), ['/app +', '  /app/lib +', '    /app/lib/x.so']);
  });

  it('findRow misses', () => {
    assert.equal(model.findRow('/nope'), -1);
    assert.equal(model.findRow('/'), -1);
    assert.equal(model.findRow('/app/lib/x.so/y'), -1);
  });

  it('implied folder of only deleted rows hidden', () => {
    const onlyDeleted = modelOf([write('/tmp/a/b', 1)], [{ op: 'delete', path: '/tmp/a/b', certainty: 'exact' }]);
    assert.deepEqual(render(onlyDeleted, onlyDeleted.flatten(options)), []);
    assert.deepEqual(render(onlyDeleted, onlyDeleted.flatten({ ...options, showDeleted: true })), ['/tmp']);
  });
});
