/** The size the Merged Filesystem panel's layer list gives a layer that may hold unlisted content. */
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import * as vm from 'node:vm';
import { analyze } from '../../../src/core/analysis/analyze';
import { buildPanelData } from '../../../src/extension/panel/panelData';
import type { LayerInfo } from '../../../src/protocol/webview';

/** Loads the webview's `format.layerSize` the way the page does, as a classic script. */
function loadLayerSize(): (layer: LayerInfo) => string {
  const sandbox: { layerLensPanel?: { format: { layerSize(layer: LayerInfo): string } } } = {};
  vm.createContext(sandbox);
  vm.runInContext(readFileSync(path.join(__dirname, '../../../media/panel/format.js'), 'utf8'), sandbox);
  return sandbox.layerLensPanel!.format.layerSize;
}

async function layerOfLine(text: string, line: number): Promise<LayerInfo> {
  const dockerfilePath = path.join(__dirname, '../../fixtures/tree-rows/Dockerfile');
  const analysis = await analyze({ dockerfilePath, text });
  const data = buildPanelData(analysis, { uri: `file://${dockerfilePath}`, fileName: 'Dockerfile' }, undefined);
  const layer = data.layers.find((candidate) => candidate.line === line);
  assert.ok(layer, `no layer on line ${line}`);
  return layer;
}

describe('panel layer size of an open layer', () => {
  it('known empty file: at least 0 B', async () => {
    const layer = await layerOfLine('FROM alpine\nRUN touch /empty.txt && rm /bin/vi\n', 2);

    assert.equal(layer.certainty, 'unknown');
    assert.equal(loadLayerSize()(layer), 'at least 0 B');
  });

  it('folders only: unknown size', async () => {
    const layer = await layerOfLine('FROM alpine\nRUN mkdir /d && rm /bin/vi\n', 2);

    assert.equal(loadLayerSize()(layer), 'unknown size');
  });
});
