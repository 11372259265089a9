import { strict as assert } from 'node:assert';
import type { KnownImage } from '../../../src/core/predict/baseImage';
import { makeLayer } from '../../../src/core/model/layer';
import { changesAt, folderEntry, linkEntry, predict, programEntry, removeContexts, stepAt } from './helpers';

/** A read base image with a shell, `touch`, the folder /real/x/y and a link /lx -> /real/x. */
const linkedBase: KnownImage = {
  layer: makeLayer([
    folderEntry('/bin'),
    programEntry('/bin/sh'),
    programEntry('/bin/touch'),
    folderEntry('/real'),
    folderEntry('/real/x'),
    folderEntry('/real/x/y'),
    linkEntry('/lx', '/real/x'),
  ]),
};
const images = (reference: string) => (reference === 'linked' ? linkedBase : undefined);

describe('WORKDIR below a symlinked folder', () => {
  afterEach(removeContexts);

  it('classic, WORKDIR /lx/y of an existing folder', async () => {
    const analysis = await predict('FROM linked\nWORKDIR /lx/y\n', {}, { builder: 'classic', images });
    assert.deepEqual(changesAt(analysis, 2), []);
  });

  it('classic, WORKDIR /lx/new then RUN touch f.txt', async () => {
    const analysis = await predict('FROM linked\nWORKDIR /lx/new\nRUN touch f.txt\n', {}, { builder: 'classic', images });
    assert.deepEqual(changesAt(analysis, 2), ['/real/x/new added directory']);
    assert.equal(stepAt(analysis, 3).failed, undefined);
    assert.deepEqual(analysis.problems, []);
    assert.deepEqual(changesAt(analysis, 3), ['/real/x/new/f.txt added file']);
  });
});
