/**
 * Layer entries whose path goes through a symlink. The expected outcomes of Docker 20.10.24 in the
 * problems were checked with `docker load` and `docker export` of the same layers.
 */
import { strict as assert } from 'node:assert';
import { Readable } from 'node:stream';
import { readImage } from '../../../src/core/image/readImage';
import { dockerArchive, plainLayer } from './imageBuilder';

const read = (archive: Buffer) => readImage({ kind: 'stream', stream: Readable.from([archive]), label: 'test.tar' });

const base = plainLayer([{ name: 'etc/', type: '5' }, { name: 'etc/passwd', body: 'root:x:0:0::/:/bin/sh\n' }]);

describe('entries below a symlink', () => {
  it('same layer gets a problem', async () => {
    const image = await read(dockerArchive([
      base,
      plainLayer([
        { name: 'evil', type: '2', linkname: '../../../../../etc/shadow' },
        { name: 'evil/through.txt', body: 'T' },
      ]),
    ]));
    assert.deepEqual(image.problems, [
      'test.tar: l1/layer.tar: the entry /evil/through.txt is below /evil, which an earlier entry of this layer wrote as a symlink to "../../../../../etc/shadow". ' +
        'It is listed where the layer puts it. Docker 20.10 on overlay2 writes it through the link when this layer wrote the target earlier, and otherwise fails to load the image. ' +
        'On vfs, Docker writes it through the link when the target exists, and otherwise fails to load the image.',
    ]);
    assert.deepEqual(image.layers[1].layer.entries.map((entry) => entry.path), ['/evil', '/evil/through.txt']);
  });

  it('lower layer link gets a problem', async () => {
    const image = await read(dockerArchive([
      base,
      plainLayer([{ name: 'lnk', type: '2', linkname: 'etc' }]),
      plainLayer([{ name: 'lnk/x', body: 'X' }]),
    ]));
    assert.deepEqual(image.problems, [
      'test.tar: l2/layer.tar: the entry /lnk/x is below /lnk, which a lower layer wrote as a symlink to "etc". ' +
        'It is listed where the layer puts it. Docker 20.10 on overlay2 makes a folder in place of the link, with the entry in it. ' +
        'On vfs, Docker writes it through the link when the target exists, and otherwise fails to load the image.',
    ]);
  });

  it('replaced or deleted link gets none', async () => {
    const image = await read(dockerArchive([
      base,
      plainLayer([
        { name: 'a', type: '2', linkname: 'etc' },
        { name: 'b', type: '2', linkname: 'etc' },
        { name: 'c/', type: '5' },
        { name: 'c/d', type: '2', linkname: '/etc' },
      ]),
      plainLayer([{ name: 'a/', type: '5' }, { name: 'a/x', body: 'X' }, { name: '.wh.b' }, { name: 'c/.wh..wh..opq' }]),
      plainLayer([{ name: 'b/y', body: 'Y' }, { name: 'c/d/z', body: 'Z' }]),
    ]));
    assert.deepEqual(image.problems, []);
  });
});
