import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import type { Analysis, StageInfo, Step } from '../../../src/core/analysis/types';
import type { LinkedImage } from '../../../src/core/image/linkedAnalysis';
import { makeLayer, type LayerEntry, type WriteEntry } from '../../../src/core/model/layer';
import { LayerStack } from '../../../src/core/model/stack';
import { PANEL_SCRIPTS, createNonce, renderPanelHtml } from '../../../src/extension/panel/html';
import { buildPanelData, chooseLayer, validateShowArguments } from '../../../src/extension/panel/panelData';
import { describeDeletedContents } from '../../../src/extension/panel/deletedContents';
import { sourceOf, sourceOfOrigin } from '../../../src/extension/panel/sourceOf';
import { missingAnalysisMessage } from '../../../src/extension/panel/missingAnalysis';
import { panelTitle } from '../../../src/extension/panel/title';

const contextPath = path.resolve('/work/ctx');

function write(pathName: string, extra: Partial<WriteEntry> = {}): WriteEntry {
  return { op: 'write', path: pathName, type: 'file', size: 1, mode: 0o644, uid: 0, gid: 0, certainty: 'exact', ...extra };
}

function analysisOf(...layers: LayerEntry[][]): Analysis {
  const stack = new LayerStack();
  const steps: Step[] = layers.map((entries, index) => {
    stack.push(makeLayer(entries));
    return { index, stage: 0, line: index * 2 + 1, endLine: index * 2 + 1, instruction: 'COPY', text: 'COPY . /', emptyLayer: false, certainty: 'exact', notes: [] };
  });
  return { dockerfilePath: path.join(contextPath, 'Dockerfile'), contextPath, stages: [], target: 0, steps, stack, problems: [], contextProblems: [] } as Analysis;
}

describe('renderPanelHtml', () => {
  const html = renderPanelHtml({
    cspSource: 'https://res.example',
    nonce: 'abc+/=',
    scriptUris: PANEL_SCRIPTS.map((file) => `https://res.example/media/${file}`),
    styleUris: ['https://res.example/media/panel.css'],
    title: 'Merged Filesystem: <Dockerfile>',
  });

  it('content security policy', () => {
    const policy = /http-equiv="Content-Security-Policy" content="([^"]*)"/.exec(html)?.[1];
    assert.equal(policy, "default-src &#39;none&#39;; style-src https://res.example; img-src https://res.example; font-src https://res.example; script-src &#39;nonce-abc+/=&#39;");
  });

  it('scripts in order with nonce', () => {
    const scripts = [...html.matchAll(/<script nonce="([^"]*)" src="([^"]*)"><\/script>/g)];
    assert.deepEqual(
      scripts.map((match) => match[2]),
      PANEL_SCRIPTS.map((file) => `https://res.example/media/${file}`),
    );
    assert.ok(scripts.every((match) => match[1] === 'abc+/='));
    assert.equal(PANEL_SCRIPTS.at(-1), 'panel.js');
  });

  it('title escaped', () => {
    assert.match(html, /<title>Merged Filesystem: &#60;Dockerfile&#62;<\/title>/);
    assert.doesNotMatch(html, /<Dockerfile>/);
  });

  it('no inline script', () => {
    assert.equal(html.match(/<script/g)?.length, PANEL_SCRIPTS.length);
    assert.doesNotMatch(html, /<script[^>]*>[^<]/);
  });
});

describe('createNonce', () => {
  it('fresh base64 of 16 bytes', () => {
    const nonces = new Set(Array.from({ length: 50 }, createNonce));
    assert.equal(nonces.size, 50);
    for (const nonce of nonces) assert.equal(Buffer.from(nonce, 'base64').length, 16);
  });
});

describe('validateShowArguments', () => {
  it('uri and layer', () => {
    assert.deepEqual(validateShowArguments({ uri: 'file:///w/Dockerfile', layer: 3 }), { ok: true, value: { uri: 'file:///w/Dockerfile', layer: 3 } });
  });

  it('uri, layer and stage', () => {
    assert.deepEqual(validateShowArguments({ uri: 'file:///w/Dockerfile', layer: 3, stage: 0 }), { ok: true, value: { uri: 'file:///w/Dockerfile', layer: 3, stage: 0 } });
  });

  it('uri and stage', () => {
    assert.deepEqual(validateShowArguments({ uri: 'file:///w/Dockerfile', stage: 1 }), { ok: true, value: { uri: 'file:///w/Dockerfile', stage: 1 } });
  });

  it('uri alone', () => {
    assert.deepEqual(validateShowArguments({ uri: 'file:///w/Dockerfile' }), { ok: true, value: { uri: 'file:///w/Dockerfile' } });
  });

  const invalid: Array<[unknown, string]> = [
    ['file:///w/Dockerfile', 'The argument must be an object { uri, layer?, stage? }.'],
    [null, 'The argument must be an object { uri, layer?, stage? }.'],
    [{ layer: 1 }, 'The argument\'s "uri" must be a non-empty string.'],
    [{ uri: '' }, 'The argument\'s "uri" must be a non-empty string.'],
    [{ uri: 'file:///w/Dockerfile', layer: -1 }, 'The argument\'s "layer" must be a non-negative integer, not -1.'],
    [{ uri: 'file:///w/Dockerfile', layer: '2' }, 'The argument\'s "layer" must be a non-negative integer, not "2".'],
    [{ uri: 'file:///w/Dockerfile', stage: -1 }, 'The argument\'s "stage" must be a non-negative integer, not -1.'],
    [{ uri: 'file:///w/Dockerfile', layer: 1, stage: 1.5 }, 'The argument\'s "stage" must be a non-negative integer, not 1.5.'],
    [{ uri: 'file:///w/Dockerfile', stage: 'build' }, 'The argument\'s "stage" must be a non-negative integer, not "build".'],
  ];
  for (const [value, error] of invalid) {
    it(`rejects ${JSON.stringify(value)}`, () => {
      assert.deepEqual(validateShowArguments(value), { ok: false, error });
    });
  }
});

describe('chooseLayer', () => {
  const analysis = analysisOf([write('/a')], [write('/b')], [write('/c')]);

  it('requested layer', () => assert.equal(chooseLayer(analysis, 1), 1));
  it('top when absent', () => assert.equal(chooseLayer(analysis, undefined), 2));
  it('top when past the end', () => assert.equal(chooseLayer(analysis, 9), 2));
  it('no layers', () => assert.equal(chooseLayer(analysisOf(), 0), -1));
});

describe('buildPanelData', () => {
  it('layers and rows', () => {
    const analysis = analysisOf([write('/a', { size: 4 })], [write('/a', { size: 9 })]);
    analysis.problems.push({ line: 1, endLine: 1, severity: 'warning', message: 'x' });
    const data = buildPanelData(analysis, { uri: 'file:///work/ctx/Dockerfile', fileName: 'Dockerfile' }, 0);
    assert.equal(data.view.asOf, 0);
    assert.deepEqual(data.view.rows.names, ['a']);
    assert.deepEqual(data.view.rows.sizes, [4]);
    assert.deepEqual(data.layers.map((layer) => layer.line), [1, 3]);
    assert.equal(data.problemCount, 1);
    assert.equal(data.fileName, 'Dockerfile');
  });

  it('linked image named once', () => {
    const analysis = analysisOf([write('/a')], [write('/b')], [write('/c')]);
    const image: Partial<LinkedImage> = {
      name: 'shop/api:1.2',
      sources: [
        { kind: 'base', historyEntry: 0 },
        { kind: 'image', historyEntry: 1 },
        { kind: 'predicted', historyEntry: null },
      ],
    };
    const linked = Object.assign(analysis, { image }) as Analysis;

    const data = buildPanelData(linked, { uri: 'u', fileName: 'f' }, 2);
    assert.equal(data.imageName, 'shop/api:1.2');
    assert.deepEqual(
      data.layers.map((layer) => layer.source),
      ['base image', 'from the image', 'predicted'],
    );
    assert.ok(data.layers.every((layer) => layer.text === 'COPY . /'));
  });

  it('no image, no source', () => {
    const data = buildPanelData(analysisOf([write('/a')]), { uri: 'u', fileName: 'f' }, 0);
    assert.equal(data.imageName, undefined);
    assert.equal(data.layers[0].source, undefined);
  });

  it('out-of-range layer shows the top', () => {
    const data = buildPanelData(analysisOf([write('/a')], [write('/b')]), { uri: 'u', fileName: 'f' }, 5);
    assert.equal(data.view.asOf, 1);
    assert.deepEqual(data.view.rows.names, ['a', 'b']);
  });
});

describe('sourceOf', () => {
  const analysis = analysisOf(
    [
      write('/app/main.py', { origin: { kind: 'context', path: 'src/main.py' } }),
      write('/app/escape', { origin: { kind: 'context', path: '../outside' } }),
      write('/etc/motd', { origin: { kind: 'heredoc', name: 'EOF' } }),
    ],
    [write('/app/lib.so', { origin: { kind: 'stage', stage: 0, path: '/build/lib.so' } }), write('/app/x')],
  );
  const build = { index: 0, name: 'build', base: 'node:22', line: 1 } as StageInfo;

  it('context file', () => {
    assert.deepEqual(sourceOf(analysis, '/app/main.py', 1), { kind: 'file', hostPath: path.join(contextPath, 'src', 'main.py') });
  });

  it('context file outside the context', () => {
    assert.deepEqual(sourceOf(analysis, '/app/escape', 0), { kind: 'none', message: '/app/escape comes from ../outside, which is outside the build context.' });
  });

  it('heredoc', () => {
    assert.deepEqual(sourceOf(analysis, '/etc/motd', 1), { kind: 'line', line: 1 });
  });

  it('copied from a stage', () => {
    assert.deepEqual(sourceOf(analysis, '/app/lib.so', 1), { kind: 'line', line: 3 });
  });

  it('stage copy without its step', () => {
    const origin = { kind: 'stage', stage: 0, path: '/build/lib.so' } as const;
    assert.deepEqual(sourceOfOrigin('/app/lib.so', origin, undefined, contextPath, [build]), {
      kind: 'none',
      message: '/app/lib.so has no file in the build context to open: it is copied from /build/lib.so of stage build.',
    });
  });

  it('no origin', () => {
    assert.deepEqual(sourceOf(analysis, '/app/x', 1), { kind: 'none', message: '/app/x has no file in the build context to open: its origin is not known.' });
  });

  it('path not yet written', () => {
    assert.deepEqual(sourceOf(analysis, '/app/lib.so', 0), { kind: 'none', message: '/app/lib.so is not in the merged filesystem as of layer 0.' });
  });

  it('layer out of range', () => {
    assert.deepEqual(sourceOf(analysis, '/app/x', 2), { kind: 'none', message: 'Layer 2 does not exist in the analysis of this Dockerfile.' });
  });
});

describe('panelTitle', () => {
  it('names the folder', () => {
    assert.equal(panelTitle(path.join(contextPath, 'api', 'Dockerfile')), 'Merged Filesystem: api/Dockerfile');
  });

  it('file at the root', () => {
    assert.equal(panelTitle(path.resolve('/Dockerfile')), 'Merged Filesystem: Dockerfile');
  });
});

describe('describeDeletedContents', () => {
  const directory = (pathName: string) => write(pathName, { type: 'directory', size: 0 });

  it('held paths of a deleted folder', () => {
    const analysis = analysisOf(
      [directory('/d'), write('/d/a', { size: 5 }), directory('/d/sub'), write('/d/sub/b', { size: 7 }), write('/d/c', { size: null, certainty: 'estimated' }), write('/keep', { size: 3 })],
      [write('/d/a', { size: 50 })],
      [{ op: 'delete', path: '/d', certainty: 'exact' }],
    );
    const data = buildPanelData(analysis, { uri: 'u', fileName: 'f' }, 2);
    const row = data.view.rows.names.indexOf('d');

    assert.deepEqual(data.view.rows.deletedContents, [{ row, paths: 4, bytes: 57, unknownSizes: 1 }]);
  });

  it('folder an unknown layer wrote into', () => {
    const analysis = analysisOf(
      [directory('/d'), write('/d/a', { size: 5 })],
      [write('/d/b', { size: null, certainty: 'unknown' })],
      [{ op: 'delete', path: '/d', certainty: 'exact' }],
    );
    const data = buildPanelData(analysis, { uri: 'u', fileName: 'f' }, 2);
    const row = data.view.rows.names.indexOf('d');

    assert.deepEqual(data.view.rows.deletedContents, [{ row, paths: 2, bytes: 5, unknownSizes: 2 }]);
  });

  it('deleted file left out', () => {
    const analysis = analysisOf([write('/f', { size: 9 })], [{ op: 'delete', path: '/f', certainty: 'exact' }]);
    const data = buildPanelData(analysis, { uri: 'u', fileName: 'f' }, 1);

    assert.deepEqual(describeDeletedContents(analysis.stack, data.view.rows), []);
  });

  it('nested folder path', () => {
    const analysis = analysisOf([directory('/x'), directory('/x/y'), write('/x/y/z', { size: 2 })], [{ op: 'delete', path: '/x/y', certainty: 'exact' }]);
    const data = buildPanelData(analysis, { uri: 'u', fileName: 'f' }, 1);

    assert.deepEqual(data.view.rows.deletedContents?.map(({ paths, bytes }) => [paths, bytes]), [[1, 2]]);
  });
});

describe('missingAnalysisMessage', () => {
  it('closed Dockerfile', () => {
    assert.equal(missingAnalysisMessage('Dockerfile', 'closed'), 'Dockerfile was closed, so Layer Lens stopped analysing it. Open it again to update this panel.');
  });

  it('failed analysis', () => {
    assert.equal(missingAnalysisMessage('Dockerfile', 'failed'), 'The analysis of Dockerfile is not available now. See the Layer Lens output for the reason.');
  });
});
