import * as assert from 'node:assert/strict';
import type { PanelData } from '../../../src/protocol/webview';
import { linkedImagePanelData } from './panelData';

describe('panel layers of a linked image', () => {
  let data: PanelData;

  before(async () => {
    data = await linkedImagePanelData();
  });

  it('imported base layer named in words', () => {
    const base = data.layers[0];
    assert.equal(base.instruction, 'LAYER');
    assert.deepEqual(base.plainLabel, { short: 'base image', text: 'base layer 1 of 1 (busybox-local:2)' });
    assert.equal(base.source, 'base image');
  });

  it('instruction layers keep their text', () => {
    assert.deepEqual(
      data.layers.slice(1).map((layer) => layer.plainLabel),
      [undefined, undefined, undefined, undefined],
    );
    assert.equal(data.layers[2].text, 'COPY data/ /data/');
  });
});
