import * as assert from 'node:assert/strict';
import { stageView } from '../../../src/core/analysis/stageViews';
import { buildMergedView, describeLayers } from '../../../src/core/report/mergedView';
import { predict, removeContexts } from '../predict/helpers';
import type { Analysis, Step } from '../../../src/core/analysis/types';
import { makeLayer, type LayerEntry, type WriteEntry } from '../../../src/core/model/layer';
import { LayerStack } from '../../../src/core/model/stack';
import { certaintyNames, typeNames, type MergedRows } from '../../../src/protocol/webview';

function write(path: string, size: number | null = 0, extra: Partial<WriteEntry> = {}): WriteEntry {
  return { op: 'write', path, type: 'file', size, mode: 0o644, uid: 0, gid: 0, certainty: 'exact', ...extra };
}

function dir(path: string, extra: Partial<WriteEntry> = {}): WriteEntry {
  return write(path, 0, { type: 'directory', mode: 0o755, ...extra });
}

function remove(path: string): LayerEntry {
  return { op: 'delete', path, certainty: 'exact' };
}

function stackOf(...layers: LayerEntry[][]): LayerStack {
  const stack = new LayerStack();
  for (const entries of layers) stack.push(makeLayer(entries));
  return stack;
}

/** Renders rows as one line each: full path, type, size, layer, state and details. */
function render(rows: MergedRows): string[] {
  const paths: string[] = [];
  const lines: string[] = [];
  rows.names.forEach((name, row) => {
    const parent = rows.parents[row];
    paths[row] = (parent < 0 ? '' : paths[parent]) + '/' + name;
    const state = ['present', 'deleted', 'implied'][rows.states[row]];
    let line = `${paths[row]} ${typeNames[rows.types[row]]} ${rows.sizes[row] ?? '?'} L${rows.layers[row]} ${state} ${certaintyNames[rows.certainties[row]]}`;
    const shadowed = rows.shadowed.find((item) => item.row === row);
    if (shadowed) line += ' shadows ' + shadowed.versions.map((version) => `L${version.layer}:${version.size ?? '?'}`).join(',');
    const writer = rows.writtenBy.find((item) => item.row === row);
    if (writer) line += ` written by L${writer.layer}`;
    const link = rows.linkTargets.find((item) => item.row === row);
    if (link) line += ` -> ${link.target}`;
    lines.push(line);
  });
  return lines;
}

describe('buildMergedView', () => {
  const stack = stackOf(
    [dir('/app'), write('/app/a.txt', 10), write('/app/b.txt', 20), dir('/etc', { certainty: 'estimated' })],
    [write('/app/a.txt', 15), write('/app/link', 0, { type: 'symlink', linkTarget: 'a.txt' })],
    [remove('/app/b.txt'), write('/app/a.txt', 5)],
  );

  it('top layer with shadowed and deleted', () => {
    assert.deepEqual(render(buildMergedView({ stack }, 2).rows), [
      '/app directory 0 L0 present exact',
      '/app/a.txt file 5 L2 present exact shadows L0:10,L1:15',
      '/app/link symlink 0 L1 present exact -> a.txt',
      '/etc directory 0 L0 present estimated',
      '/app/b.txt file 20 L2 deleted exact written by L0',
    ]);
  });

  it('lower layer', () => {
    assert.deepEqual(render(buildMergedView({ stack }, 0).rows), [
      '/app directory 0 L0 present exact',
      '/app/a.txt file 10 L0 present exact',
      '/app/b.txt file 20 L0 present exact',
      '/etc directory 0 L0 present estimated',
    ]);
  });

  it('parents precede children', () => {
    const { rows } = buildMergedView({ stack }, 2);
    rows.parents.forEach((parent, row) => assert.ok(parent < row, `row ${row} has parent ${parent}`));
  });

  it('implied directories', () => {
    const view = buildMergedView({ stack: stackOf([write('/usr/local/bin/tool', null, { certainty: 'unknown' })]) }, 0);
    assert.deepEqual(render(view.rows), [
      '/usr directory ? L-1 implied unknown',
      '/usr/local directory ? L-1 implied unknown',
      '/usr/local/bin directory ? L-1 implied unknown',
      '/usr/local/bin/tool file ? L0 present unknown',
    ]);
  });

  it('deleted directory listed once', () => {
    const view = buildMergedView({ stack: stackOf([dir('/tmp'), dir('/tmp/cache'), write('/tmp/cache/x', 3)], [remove('/tmp/cache')]) }, 1);
    assert.deepEqual(render(view.rows), ['/tmp directory 0 L0 present exact', '/tmp/cache directory 0 L1 deleted exact written by L0']);
  });

  it('opaque directory', () => {
    const view = buildMergedView({ stack: stackOf([dir('/d'), write('/d/old', 4)], [dir('/d', { opaque: true }), write('/d/new', 6)]) }, 1);
    assert.deepEqual(render(view.rows), [
      '/d directory 0 L1 present exact shadows L0:0',
      '/d/new file 6 L1 present exact',
      '/d/old file 4 L1 deleted exact written by L0',
    ]);
  });

  it('empty stack', () => {
    const view = buildMergedView({ stack: new LayerStack() }, 0);
    assert.equal(view.asOf, -1);
    assert.deepEqual(view.rows.names, []);
  });

  it('layer out of range', () => {
    assert.throws(() => buildMergedView({ stack }, 3), { name: 'RangeError', message: 'Layer 3 is out of range: the stack has layers 0 to 2.' });
    assert.throws(() => buildMergedView({ stack }, -1), RangeError);
    assert.throws(() => buildMergedView({ stack }, 1.5), RangeError);
  });
});

describe('describeLayers', () => {
  it('sizes and flags per step', () => {
    const stack = stackOf([write('/a', 7), write('/b', null)], [], [write('/a', 2)]);
    const step = (index: number, instruction: string, emptyLayer: boolean): Step => ({
      index,
      stage: 0,
      line: index + 1,
      endLine: index + 1,
      instruction,
      text: `${instruction} x`,
      emptyLayer,
      certainty: 'exact',
      notes: [],
    });
    const analysis = { steps: [step(0, 'COPY', false), step(1, 'ENV', true), step(2, 'COPY', false)], stack } as unknown as Analysis;
    const layers = describeLayers(analysis);
    assert.deepEqual(
      layers.map((layer) => [layer.index, layer.line, layer.instruction, layer.emptyLayer, layer.bytes, layer.unknownSizes]),
      [
        [0, 1, 'COPY', false, 7, 1],
        [1, 2, 'ENV', true, 0, 0],
        [2, 3, 'COPY', false, 2, 0],
      ],
    );
  });

  describe('failing and not reached steps', () => {
    after(removeContexts);

    /** Returns the message of the error on a line, which names the build context's temporary folder. */
    const errorOn = (analysis: Analysis, line: number) => analysis.problems.find((problem) => problem.line === line && problem.severity === 'error')?.message ?? '';

    // Stage `build` fails on line 2, and the target copies from it on line 6, so BuildKit stops there.
    const failing = 'FROM scratch AS build\nCOPY missing.txt /m.txt\nCOPY a.txt /out\nFROM scratch AS final\nCOPY a.txt /a.txt\nCOPY --from=build /out /out\nCOPY gone.txt /g.txt\n';

    it('marks of the target chain', async () => {
      const analysis = await predict(failing, { 'a.txt': 'a' });

      assert.deepEqual(
        describeLayers(analysis).map((layer) => layer.buildStop),
        [
          undefined,
          undefined,
          { mark: 'not reached', explanation: 'Not reached: the build stops at step #1 of stage "build" (line 2). The prediction is made without the changes of that step.' },
          // A failing step's explanation ends with the errors on its line.
          { mark: 'not reached · would fail too', explanation: `Not reached: the build stops at step #1 of stage "build" (line 2). This step would fail too, so it makes no layer. ${errorOn(analysis, 7)}` },
        ],
      );
    });

    it('mark after a failing ENV', async () => {
      const analysis = await predict('FROM scratch\nARG V\nENV E=${V-w}\nCOPY a.txt /$E.txt\n', { 'a.txt': 'a' }, { builder: 'classic' });
      const explanation = describeLayers(analysis)[3].buildStop?.explanation;
      assert.equal(explanation, 'Not reached: the build stops at step #2 (line 3). The prediction is made as if that step had not failed.');
    });

    it('marks of the failing stage', async () => {
      const analysis = await predict(failing, { 'a.txt': 'a' });
      const view = stageView(analysis, 0);
      assert.ok(view);

      assert.deepEqual(
        describeLayers(view).map((layer) => layer.buildStop),
        [
          undefined,
          { mark: 'build fails here', explanation: `The build fails on this step, so it makes no layer and the steps after it do not run. ${errorOn(analysis, 2)}` },
          { mark: 'not reached', explanation: 'Not reached: the build stops at step #1 (line 2). The prediction is made without the changes of that step.' },
        ],
      );
    });
  });
});
