import { strict as assert } from 'node:assert';
import { analyze } from '../../../src/core/analysis/analyze';
import { join } from 'node:path';
import { makeContext, predict, removeContexts, stepAt, changesAt } from './helpers';
import type { KnownImage } from '../../../src/core/predict/baseImage';
import { makeLayer } from '../../../src/core/model/layer';

const note = (folders: string, image = 'busybox:1.36') => `The base image ${image} is not read, so this assumes it has ${folders}, as most Linux images do. If it does not, the builder creates it in this layer.`;

/** A read base image that has /etc and /usr only, as a minimal busybox root filesystem does. */
const minimalBase: KnownImage = {
  layer: makeLayer(['/etc', '/usr', '/usr/bin'].map((path) => ({ op: 'write', path, type: 'directory', size: 0, mode: 0o755, uid: 0, gid: 0, certainty: 'exact' }))),
};

describe('folders of an assumed base image', () => {
  afterEach(removeContexts);

  it('classic WORKDIR of an assumed folder', async () => {
    const analysis = await predict('FROM busybox:1.36\nWORKDIR /srv\n', {}, { builder: 'classic' });
    const step = stepAt(analysis, 2);
    // The classic builder records no layer only for a diff known to be empty.
    assert.equal(step.emptyLayer, false);
    assert.equal(step.certainty, 'estimated');
    assert.deepEqual(step.notes, [note('/srv')]);
  });

  it('COPY below assumed folders', async () => {
    const analysis = await predict('FROM busybox:1.36\nCOPY app /usr/local/bin/app\n', { app: '#!/bin/sh\n' });
    const step = stepAt(analysis, 2);
    assert.equal(step.certainty, 'estimated');
    assert.deepEqual(changesAt(analysis, 2), ['/usr/local/bin/app added file']);
    assert.deepEqual(step.notes, [note('/usr/local/bin')]);
  });

  it('several assumed folders named', async () => {
    const analysis = await predict('FROM busybox:1.36\nCOPY a /opt/a\nCOPY b /srv/b\n', { a: 'a', b: 'b' });
    assert.deepEqual(stepAt(analysis, 2).notes, [note('/opt')]);
    assert.deepEqual(stepAt(analysis, 3).notes, [note('/srv')]);
  });

  it('folder a step made is relied on', async () => {
    const analysis = await predict('FROM busybox:1.36\nWORKDIR /srv/app\nCOPY a.txt ./\n', { 'a.txt': 'a' });
    assert.equal(stepAt(analysis, 2).certainty, 'estimated');
    assert.deepEqual(changesAt(analysis, 2), ['/srv/app added directory']);
    // /srv/app comes from the WORKDIR's layer, so the COPY relies on no assumed folder.
    assert.equal(stepAt(analysis, 3).certainty, 'exact');
    assert.deepEqual(stepAt(analysis, 3).notes, []);
  });

  it('read base lacking the folder', async () => {
    const root = makeContext({ a: 'a' });
    const text = 'FROM busybox:1.36\nWORKDIR /srv\nCOPY a /usr/local/bin/a\n';
    const analysis = await analyze({ dockerfilePath: join(root, 'Dockerfile'), text, builder: 'classic', images: (reference) => (reference === 'busybox:1.36' ? minimalBase : undefined) });
    assert.equal(stepAt(analysis, 2).certainty, 'exact');
    assert.deepEqual(changesAt(analysis, 2), ['/srv added directory']);
    assert.equal(stepAt(analysis, 3).certainty, 'exact');
    assert.deepEqual(changesAt(analysis, 3), ['/usr/local added directory', '/usr/local/bin added directory', '/usr/local/bin/a added file']);
  });

  it('COPY --from=IMAGE names the base image', async () => {
    const analysis = await predict('FROM bbx-local:1\nCOPY --from=some-image:1 /opt/tool /usr/local/bin/tool\n');
    const notes = stepAt(analysis, 2).notes;
    assert.ok(notes.includes(note('/usr/local/bin', 'bbx-local:1')), notes.join('\n'));
    assert.ok(notes.some((text) => text.startsWith('The image some-image:1 is not read')), notes.join('\n'));
  });

  it('stage FROM a stage names the root image', async () => {
    const analysis = await predict('FROM debian:12 AS base\nFROM base\nWORKDIR /srv\n', {}, { builder: 'classic' });
    assert.deepEqual(stepAt(analysis, 3).notes, [note('/srv', 'debian:12')]);
  });

  it('ARG in FROM names the expanded image', async () => {
    const analysis = await predict('ARG VERSION=3.19\nFROM alpine:${VERSION}\nCOPY a /opt/a\n', { a: 'a' });
    assert.deepEqual(stepAt(analysis, 3).notes, [note('/opt', 'alpine:3.19')]);
  });

  it('scratch has no assumed folders', async () => {
    const analysis = await predict('FROM scratch\nCOPY a /opt/a\n', { a: 'a' });
    assert.equal(stepAt(analysis, 2).certainty, 'exact');
    assert.deepEqual(stepAt(analysis, 2).notes, []);
  });
});
