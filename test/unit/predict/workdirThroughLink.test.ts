import { strict as assert } from 'node:assert';
import type { KnownImage } from '../../../src/core/predict/baseImage';
import { makeLayer } from '../../../src/core/model/layer';
import { changesAt, folderEntry, linkEntry, predict, programEntry, removeContexts, stepAt } from './helpers';

/** A read base image with a shell, `touch`, the folder /real/x/y, a link /lx -> /real/x and a dangling link /dg -> /nowhere. */
const linkedBase: KnownImage = {
  layer: makeLayer([
    folderEntry('/bin'),
    programEntry('/bin/sh'),
    programEntry('/bin/touch'),
    folderEntry('/real'),
    folderEntry('/real/x'),
    folderEntry('/real/x/y'),
    linkEntry('/lx', '/real/x'),
    linkEntry('/dg', '/nowhere'),
  ]),
};
const images = (reference: string) => (reference === 'linked' ? linkedBase : undefined);

/** Returns the changes at `line` without the mount points a buildah RUN leaves in every layer. */
function buildahChangesAt(analysis: Awaited<ReturnType<typeof predict>>, line: number): string[] {
  return changesAt(analysis, line).filter((change) => !/^\/(dev|proc|run|sys) /.test(change));
}

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

  it('buildah, WORKDIR /lx/k then COPY a.txt /c2/', async () => {
    const analysis = await predict('FROM linked\nWORKDIR /lx/k\nCOPY a.txt /c2/\nRUN touch g\n', { 'a.txt': 'a\n' }, { builder: 'buildah', images });
    assert.deepEqual(changesAt(analysis, 3), ['/c2 added directory', '/c2/a.txt added file', '/real/x/k added directory']);
    assert.deepEqual(buildahChangesAt(analysis, 4), ['/real/x/k/g added file']);
  });

  it('buildah, WORKDIR /dg/w through a dangling link', async () => {
    const analysis = await predict('FROM linked\nWORKDIR /dg/w\nRUN touch g\n', {}, { builder: 'buildah', images });
    assert.deepEqual(buildahChangesAt(analysis, 3), ['/nowhere added directory', '/nowhere/w added directory', '/nowhere/w/g added file']);
  });
});
