/**
 * Layer entries whose path goes through a symlink. The expected outcomes of Docker 20.10.24 in the
 * problems were checked with `docker load` and `docker export` of the same layers.
 */
import { strict as assert } from 'node:assert';
import { Readable } from 'node:stream';
import { LiveLinks, MAX_PROBLEMS_PER_LAYER } from '../../../src/core/image/entriesBelowLinks';
import { readImage } from '../../../src/core/image/readImage';
import type { LayerEntry } from '../../../src/core/model/layer';
import { dockerArchive, plainLayer } from './imageBuilder';

const read = (archive: Buffer) => readImage({ kind: 'stream', stream: Readable.from([archive]), label: 'test.tar' });

/** Returns a root-owned entry of `type` for a layer given to `LiveLinks` directly. */
function written(path: string, type: 'directory' | 'file' | 'symlink'): LayerEntry {
  return { op: 'write', path, type, size: 0, mode: 0o755, uid: 0, gid: 0, certainty: 'exact', ...(type === 'symlink' ? { linkTarget: '/x' } : {}) };
}

/** Returns the number of folders above `path`, which a lookup steps through. */
function depth(path: string): number {
  return path.split('/').length - 2;
}

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

  it('folder replaced by file', async () => {
    const image = await read(dockerArchive([
      base,
      plainLayer([
        { name: 'c/', type: '5' },
        { name: 'c/l', type: '2', linkname: '/etc' },
        { name: 'k/', type: '5' },
        { name: 'k/l', type: '2', linkname: '/etc' },
      ]),
      plainLayer([{ name: 'c', body: 'file' }, { name: 'kept', body: 'file' }]),
      plainLayer([{ name: 'c/', type: '5' }, { name: 'c/l/z', body: 'Z' }, { name: 'k/l/z', body: 'Z' }]),
    ]));
    assert.equal(image.problems.length, 1);
    assert.match(image.problems[0], /the entry \/k\/l\/z is below \/k\/l, which a lower layer wrote/);
  });

  it('folder replaced by link', async () => {
    const image = await read(dockerArchive([
      base,
      plainLayer([{ name: 'a/', type: '5' }, { name: 'a/l', type: '2', linkname: '/etc' }]),
      plainLayer([{ name: 'a', type: '2', linkname: 'etc' }, { name: 'a/l/f', body: 'F' }]),
    ]));
    assert.equal(image.problems.length, 1);
    assert.match(image.problems[0], /l2\/layer\.tar: the entry \/a\/l\/f is below \/a, which an earlier entry of this layer wrote as a symlink to "etc"\./);
  });

  it('problems capped per layer', async () => {
    const below = Array.from({ length: MAX_PROBLEMS_PER_LAYER + 5 }, (_, index) => ({ name: `lnk/f${index}`, body: 'F' }));
    const image = await read(dockerArchive([base, plainLayer([{ name: 'lnk', type: '2', linkname: 'etc' }]), plainLayer(below)]));
    assert.equal(image.problems.length, MAX_PROBLEMS_PER_LAYER + 1);
    assert.match(image.problems[0], /the entry \/lnk\/f0 is below \/lnk/);
    assert.equal(image.problems[MAX_PROBLEMS_PER_LAYER], 'test.tar: l2/layer.tar: 5 more entries of this layer are below symlinks, as the problems above describe. They are listed where the layer puts them.');
  });

  it('hostile layers cost linear work', () => {
    // 40,000 folders that each contain a link, then a layer that writes a file in place of each
    // folder. A scan of the live links on each replacement costs about 40,000² / 2 steps.
    const count = 40_000;
    const lower = Array.from({ length: count }, (_, index) => [written(`/d${index}`, 'directory'), written(`/d${index}/l`, 'symlink')]).flat();
    const upper = Array.from({ length: count }, (_, index) => written(`/d${index}`, 'file'));
    const links = new LiveLinks();
    let found = 0;
    for (const [layer, entries] of [lower, upper].entries()) {
      for (const entry of entries) {
        if (links.linkAbove(entry.path)) found++;
        links.apply(entry, layer);
      }
    }

    // Each entry costs a lookup through the folders above it, and a link records those folders once.
    const pathDepths = [...lower, ...upper].reduce((sum, entry) => sum + depth(entry.path), 0);
    assert.ok(links.foldersVisited <= 2 * pathDepths, `${links.foldersVisited} folders visited for ${pathDepths} folders in the paths`);
    assert.equal(found, 0);
    assert.equal(links.linkAbove('/d7/l/x'), undefined);
  });
});
