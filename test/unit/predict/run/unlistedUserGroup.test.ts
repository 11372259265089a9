/**
 * Group of a numeric USER that /etc/passwd does not list. The expected values are those of real
 * builds on a BusyBox root filesystem without /etc/passwd, by the classic builder of Docker
 * Engine 20.10.24 and by buildah 1.28.2. After USER 1000, the files a RUN made were owned by 1000:0.
 */
import * as assert from 'node:assert/strict';
import type { KnownImage } from '../../../../src/core/predict/baseImage';
import { ownerAt, predict, removeContexts, stepAt } from '../helpers';
import { readBusyboxImage, shellImages } from './realShells';

describe('group of an unlisted user', () => {
  let busybox: KnownImage;
  before(async () => {
    busybox = await readBusyboxImage();
  });
  after(removeContexts);

  it('USER 1000 without /etc/passwd', async () => {
    const dockerfile = 'FROM busybox-local:2\nRUN rm /etc/passwd\nUSER 1000\nRUN touch /tmp/f\n';
    const analysis = await predict(dockerfile, {}, { builder: 'classic', images: shellImages(busybox) });
    assert.equal(ownerAt(analysis, 4, '/tmp/f'), '1000:0 exact');
    assert.equal(stepAt(analysis, 4).certainty, 'exact');
  });

  it('USER 1234 not in /etc/passwd', async () => {
    const dockerfile = 'FROM busybox-local:2\nCOPY passwd /etc/passwd\nUSER 1234\nRUN touch /tmp/f\n';
    const passwd = 'nobody:x:65534:65534:nobody:/nonexistent:/bin/false\n';
    const analysis = await predict(dockerfile, { passwd }, { builder: 'classic', images: shellImages(busybox) });
    assert.equal(ownerAt(analysis, 4, '/tmp/f'), '1234:0 exact');
  });

  it('USER 1000 keeps the group of its line', async () => {
    const dockerfile = 'FROM busybox-local:2\nUSER 1000\nRUN touch /tmp/f\n';
    const analysis = await predict(dockerfile, {}, { builder: 'classic', images: shellImages(busybox) });
    assert.equal(ownerAt(analysis, 3, '/tmp/f'), '1000:1000 exact');
  });

  it('USER 1000 on an unread base image', async () => {
    const analysis = await predict('FROM debian:12\nUSER 1000\nRUN touch /f\n', {}, { builder: 'classic' });
    assert.match(ownerAt(analysis, 3, '/f'), /^1000:\? /);
    const notes = stepAt(analysis, 3).notes.join('\n');
    assert.match(notes, /USER 1000 names no group/);
    assert.match(notes, /\/etc\/passwd is not read/);
  });
});
